/* Lazy search: Material's bundle requests search/search_index.json as soon as a page loads, which
   costs hundreds of kilobytes to every visitor. Loaded before the bundle, this script holds that
   one request back until the visitor starts a search: focus in the search field (click, tap, or
   the "/", "s" and "f" shortcuts, or a "?q=" link, which all focus it). The bundle then gets its index
   as usual. Without JavaScript nothing changes: search needs it anyway. */
(function () {
  "use strict";
  var INDEX = /search\/search_index\.json(\?|$)/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];
  var released = false;

  function release() {
    if (released) return;
    released = true;
    document.removeEventListener("focusin", onFocus, true);
    held.splice(0).forEach(function (request) { send.apply(request.xhr, request.args); });
  }

  function onFocus(event) {
    var target = event.target;
    if (target && target.form && target.form.name === "search") release();
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.lazySearchIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.lazySearchIndex && !released) {
      held.push({ xhr: this, args: arguments });
      return undefined;
    }
    return send.apply(this, arguments);
  };

  // A "?q=" link works too: the bundle opens the search and focuses the field.
  document.addEventListener("focusin", onFocus, true);
})();
