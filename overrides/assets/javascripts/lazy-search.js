/* Lazy search: Material's bundle starts its search worker and requests search/search_index.json as
   soon as a page loads, which costs every visitor the worker (12 KB gzip) and the index (hundreds
   of kilobytes on a large site). Loaded before the bundle, this script holds both back until the
   visitor starts a search: focus in the search field (click, tap, the "/", "s" and "f" shortcuts,
   or a "?q=" link, which all focus it). The bundle then gets its worker and index as usual.
   The worker started is ours, workers/territoire-search.js, which loads Material's and makes
   search ignore accents (see that file).
   Without JavaScript nothing changes: search needs it anyway. */
(function () {
  "use strict";
  var INDEX = /search\/search_index\.json(\?|$)/;
  var WORKER = /workers\/search\.[^/]*\.js(\?|$)/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var RealWorker = window.Worker;
  var waiting = [];
  var script = document.currentScript;
  var OURS = script ? new URL("workers/territoire-search.js", script.src).href : null;

  /* Material's worker, through ours when this script knows where it is. */
  function startWorker(url, options) {
    if (!OURS) return new RealWorker(url, options);
    var real = new URL(String(url), document.baseURI).href;
    return new RealWorker(OURS + "?worker=" + encodeURIComponent(real), options);
  }
  var released = false;

  function release() {
    if (released) return;
    released = true;
    document.removeEventListener("focusin", onFocus, true);
    waiting.splice(0).forEach(function (start) { start(); });
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
    var request = this, args = arguments;
    if (request.lazySearchIndex && !released) {
      waiting.push(function () { send.apply(request, args); });
      return undefined;
    }
    return send.apply(request, args);
  };

  /* A stand-in for the search worker: it records listeners and messages, and starts the real
     worker on release. The bundle only uses addEventListener, removeEventListener and postMessage. */
  function LazyWorker(url, options) {
    var self = this;
    self.calls = [];
    waiting.push(function () {
      self.real = startWorker(url, options);
      self.calls.splice(0).forEach(function (call) { self.real[call[0]].apply(self.real, call[1]); });
    });
  }
  ["addEventListener", "removeEventListener", "postMessage", "terminate"].forEach(function (name) {
    LazyWorker.prototype[name] = function () {
      if (this.real) return this.real[name].apply(this.real, arguments);
      this.calls.push([name, arguments]);
      return undefined;
    };
  });
  if (RealWorker) {
    window.Worker = function (url, options) {
      if (!WORKER.test(String(url))) return new RealWorker(url, options);
      if (!released) return new LazyWorker(url, options);
      return startWorker(url, options);
    };
    window.Worker.prototype = RealWorker.prototype;
  }

  document.addEventListener("focusin", onFocus, true);
})();
