/* Search worker of the site: Material's own worker, with accents and case ignored and French
   stemming applied to what the visitor types.

   lazy-search.js starts this script instead of Material's worker and passes that worker's address
   as "?worker="; it is loaded here unchanged (importScripts), then two functions of its Lunr.js are
   wrapped:
   - indexing: every word is folded (lower case already, accents dropped: « Énergie » → « energie »)
     after the stop word filter, which knows French words with their accents;
   - querying: each typed word is folded too, then stemmed by Lunr's French stemmer, and looked up
     as a prefix: « industrielles » looks for « industriel… », « énergie » and « energie » both look
     for « energ… ». Material already looks every word up as a prefix (search as you type), which is
     why it indexes words unstemmed; stemming the query keeps that and adds the word's family.
   A word that is only a stop word (« l », « de ») is left out when the query has other words.
   Nothing leaves the site: the worker, Lunr and its French support are served from here. */
(function () {
  "use strict";
  var MESSAGE_SETUP = 0;
  var own = new URL(self.location.href);
  var worker = own.searchParams.get("worker");
  var target = worker ? new URL(worker, own) : null;
  /* Only Material's worker of this very site is loaded. */
  if (!target || target.origin !== own.origin || !/\/workers\/search\.[^/]*\.js$/.test(target.pathname)) {
    throw new Error("territoire-search: adresse du moteur de recherche refusée");
  }

  var languages = ["en"];
  /* Registered before Material's listener, so that it sees the setup message first. */
  self.addEventListener("message", function (event) {
    var message = event.data;
    if (message && message.type === MESSAGE_SETUP && message.data && message.data.config) {
      languages = message.data.config.lang || languages;
    }
  });

  importScripts(target.href);
  var lunr = self.lunr;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/œ/g, "oe").replace(/æ/g, "ae");
  }

  function foldToken(token) {
    return token.update(fold);
  }
  lunr.Pipeline.registerFunction(foldToken, "territoireFold");

  function language() {
    var lang = languages[0];
    return lang !== "en" && lunr[lang] ? lunr[lang] : lunr;
  }

  function stem(word) {
    var stemmer = language().stemmer;
    return stemmer ? stemmer(new lunr.Token(word)).toString() : word;
  }

  function isStopWord(word) {
    var filter = language().stopWordFilter;
    return filter ? filter(new lunr.Token(word)) === undefined : false;
  }

  /* The longest start shared by the word and its stem: the stem is usually a start of the word,
     but the French stemmer also rewrites a few endings (« différence » → « différent »). */
  function commonStart(word, stemmed) {
    var i = 0;
    while (i < word.length && i < stemmed.length && word[i] === stemmed[i]) i++;
    return word.slice(0, i);
  }

  /* Material sets up the index (language, tokenizer, pipeline) and then names its reference
     field: the pipeline is final at that point. */
  var ref = lunr.Builder.prototype.ref;
  lunr.Builder.prototype.ref = function () {
    this.pipeline.add(foldToken);
    return ref.apply(this, arguments);
  };

  var parse = lunr.QueryParser.prototype.parse;
  lunr.QueryParser.prototype.parse = function () {
    var query = parse.apply(this, arguments);
    var clauses = [];
    query.clauses.forEach(function (clause) {
      var leading = clause.term.charAt(0) === "*";
      var trailing = clause.term.slice(-1) === "*";
      var word = fold(clause.term.replace(/^\*|\*$/g, ""));
      if (!word) return;
      if (trailing) {
        var start = commonStart(word, fold(stem(word)));
        if (start.length >= 2) word = start;
      }
      clause.term = (leading ? "*" : "") + word + (trailing ? "*" : "");
      clause.usePipeline = false;
      clauses.push({ clause: clause, stop: isStopWord(word) });
    });
    var words = clauses.filter(function (item) { return !item.stop; });
    query.clauses = (words.length ? words : clauses).map(function (item) { return item.clause; });
    return query;
  };
})();
