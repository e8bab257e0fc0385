/* Network page: edges re-counted under the filters (same rules as pipeline/report/model.py
   `edges`), drawn with Cytoscape; an edge lists its claims, a node links to its actor page. */
(function () {
  "use strict";
  const D = window.NC_NETWORK;
  const $ = function (id) { return document.getElementById(id); };
  const panel = $("edge-panel");
  const legendHtml = panel.innerHTML;
  let cy = null;

  if (D.dayMin >= 0) {
    [$("f-from"), $("f-to")].forEach(function (el) { el.min = NC.dayToIso(D.dayMin); el.max = NC.dayToIso(D.dayMax); });
  }

  function currentEdges() {
    const rule = D.filters[$("f-act").value];
    const flat = D.links[rule[0]];
    const acts = new Set(rule[1]);
    const from = NC.isoToDay($("f-from").value);
    const to = NC.isoToDay($("f-to").value);
    const minCount = Math.max(1, parseInt($("f-min").value, 10) || 1);
    const groups = new Map();
    for (let i = 0; i < flat.length; i += 5) {
      const day = flat[i + 3];
      if (!acts.has(flat[i + 2])) continue;
      if (from !== null && (day < 0 || day < from)) continue;
      if (to !== null && (day < 0 || day > to)) continue;
      const key = flat[i] + ">" + flat[i + 1];
      let g = groups.get(key);
      if (!g) { g = { s: flat[i], t: flat[i + 1], claims: [] }; groups.set(key, g); }
      g.claims.push(flat[i + 4]);
    }
    const all = Array.from(groups.values()).filter(function (g) { return g.claims.length >= minCount; });
    all.sort(function (a, b) {
      return b.claims.length - a.claims.length || D.nodes[a.s][1].localeCompare(D.nodes[b.s][1]) || D.nodes[a.t][1].localeCompare(D.nodes[b.t][1]);
    });
    return all;
  }

  function draw() {
    const all = currentEdges();
    const maxEdges = Math.max(1, parseInt($("f-max").value, 10) || 1);
    const shown = all.slice(0, maxEdges);
    const used = new Set();
    shown.forEach(function (e) { used.add(e.s); used.add(e.t); });
    const maxMade = Math.max(1, ...Array.from(used).map(function (i) { return D.nodes[i][3]; }));
    const maxCount = Math.max(1, ...shown.map(function (e) { return e.claims.length; }));
    const elements = [];
    used.forEach(function (i) {
      const n = D.nodes[i];
      elements.push({ data: { id: "n" + i, idx: i, label: n[1], type: n[2], colour: D.colours[n[2]] || "#999",
        size: 18 + 42 * Math.sqrt(n[3] / maxMade) } });
    });
    shown.forEach(function (e, k) {
      elements.push({ data: { id: "e" + k, source: "n" + e.s, target: "n" + e.t, count: e.claims.length,
        claims: e.claims, width: 1.5 + 8 * (e.claims.length / maxCount) } });
    });
    $("net-summary").textContent = used.size + " actors, " + shown.length + " edges" +
      (all.length > shown.length ? " (strongest " + shown.length + " of " + all.length + ")" : "");
    if (cy) cy.destroy();
    cy = window.cytoscape({
      container: $("cy"),
      elements: elements,
      wheelSensitivity: 0.3,
      style: [
        { selector: "node", style: { "background-color": "data(colour)", label: "data(label)", width: "data(size)",
          height: "data(size)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 3, color: "#222",
          "text-outline-color": "#fff", "text-outline-width": 2 } },
        { selector: "edge", style: { width: "data(width)", "line-color": "#b04a3a", "target-arrow-color": "#b04a3a",
          "target-arrow-shape": "triangle", "curve-style": "bezier", opacity: 0.75, label: "data(count)",
          "font-size": 9, "text-background-color": "#fff", "text-background-opacity": 0.8 } },
        { selector: ":selected", style: { "line-color": "#1f5fa8", "target-arrow-color": "#1f5fa8", "border-width": 3, "border-color": "#1f5fa8" } },
      ],
      layout: { name: used.size > 1 ? "cose" : "grid", animate: false, randomize: false, nodeRepulsion: 9000, idealEdgeLength: 90, fit: true, padding: 30 },
    });
    cy.on("tap", "edge", function (evt) { showEdge(evt.target.data()); });
    cy.on("tap", "node", function (evt) { showNode(D.nodes[evt.target.data("idx")]); });
    window.NC_CY = cy;
    panel.innerHTML = legendHtml;
  }

  function showNode(n) {
    panel.innerHTML = '<h3><a href="p/' + n[0] + '.html">' + NC.esc(n[1]) + "</a></h3><p>" + NC.esc(n[2]) +
      ", " + n[3] + " claims made</p>" + legendHtml;
  }

  function showEdge(edge) {
    const s = D.nodes[Number(edge.source.slice(1))];
    const t = D.nodes[Number(edge.target.slice(1))];
    panel.innerHTML = "<h3>" + NC.esc(s[1]) + " → " + NC.esc(t[1]) + "</h3><p>" + edge.count + " claims</p><ol class=\"edge-claims\"></ol>";
    const newestFirst = edge.claims.slice().sort(function (a, b) { return b - a; });
    NC.getClaims(newestFirst, D.chunk).then(function (claims) {
      panel.querySelector("ol").innerHTML = claims.map(function (c) {
        return '<li><span class="date">' + NC.esc(c.day) + '</span> <span class="act act-' + c.act + '">' + c.act + "</span> " +
          NC.esc(c.speaker) + (c.cue ? ' <span class="cue">' + NC.esc(c.cue) + "</span>" : "") +
          ': <a href="a/' + c.article_id + ".html#c" + c.claim_id + '">' + NC.esc(c.content) + "</a></li>";
      }).join("");
    }).catch(function (err) { panel.querySelector("ol").textContent = String(err); });
  }

  ["f-act", "f-from", "f-to", "f-min", "f-max"].forEach(function (id) { $(id).addEventListener("change", draw); });
  draw();
})();
