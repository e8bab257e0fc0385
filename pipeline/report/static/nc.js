/* Shared helpers of the report pages: lazy data files (loaded as scripts, so they work from
   file://), claim records, escaping and dates. */
(function () {
  "use strict";
  const NC = (window.NC = window.NC || {});
  const loaded = {};
  NC.root = (document.currentScript && document.currentScript.src.replace(/static\/nc\.js.*$/, "")) || "";

  NC.loadScript = function (path) {
    if (!loaded[path]) {
      loaded[path] = new Promise(function (resolve, reject) {
        const s = document.createElement("script");
        s.src = NC.root + path;
        s.onload = resolve;
        s.onerror = function () { reject(new Error("could not load " + path)); };
        document.head.appendChild(s);
      });
    }
    return loaded[path];
  };

  // Claim records, in chunks by claim number (0 = oldest).
  NC.claimChunks = {};
  NC.claimChunk = function (k, rows) { NC.claimChunks[k] = rows; };
  NC.claimFields = ["claim_id", "article_id", "speaker_actor_id", "speaker", "cue", "act", "form", "day", "content", "confidence"];
  NC.getClaims = function (numbers, chunkSize) {
    const chunks = Array.from(new Set(numbers.map(function (n) { return Math.floor(n / chunkSize); })));
    return Promise.all(chunks.map(function (k) {
      return NC.loadScript("data/claims/" + String(k).padStart(4, "0") + ".js");
    })).then(function () {
      return numbers.map(function (n) {
        const row = NC.claimChunks[Math.floor(n / chunkSize)][n % chunkSize];
        const rec = {};
        NC.claimFields.forEach(function (f, i) { rec[f] = row[i]; });
        return rec;
      });
    });
  };

  NC.esc = function (s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  };
  NC.dayToIso = function (d) { return d < 0 ? "" : new Date(d * 86400000).toISOString().slice(0, 10); };
  NC.isoToDay = function (s) { return s ? Math.round(Date.parse(s + "T00:00:00Z") / 86400000) : null; };

  NC.claimRow = function (c) {
    const speaker = c.speaker_actor_id
      ? '<a class="actor" href="' + NC.root + "p/" + c.speaker_actor_id + '.html">' + NC.esc(c.speaker) + "</a>"
      : NC.esc(c.speaker || "(unattributed)");
    return "<tr><td class=\"date\">" + NC.esc(c.day) + "</td><td>" + speaker +
      (c.cue ? ' <span class="cue">' + NC.esc(c.cue) + "</span>" : "") +
      '</td><td><span class="act act-' + c.act + '">' + c.act + "</span></td>" +
      '<td><a href="' + NC.root + "a/" + c.article_id + ".html#c" + c.claim_id + '">' + NC.esc(c.content) + "</a></td></tr>";
  };

  // Same tokens as pipeline/report/search.py: NFKD, accents dropped, lower case, word runs.
  NC.tokens = function (s) {
    return (s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().match(/[\p{L}\p{N}_]+/gu) || []);
  };
  // Same stems as pipeline/report/search.py `stem`: plural, -ing/-ed, final e, doubled consonant.
  NC.stem = function (token) {
    let w = token;
    if (w.length > 4 && w.endsWith("ies") && !/(eies|aies)$/.test(w)) w = w.slice(0, -3) + "y";
    else if (w.length > 4 && w.endsWith("es") && !/(aes|ees|oes)$/.test(w)) w = w.slice(0, -1);
    else if (w.length > 3 && w.endsWith("s") && !/(ss|us|is|ws)$/.test(w)) w = w.slice(0, -1);
    for (const suffix of ["ing", "ed"]) {
      if (w.endsWith(suffix) && w.length - suffix.length >= 4 && /[aeiouy]/.test(w.slice(0, -suffix.length))) {
        w = w.slice(0, -suffix.length);
        if (w.endsWith("i")) w = w.slice(0, -1) + "y";
        break;
      }
    }
    if (w.length > 4 && w.endsWith("e")) w = w.slice(0, -1);
    if (w.length > 4 && w[w.length - 1] === w[w.length - 2] && !"aeiouls".includes(w[w.length - 1])) w = w.slice(0, -1);
    return w;
  };
  NC.shardName = function (token) {
    const key = Array.from(token).slice(0, 2).join("");
    return /^[a-z0-9]{2}$/.test(key) ? key : "u" + Array.from(key).map(function (c) { return c.codePointAt(0).toString(16); }).join("-");
  };
})();
