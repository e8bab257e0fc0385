/* Claim search over a pre-built inverted index (pipeline/report/search.py): shards of postings
   by the first two letters of a word, loaded on demand; results paged, newest first. */
(function () {
  "use strict";
  const M = window.NC_SEARCH;
  const $ = function (id) { return document.getElementById(id); };
  const PAGE = 50;
  const shards = {};
  const stop = new Set(M.stopwords);
  let results = [];
  let page = 0;
  let seq = 0;

  NC.searchShard = function (name, postings) { shards[name] = postings; };

  function decode(deltas) {
    const out = new Array(deltas.length);
    let n = 0;
    for (let i = 0; i < deltas.length; i++) { n += deltas[i]; out[i] = n; }
    return out;
  }
  function union(lists) {
    if (lists.length === 1) return lists[0];
    const set = new Set();
    lists.forEach(function (l) { l.forEach(function (n) { set.add(n); }); });
    return Array.from(set).sort(function (a, b) { return a - b; });
  }
  function intersect(a, b) {
    const out = [];
    let i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; } else if (a[i] < b[j]) i++; else j++;
    }
    return out;
  }

  // [{token, mark, prefix}] from the query text; "speaker:name" limits a word to speakers
  // (mark "~"), "accused:name" to the actors a claim accuses (mark "!"). Words are stemmed.
  const FIELDS = { "speaker:": "~", "accused:": "!" };
  function terms(text) {
    const out = [];
    text.split(/\s+/).filter(Boolean).forEach(function (part) {
      const field = Object.keys(FIELDS).find(function (f) { return part.toLowerCase().startsWith(f); });
      const mark = field ? FIELDS[field] : "";
      NC.tokens(field ? part.slice(field.length) : part).forEach(function (token) {
        if (token.length > 1 && !stop.has(token)) out.push({ token: token, mark: mark, prefix: false });
      });
    });
    if (out.length && !/\s$/.test(text)) out[out.length - 1].prefix = true;
    return out;
  }

  function postings(term) {
    const name = NC.shardName(term.token);
    if (!M.shards[name]) return Promise.resolve([]);
    return NC.loadScript("data/search/" + name + ".js").then(function () {
      const shard = shards[name];
      const key = term.mark + NC.stem(term.token);
      if (!term.prefix) return shard[key] ? decode(shard[key]) : [];
      // the word being typed: every key it starts, and its own stem
      const start = term.mark + term.token;
      const keys = Object.keys(shard).filter(function (k) {
        return k === key || (k.startsWith(start) && (term.mark || !"~!".includes(k[0])));
      });
      return union(keys.map(function (k) { return decode(shard[k]); }));
    });
  }

  function run() {
    const mine = ++seq;
    const t0 = performance.now();
    const ts = terms($("q").value);
    const act = $("act").value;
    const code = act ? String(M.acts.indexOf(act)) : null;
    const found = ts.length ? Promise.all(ts.map(postings)).then(function (lists) {
      lists.sort(function (a, b) { return a.length - b.length; });
      return lists.reduce(intersect);
    }) : Promise.resolve(null);
    found.then(function (hits) {
      if (mine !== seq) return;
      let ids = [];
      if (hits === null) {
        for (let n = M.n - 1; n >= 0; n--) if (!code || M.actCodes[n] === code) ids.push(n);
      } else {
        for (let i = hits.length - 1; i >= 0; i--) if (!code || M.actCodes[hits[i]] === code) ids.push(hits[i]);
      }
      results = ids; // newest (highest number) first
      page = 0;
      render(performance.now() - t0);
    });
  }

  function render(ms) {
    const mine = seq;
    const pages = Math.max(1, Math.ceil(results.length / PAGE));
    page = Math.min(Math.max(0, page), pages - 1);
    const slice = results.slice(page * PAGE, (page + 1) * PAGE);
    if (ms !== undefined) $("search-summary").textContent = results.length + " claims (" + Math.round(ms) + " ms)";
    $("page").textContent = "page " + (page + 1) + " of " + pages;
    NC.getClaims(slice, M.chunk).then(function (claims) {
      if (mine !== seq) return;
      $("results").tBodies[0].innerHTML = claims.map(NC.claimRow).join("");
      document.body.dataset.searchDone = String(mine);
    });
  }

  let timer = null;
  $("q").addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 120); });
  $("act").addEventListener("change", run);
  $("prev").addEventListener("click", function () { page--; render(); });
  $("next").addEventListener("click", function () { page++; render(); });
  const fromHash = decodeURIComponent(location.hash.slice(1));
  if (fromHash) $("q").value = fromHash;
  run();
})();
