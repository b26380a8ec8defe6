/* Agenda, progressive enhancement: the pages are complete without this script.
   1. Upcoming/past lists, "next events" and the month grid's "today" were computed when the site
      was built; this corrects them from today's date in the agenda's time zone.
   2. On an edition page, the filter form narrows the list instantly (the filter links work
      without JavaScript). */
(function () {
  "use strict";
  var script = document.currentScript;
  var zone = script && script.getAttribute("data-zone");
  var today;
  try {
    // sv-SE formats dates as YYYY-MM-DD.
    today = new Intl.DateTimeFormat("sv-SE", zone ? { timeZone: zone } : {}).format(new Date());
  } catch (error) {
    today = new Date().toISOString().slice(0, 10);
  }
  function isPast(item) { return item.getAttribute("data-last") < today; }
  function each(selector, root, callback) {
    Array.prototype.forEach.call((root || document).querySelectorAll(selector), callback);
  }
  function refreshGroups(section) {
    var any = false;
    each(".tp-month-group", section, function (group) {
      var visible = group.querySelectorAll(".tp-event:not([hidden])").length > 0;
      group.hidden = !visible;
      any = any || visible;
    });
    var empty = section.querySelector("[data-agenda-empty]");
    if (empty) { empty.hidden = any; }
  }
  function run() {
    each("[data-agenda-upcoming]", null, function (section) {
      each(".tp-event", section, function (item) { item.hidden = isPast(item); });
      refreshGroups(section);
    });
    each("[data-agenda-past]", null, function (section) {
      each(".tp-event", section, function (item) { item.hidden = !isPast(item); });
      refreshGroups(section);
    });
    each("[data-agenda-next]", null, function (section) {
      var limit = parseInt(section.getAttribute("data-agenda-next"), 10);
      var shown = 0;
      each(".tp-event", section, function (item) {
        var show = !isPast(item) && shown < limit;
        item.hidden = !show;
        if (show) { shown += 1; }
      });
      // A band with nothing left to show is hidden, as the build leaves it out.
      section.hidden = shown === 0;
    });
    each("td[data-day]", null, function (cell) {
      var isToday = cell.getAttribute("data-day") === today;
      cell.classList.toggle("tp-today", isToday);
      if (isToday) { cell.setAttribute("aria-current", "date"); } else { cell.removeAttribute("aria-current"); }
    });
    each("form[data-live-filter]", null, function (form) {
      var list = document.querySelector("[data-live-list]");
      var count = form.querySelector("[data-live-count]");
      var attributes = { type: "data-type", "public": "data-publics", commune: "data-commune", jour: "data-days" };
      function apply() {
        var shown = 0;
        each(".tp-event", list, function (item) {
          var keep = true;
          each("select", form, function (select) {
            if (select.value) {
              var values = (item.getAttribute(attributes[select.name]) || "").split(" ");
              keep = keep && values.indexOf(select.value) !== -1;
            }
          });
          item.hidden = !keep;
          if (keep) { shown += 1; }
        });
        count.textContent = shown === 0 ? "Aucun événement ne correspond à ces filtres."
          : shown + (shown > 1 ? " événements affichés." : " événement affiché.");
      }
      form.addEventListener("change", apply);
      form.addEventListener("submit", function (event) { event.preventDefault(); });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", run); } else { run(); }
})();
