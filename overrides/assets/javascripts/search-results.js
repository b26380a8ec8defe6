/* Search results: what each result is (« Membre », « Événement · 30 mars 2018 »), above its title.
   Material prints an entry's tags (territoire/engine/search_index.py puts the label and the date
   there) as a <nav> after the text, one per result: as many unnamed landmarks for screen readers,
   in light grey. Each one becomes a plain line of text at the top of its result. Search needs
   JavaScript anyway; without it, pages read as usual. */
(function () {
  "use strict";
  var list = document.querySelector(".md-search-result__list");
  if (!list || !window.MutationObserver) return;

  function relabel(nav) {
    var line = document.createElement("p");
    line.className = "tp-search-kind";
    Array.prototype.slice.call(nav.querySelectorAll(".md-tag"), 0, 2).forEach(function (tag, index) {
      var part = document.createElement("span");
      part.className = index === 0 ? "tp-search-kind__label" : "tp-search-kind__date";
      part.textContent = tag.textContent;
      line.appendChild(part);
    });
    var article = nav.parentNode;
    var title = article.querySelector("h1, h2");
    article.insertBefore(line, title || article.firstChild);
    article.removeChild(nav);
  }

  new MutationObserver(function () {
    Array.prototype.forEach.call(list.querySelectorAll("nav.md-tags"), relabel);
  }).observe(list, { childList: true, subtree: true });
})();
