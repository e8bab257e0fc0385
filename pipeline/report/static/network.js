/* Network page: edges re-counted under the filters (same rules as pipeline/report/model.py
   `edges`: the views and pairs of the mart actor_claim_edges), drawn with Cytoscape. Readable
   at hundreds of edges: only the strongest actors are named, groups of actors that talk mostly
   among themselves (label propagation) are laid apart by fcose, and actors can be aggregated
   by type. An edge lists its claims, a node links to its actor page. */
(function () {
  "use strict";
  const D = window.NC_NETWORK;
  const S = D.stride; // speaker, other, act, day, claim number, outlet, folder, confidence (1/1000, -1 unknown)
  const $ = function (id) { return document.getElementById(id); };
  const panel = $("edge-panel");
  const legendHtml = panel.innerHTML;
  const LABELS = parseInt($("filters").dataset.labels, 10) || 25;
  const EDGE_LABELS = 30; // counts written on the strongest edges only
  let cy = null;

  if (window.cytoscapeFcose && !window.cytoscape.prototype.fcoseRegistered) {
    window.cytoscape.use(window.cytoscapeFcose);
    window.cytoscape.prototype.fcoseRegistered = true;
  }
  if (D.dayMin >= 0) {
    [$("f-from"), $("f-to")].forEach(function (el) { el.min = NC.dayToIso(D.dayMin); el.max = NC.dayToIso(D.dayMax); });
  }
  function fill(select, values, blank) {
    values.forEach(function (v, i) {
      const o = document.createElement("option");
      o.value = String(i);
      o.textContent = v || blank;
      select.appendChild(o);
    });
  }
  fill($("f-outlet"), D.outlets, "(no outlet)");
  fill($("f-folder"), D.folders, "(top folder)");

  function nodeKey(i, byType) { return byType ? "t:" + D.nodes[i][2] : "n" + i; }

  function currentEdges() {
    const flat = D.links[$("f-act").value];
    const from = NC.isoToDay($("f-from").value);
    const to = NC.isoToDay($("f-to").value);
    const outlet = $("f-outlet").value === "" ? null : Number($("f-outlet").value);
    const folder = $("f-folder").value === "" ? null : Number($("f-folder").value);
    const byType = $("f-group").value === "type";
    const minCount = Math.max(1, parseInt($("f-min").value, 10) || 1);
    // above 0, a claim counts only when its confidence towards the other actor reaches it
    // (one without is left out): an edge stays when its best claim does, as on the mart;
    // "all" (anyone a claim is about) has no confidence
    const minConf = $("f-act").value === "all" ? 0 : Math.round(1000 * (parseFloat($("f-conf").value) || 0));
    const groups = new Map();
    for (let i = 0; i < flat.length; i += S) {
      const day = flat[i + 3];
      if (from !== null && (day < 0 || day < from)) continue;
      if (to !== null && (day < 0 || day > to)) continue;
      if (outlet !== null && flat[i + 5] !== outlet) continue;
      if (folder !== null && flat[i + 6] !== folder) continue;
      if (minConf > 0 && flat[i + 7] < minConf) continue;
      const s = nodeKey(flat[i], byType), t = nodeKey(flat[i + 1], byType);
      const key = s + ">" + t;
      let g = groups.get(key);
      if (!g) { g = { s: s, t: t, members: new Set(), claims: [] }; groups.set(key, g); }
      g.members.add(flat[i]).add(flat[i + 1]);
      if (g.claims[g.claims.length - 1] !== flat[i + 4]) g.claims.push(flat[i + 4]);
    }
    const all = Array.from(groups.values()).filter(function (g) { return g.claims.length >= minCount; });
    all.sort(function (a, b) {
      return b.claims.length - a.claims.length || nodeName(a.s).localeCompare(nodeName(b.s)) || nodeName(a.t).localeCompare(nodeName(b.t));
    });
    return all;
  }

  function nodeName(key) { return key[0] === "t" ? key.slice(2) : D.nodes[Number(key.slice(1))][1]; }

  // Communities by weighted label propagation, in a fixed order (the same graph, the same groups).
  function communities(ids, shown) {
    const nbrs = new Map(ids.map(function (id) { return [id, new Map()]; }));
    shown.forEach(function (e) {
      if (e.s === e.t) return;
      const w = e.claims.length;
      nbrs.get(e.s).set(e.t, (nbrs.get(e.s).get(e.t) || 0) + w);
      nbrs.get(e.t).set(e.s, (nbrs.get(e.t).get(e.s) || 0) + w);
    });
    const label = new Map(ids.map(function (id) { return [id, id]; }));
    for (let round = 0; round < 20; round++) {
      let changed = false;
      ids.forEach(function (id) {
        const score = new Map();
        nbrs.get(id).forEach(function (w, other) { const l = label.get(other); score.set(l, (score.get(l) || 0) + w); });
        let best = label.get(id), bestScore = score.get(best) || 0;
        score.forEach(function (v, l) { if (v > bestScore || (v === bestScore && l < best)) { best = l; bestScore = v; } });
        if (best !== label.get(id)) { label.set(id, best); changed = true; }
      });
      if (!changed) break;
    }
    return label;
  }

  function elementsOf(shown, byType) {
    const strength = new Map();
    shown.forEach(function (e) {
      strength.set(e.s, (strength.get(e.s) || 0) + e.claims.length);
      strength.set(e.t, (strength.get(e.t) || 0) + e.claims.length);
    });
    const ids = Array.from(strength.keys()).sort();
    const named = new Set(ids.slice().sort(function (a, b) {
      return strength.get(b) - strength.get(a) || (a < b ? -1 : 1);
    }).slice(0, LABELS));
    const made = new Map();
    if (byType) D.nodes.forEach(function (n) { made.set("t:" + n[2], (made.get("t:" + n[2]) || 0) + n[3]); });
    const madeOf = function (id) { return byType ? made.get(id) || 0 : D.nodes[Number(id.slice(1))][3]; };
    const maxMade = Math.max(1, ...ids.map(madeOf));
    const maxCount = Math.max(1, ...shown.map(function (e) { return e.claims.length; }));
    const group = communities(ids, shown);
    const elements = ids.map(function (id) {
      const type = byType ? id.slice(2) : D.nodes[Number(id.slice(1))][2];
      return { data: { id: id, name: nodeName(id), shown: named.has(id) ? nodeName(id) : "", named: named.has(id),
        strength: strength.get(id),
        type: type, colour: D.colours[type] || "#999", community: group.get(id),
        size: 16 + 40 * Math.sqrt(madeOf(id) / maxMade) } };
    });
    shown.forEach(function (e, k) {
      elements.push({ data: { id: "e" + k, source: e.s, target: e.t, count: e.claims.length, claims: e.claims,
        shown: k < EDGE_LABELS ? String(e.claims.length) : "", inside: group.get(e.s) === group.get(e.t),
        width: 1 + 7 * (e.claims.length / maxCount) } });
    });
    return { elements: elements, ids: ids, groups: new Set(group.values()).size };
  }

  function draw() {
    const all = currentEdges();
    const byType = $("f-group").value === "type";
    const maxEdges = Math.max(1, parseInt($("f-max").value, 10) || 1);
    const shown = all.slice(0, maxEdges);
    const built = elementsOf(shown, byType);
    $("net-summary").textContent = built.ids.length + (byType ? " types, " : " actors, ") + shown.length + " edges" +
      (all.length > shown.length ? " (strongest " + shown.length + " of " + all.length + ")" : "") +
      (built.groups > 1 ? ", " + built.groups + " groups" : "");
    if (cy) cy.destroy();
    const fcose = window.cytoscapeFcose && built.ids.length > 2;
    cy = window.cytoscape({
      container: $("cy"),
      elements: built.elements,
      wheelSensitivity: 0.3,
      minZoom: 0.05,
      maxZoom: 2, // a few nodes (actors by type) are not blown up to fill the frame
      style: [
        { selector: "node", style: { "background-color": "data(colour)", label: "data(shown)", width: "data(size)",
          height: "data(size)", "font-size": 12, "text-valign": "bottom", "text-margin-y": 3, color: "#222",
          "text-outline-color": "#fff", "text-outline-width": 2, "min-zoomed-font-size": 7, "z-index": 1 } },
        { selector: "node[?named]", style: { "font-weight": "bold", "z-index": 2, "min-zoomed-font-size": 0 } },
        { selector: "edge", style: { width: "data(width)", "line-color": "#b04a3a", "target-arrow-color": "#b04a3a",
          "target-arrow-shape": "triangle", "curve-style": "bezier", opacity: 0.55, label: "data(shown)",
          "font-size": 9, "text-background-color": "#fff", "text-background-opacity": 0.8, "min-zoomed-font-size": 8 } },
        { selector: "edge[!inside]", style: { opacity: 0.3, "line-style": "dashed" } },
        { selector: "node.crowded", style: { label: "" } },
        { selector: "node.hover", style: { label: "data(name)", "z-index": 9 } },
        { selector: ":selected", style: { "line-color": "#1f5fa8", "target-arrow-color": "#1f5fa8", "border-width": 3, "border-color": "#1f5fa8", opacity: 1 } },
      ],
      layout: fcose ? {
        name: "fcose", quality: "default", randomize: true, animate: false, fit: true, padding: 30,
        nodeSeparation: 90,
        // hubs push harder, so two hubs that share their neighbours are not drawn on one spot
        nodeRepulsion: function (n) { return 9000 * Math.pow(n.data("size") / 16, 2); }, packComponents: true, numIter: 2500,
        idealEdgeLength: function (e) { return e.data("inside") ? 70 : 260; },
        edgeElasticity: function (e) { return e.data("inside") ? 0.45 : 0.05; },
      } : { name: built.ids.length > 1 ? "circle" : "grid", fit: true, padding: 30 },
    });
    if (fcose) { separateNamed(cy); cy.fit(undefined, 30); }
    // names of the strongest actors stay readable (about 12 px on screen) at any zoom, and a
    // name that would cover a stronger actor's name is left to hover at this zoom
    const readable = function () {
      const px = Math.round(12 / Math.min(1, cy.zoom()));
      cy.style().selector("node[?named], node.hover").style("font-size", px).update();
      declutter(cy);
    };
    readable();
    cy.on("zoom", readable);
    // the names grow as the view zooms out: fit again with them until the zoom settles, so the
    // whole network, names included, is in view (a few rounds: each fit changes the names)
    for (let round = 0, zoom = 0; round < 4 && Math.abs(cy.zoom() - zoom) > 1e-3; round++) {
      zoom = cy.zoom();
      cy.fit(undefined, 30);
    }
    cy.on("mouseover", "node", function (evt) { evt.target.addClass("hover"); });
    cy.on("mouseout", "node", function (evt) { evt.target.removeClass("hover"); });
    cy.on("tap", "edge", function (evt) { showEdge(evt.target.data()); });
    cy.on("tap", "node", function (evt) { showNode(evt.target.data()); });
    window.NC_CY = cy;
    panel.innerHTML = legendHtml;
  }

  // Two strong actors that share most of their neighbours are pulled onto one spot by the
  // layout: the weaker is moved out along the line between them (to the right when they
  // coincide) until the two no longer overlap, strongest first, until none do.
  function separateNamed(cy) {
    const named = cy.nodes("[?named]").sort(function (a, b) {
      return b.data("strength") - a.data("strength") || (a.id() < b.id() ? -1 : 1);
    });
    for (let round = 0; round < 50; round++) {
      let moved = false;
      named.forEach(function (a, i) {
        named.forEach(function (b, j) {
          if (j <= i) return;
          const pa = a.position(), pb = b.position();
          const need = (a.width() + b.width()) / 2 + 20;
          let dx = pb.x - pa.x, dy = pb.y - pa.y, d = Math.hypot(dx, dy);
          if (d >= need) return;
          if (d < 1e-6) { dx = 1; dy = 0; d = 1; }
          b.position({ x: pa.x + dx / d * need, y: pa.y + dy / d * need });
          moved = true;
        });
      });
      if (!moved) break;
    }
  }

  // Greedy label placement: strongest first, a name is shown when its box meets no name shown
  // already and no other named actor's disc.
  function declutter(cy) {
    const meets = function (a, b) { return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2; };
    const named = cy.nodes("[?named]").sort(function (a, b) {
      return b.data("strength") - a.data("strength") || (a.id() < b.id() ? -1 : 1);
    });
    const discs = named.map(function (n) { return { id: n.id(), box: n.boundingBox({ includeLabels: false }) }; });
    const kept = [];
    named.forEach(function (n) {
      n.removeClass("crowded");
      const box = n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
      const covered = discs.some(function (d) { return d.id !== n.id() && meets(d.box, box); });
      if (covered || kept.some(function (k) { return meets(k, box); })) n.addClass("crowded");
      else kept.push(box);
    });
  }

  function showNode(n) {
    if (n.id[0] === "t") {
      panel.innerHTML = "<h3>" + NC.esc(n.name) + "</h3><p>all actors of this type</p>" + legendHtml;
      return;
    }
    const node = D.nodes[Number(n.id.slice(1))];
    panel.innerHTML = '<h3><a href="p/' + node[0] + '.html">' + NC.esc(node[1]) + "</a></h3><p>" + NC.esc(node[2]) +
      ", " + node[3] + " claims made</p>" + legendHtml;
  }

  function showEdge(edge) {
    panel.innerHTML = "<h3>" + NC.esc(nodeName(edge.source)) + " → " + NC.esc(nodeName(edge.target)) + "</h3><p>" +
      edge.count + " claims</p><ol class=\"edge-claims\"></ol>";
    const newestFirst = edge.claims.slice().sort(function (a, b) { return b - a; });
    NC.getClaims(newestFirst.slice(0, 200), D.chunk).then(function (claims) {
      panel.querySelector("ol").innerHTML = claims.map(function (c) {
        return '<li><span class="date">' + NC.esc(c.day) + '</span> <span class="act act-' + c.act + '">' + c.act + "</span> " +
          NC.esc(c.speaker) + (c.cue ? ' <span class="cue">' + NC.esc(c.cue) + "</span>" : "") +
          ': <a href="a/' + c.article_id + ".html#c" + c.claim_id + '">' + NC.esc(c.content) + "</a></li>";
      }).join("");
    }).catch(function (err) { panel.querySelector("ol").textContent = String(err); });
  }

  ["f-act", "f-group", "f-outlet", "f-folder", "f-from", "f-to", "f-min", "f-conf", "f-max"].forEach(function (id) {
    $(id).addEventListener("change", draw);
  });
  draw();
})();
