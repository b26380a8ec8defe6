/*
 * The web editor's setup (/admin/ only; no public page loads this file).
 *
 * - Decap CMS waits (CMS_MANUAL_INIT) until this script starts it: on 127.0.0.1 or localhost,
 *   with config.json (generated from the models) and the local proxy of « python3 tasks.py cms » on the page's own origin, so that the page
 *   calls no other host; elsewhere with the Git host of config.yml.
 * - Previews use the site's stylesheet and colours, dates in French (« 1er octobre 2019 »).
 * - Saving is refused while a picture has no alternative text (the build would refuse it too).
 */
(function () {
  "use strict";
  window.CMS_MANUAL_INIT = true;

  var MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                "septembre", "octobre", "novembre", "décembre"];

  function frenchDate(text) {
    var match = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(text || ""));
    if (!match) return "";
    var day = parseInt(match[3], 10);
    return (day === 1 ? "1er" : String(day)) + " " + MONTHS[parseInt(match[2], 10) - 1] + " " + match[1];
  }

  function missingAlt(value, path) {
    // The first picture without its text, as a path of keys, or null.
    if (Array.isArray(value)) {
      for (var i = 0; i < value.length; i++) {
        var found = missingAlt(value[i], path.concat(String(i + 1)));
        if (found) return found;
      }
    } else if (value && typeof value === "object") {
      var keys = Object.keys(value);
      for (var k = 0; k < keys.length; k++) {
        var key = keys[k];
        var isPicture = key === "image" || key === "logo";
        if (key === "image" && value.image && !String(value.image_alt || "").trim()) {
          return path.concat(key);
        }
        if (!isPicture) {
          var inner = missingAlt(value[key], path.concat(key));
          if (inner) return inner;
        }
      }
    }
    return null;
  }

  function start() {
    var CMS = window.CMS;
    var settings = JSON.parse(document.getElementById("territoire-cms").textContent);
    var stylesheet = new URL(settings.stylesheet, document.baseURI).href;
    CMS.registerPreviewStyle(stylesheet);
    CMS.registerPreviewStyle(":root{--tp-primary:" + settings.primary + ";--tp-accent:" +
                             settings.accent + "}", { raw: true });

    var h = window.h;
    var ArticlePreview = window.createClass({
      render: function () {
        var entry = this.props.entry;
        var image = entry.getIn(["data", "image"]);
        var categories = entry.getIn(["data", "categories"]);
        var category = categories && categories.first ? categories.first() : "";
        return h("article", { className: "md-content tp-page" },
          h("header", { className: "tp-page-head" },
            h("p", { className: "tp-page-head__kicker" }, category || ""),
            h("h1", {}, entry.getIn(["data", "title"]) || ""),
            h("p", { className: "tp-page-head__lead" }, entry.getIn(["data", "resume"]) || ""),
            h("p", {}, h("time", { dateTime: entry.getIn(["data", "date"]) || "" },
                         frenchDate(entry.getIn(["data", "date"]))))),
          h("div", { className: "md-content__inner md-typeset tp-page__body" },
            image ? h("img", { src: this.props.getAsset(image).toString(),
                               alt: entry.getIn(["data", "image_alt"]) || "" }) : null,
            this.props.widgetFor("body")));
      }
    });
    var ProfilePreview = window.createClass({
      render: function () {
        var entry = this.props.entry;
        var logo = entry.getIn(["data", "logo"]);
        return h("article", { className: "md-content tp-page" },
          h("header", { className: "tp-page-head" },
            logo ? h("img", { src: this.props.getAsset(logo).toString(), alt: "" }) : null,
            h("p", { className: "tp-page-head__lead" }, entry.getIn(["data", "accroche"]) || "")),
          h("div", { className: "md-content__inner md-typeset tp-page__body" },
            this.props.widgetFor("description")));
      }
    });
    CMS.registerPreviewTemplate("actualites", ArticlePreview);
    CMS.registerPreviewTemplate("profils", ProfilePreview);

    CMS.registerEventListener({
      name: "preSave",
      handler: function (event) {
        var data = event.entry.get("data");
        var where = missingAlt(data && data.toJS ? data.toJS() : data, []);
        if (where) {
          throw new Error("Texte alternatif manquant pour l'image « " + where.join(" › ") +
                          " » : décrivez ce que montre l'image.");
        }
        return data;
      }
    });

    fetch(new URL("config.json", document.baseURI).href, { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (config) {
        config.load_config_file = false;
        var local = ["localhost", "127.0.0.1"].indexOf(window.location.hostname) !== -1;
        if (local) {
          config.local_backend = { url: window.location.origin + "/api/v1" };
        } else {
          delete config.local_backend;
        }
        CMS.init({ config: config });
      });
  }

  document.addEventListener("DOMContentLoaded", start);
})();
