/* Member directory and member pages, progressive enhancement without framework.
 * - Directory: reveals the filter form and filters the cards in place from their data-*
 *   attributes; the result count is announced in a live region; the filters are kept in the
 *   address (?secteur=…&nom=…) so a filtered list can be shared. Without this script the
 *   generated filter pages do the same job.
 * - Member page: rebuilds the e-mail link from its reversed halves (the page never holds the
 *   address whole, which keeps simple harvesters away). */
(function () {
  "use strict";

  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function plural(count, word) {
    return count + " " + word + (count > 1 ? "s" : "");
  }

  function setUpEmails() {
    document.querySelectorAll(".tp-email[data-u][data-d]").forEach(function (span) {
      var reverse = function (text) { return text.split("").reverse().join(""); };
      var address = reverse(span.dataset.u) + "@" + reverse(span.dataset.d);
      var link = document.createElement("a");
      link.href = "mailto:" + address;
      link.textContent = address;
      span.replaceWith(link);
    });
  }

  function setUpFilters() {
    var form = document.getElementById("tp-filter");
    if (!form) { return; }
    var status = document.getElementById("tp-filter-status");
    var empty = document.getElementById("tp-filter-empty");
    var cards = Array.prototype.slice.call(document.querySelectorAll(".tp-member-card"));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var nameBox = form.elements.nom;
    var total = cards.length;

    function apply(announce) {
      var wanted = fold(nameBox.value);
      var shown = 0;
      cards.forEach(function (card) {
        var keep = !wanted || fold(card.dataset.nom).indexOf(wanted) !== -1;
        selects.forEach(function (select) {
          if (keep && select.value) {
            keep = (card.dataset[select.name] || "").split(" ").indexOf(select.value) !== -1;
          }
        });
        card.hidden = !keep;
        if (keep) { shown += 1; }
      });
      empty.hidden = shown !== 0;
      if (announce) {
        status.textContent = shown === total
          ? plural(total, "membre") + (total > 1 ? " affichés." : " affiché.")
          : plural(shown, "membre") + " sur " + total + " correspond" + (shown > 1 ? "ent" : "") + " aux filtres.";
      }
      var query = new URLSearchParams();
      if (nameBox.value.trim()) { query.set("nom", nameBox.value.trim()); }
      selects.forEach(function (select) { if (select.value) { query.set(select.name, select.value); } });
      var search = query.toString();
      history.replaceState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
    }

    var initial = new URLSearchParams(location.search);
    if (initial.get("nom")) { nameBox.value = initial.get("nom"); }
    selects.forEach(function (select) {
      var value = initial.get(select.name);
      if (value && select.querySelector('option[value="' + CSS.escape(value) + '"]')) { select.value = value; }
    });
    form.addEventListener("input", function () { apply(true); });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    apply(initial.toString() !== "");
  }

  function start() {
    setUpEmails();
    setUpFilters();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
