// The search page: rooz's own index (search/), loaded as script files so it
// works from a server and from disk alike. The query is folded with the
// table the index was built with (search/config.js, from src/render/search.rs)
// and by the same steps: lower case, drop marks, Latin digits, fold letters;
// a ZWNJ splits like a space. Each word of two letters or more is looked up
// as a prefix in its shard; results hold every word, title matches first,
// then in time order.
(function () {
  "use strict";
  var cfg = null;
  var shards = {};
  var docs = {};
  window.roozSearch = {
    // search/config.js, loaded after this file, starts the page.
    config: function (c) { cfg = c; start(); },
    shard: function (k, data) { shards[k] = data; },
    docs: function (c, data) { docs[c] = data; }
  };

  // Loads search/NAME.js once; resolves when it has run.
  function load(name, store, key) {
    return store[key] ? Promise.resolve() : window.roozLoad(name + ".js");
  }

  function dropped(code) {
    for (var i = 0; i < cfg.drop.length; i++) {
      if (code >= cfg.drop[i][0] && code <= cfg.drop[i][1]) return true;
    }
    return false;
  }

  function normalise(text) {
    var out = "";
    for (var ch of text.toLowerCase()) {
      var code = ch.codePointAt(0);
      if (dropped(code)) continue;
      if (code >= 0x06f0 && code <= 0x06f9) ch = String(code - 0x06f0);
      else if (code >= 0x0660 && code <= 0x0669) ch = String(code - 0x0660);
      else if (cfg.fold[ch]) ch = cfg.fold[ch];
      out += ch;
    }
    return out;
  }

  function words(query) {
    var out = [];
    normalise(query).split(/[^\p{Alphabetic}\p{N}\u200c]+/u).forEach(function (compound) {
      compound.split("\u200c").forEach(function (w) { if (w) out.push(w); });
    });
    return out;
  }

  function shardOf(token) {
    var h = 2166136261;
    var n = 0;
    for (var ch of token) {
      if (n++ === 2) break;
      h = (h ^ ch.codePointAt(0)) >>> 0;
      h = Math.imul(h, 16777619) >>> 0;
    }
    return h % cfg.shards;
  }

  // Programme number -> in the title, for every token starting with `word`.
  function lookup(word) {
    var data = shards[shardOf(word)];
    var found = new Map();
    var lo = 0;
    var hi = data.length / 2;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (data[mid * 2] < word) lo = mid + 1; else hi = mid;
    }
    for (var i = lo; i < data.length / 2 && data[i * 2].startsWith(word); i++) {
      var n = 0;
      data[i * 2 + 1].split(" ").forEach(function (code) {
        var v = parseInt(code, 36);
        n += Math.floor(v / 2);
        found.set(n, found.get(n) || v % 2 === 1);
      });
    }
    return found;
  }

  function search(query) {
    var all = words(query);
    var usable = all.filter(function (w) { return Array.from(w).length >= 2; });
    if (!usable.length) return Promise.resolve({ short: all.length > 0, hits: [] });
    var keys = usable.map(shardOf);
    return Promise.all(keys.map(function (k) { return load("i-" + k, shards, k); })).then(function () {
      var started = performance.now();
      var hits = null;
      usable.forEach(function (w) {
        var found = lookup(w);
        if (hits === null) {
          hits = new Map();
          found.forEach(function (title, n) { hits.set(n, title ? 1 : 0); });
        } else {
          var next = new Map();
          hits.forEach(function (score, n) {
            if (found.has(n)) next.set(n, score + (found.get(n) ? 1 : 0));
          });
          hits = next;
        }
      });
      var list = Array.from(hits.entries()).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; })
        .map(function (e) { return e[0]; });
      return { hits: list, ms: performance.now() - started };
    });
  }

  function start() {
    var form = document.querySelector("[data-search]");
    if (!form) return;
    var input = form.querySelector("input[name=q]");
    var status = document.querySelector("[data-search-status]");
    var results = document.querySelector("[data-search-results]");
    var more = document.querySelector("[data-search-more]");
    var root = results.getAttribute("data-root");
    var number = new Intl.NumberFormat(document.documentElement.lang || undefined);
    var shown = 0;
    var current = [];
    var generation = 0;

    function plural(n) {
      var rules = new Intl.PluralRules(document.documentElement.lang || undefined);
      var key = rules.select(n) === "one" ? "search_results_one" : "search_results_other";
      return cfg.strings[key].replace("{n}", number.format(n));
    }

    function show(count) {
      var upto = Math.min(current.length, shown + count);
      var needed = {};
      for (var i = shown; i < upto; i++) needed[Math.floor(current[i] / cfg.perDoc)] = true;
      var mine = generation;
      return Promise.all(Object.keys(needed).map(function (c) { return load("d-" + c, docs, c); })).then(function () {
        if (mine !== generation) return;
        for (var i = shown; i < upto; i++) {
          var n = current[i];
          var d = docs[Math.floor(n / cfg.perDoc)][n % cfg.perDoc];
          var li = document.createElement("li");
          li.className = "result" + (d[5] ? " is-cancelled" : "");
          var a = document.createElement("a");
          a.href = root + d[0];
          a.textContent = d[1];
          var h = document.createElement("h2");
          h.className = "card-heading";
          h.appendChild(a);
          li.appendChild(h);
          var meta = document.createElement("p");
          meta.className = "meta parts";
          [d[2], d[3], d[4]].concat(d[5] ? [cfg.strings.status_cancelled] : []).forEach(function (t) {
            var span = document.createElement("span");
            span.textContent = t;
            meta.appendChild(span);
          });
          li.appendChild(meta);
          results.appendChild(li);
        }
        shown = upto;
        more.hidden = shown >= current.length;
      });
    }

    function run() {
      var query = input.value.trim();
      var mine = ++generation;
      results.textContent = "";
      shown = 0;
      current = [];
      more.hidden = true;
      if (!query) { status.textContent = ""; return Promise.resolve(); }
      return search(query).then(function (r) {
        if (mine !== generation) return;
        current = r.hits;
        status.setAttribute("data-ms", r.ms === undefined ? "" : r.ms.toFixed(2));
        status.textContent = r.short ? cfg.strings.search_short
          : current.length ? plural(current.length) : cfg.strings.search_none;
        return show(20);
      }).then(function () {
        if (mine === generation) form.setAttribute("data-searched", query);
      });
    }

    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        run();
        try { history.replaceState(null, "", "?q=" + encodeURIComponent(input.value.trim())); } catch (e) { /* file: URLs */ }
      }, 120);
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
    more.addEventListener("click", function () { show(20); });
    form.hidden = false;
    var q = new URLSearchParams(location.search).get("q");
    if (q) input.value = q;
    run();
  }
})();
