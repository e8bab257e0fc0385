/* Actor page: claims made and about per week (Vega-Lite, vendored), quiet weeks included. */
(function () {
  "use strict";
  const el = document.getElementById("weekly-data");
  if (!el || !window.vegaEmbed) return;
  const weeks = JSON.parse(el.textContent); // [[monday, made, about], ...] in order
  const counts = new Map(weeks.map(function (w) { return [w[0], w]; }));
  const values = [];
  const DAY = 86400000;
  const last = Date.parse(weeks[weeks.length - 1][0] + "T00:00:00Z");
  for (let t = Date.parse(weeks[0][0] + "T00:00:00Z"); t <= last; t += 7 * DAY) {
    const week = new Date(t).toISOString().slice(0, 10);
    const w = counts.get(week) || [week, 0, 0];
    values.push({ week: week, series: "made", claims: w[1] }, { week: week, series: "about", claims: w[2] });
  }
  window.NC_WEEKLY = values;
  const spec = {
    // a few weeks get bars of a readable width; many weeks fill the page
    width: values.length > 60 ? "container" : { step: 26 },
    height: 180,
    data: { values: values },
    mark: { type: "bar", tooltip: true },
    encoding: {
      x: { field: "week", type: "ordinal", title: "week starting", axis: { labelAngle: -45, labelOverlap: true } },
      xOffset: { field: "series", sort: ["made", "about"] },
      y: { field: "claims", type: "quantitative", title: "claims" },
      color: { field: "series", type: "nominal", title: null, legend: { orient: "top" },
        scale: { domain: ["made", "about"], range: ["#1f5fa8", "#e07b39"] } },
    },
  };
  window.vegaEmbed("#weekly", spec, { actions: false, renderer: "svg", mode: "vega-lite" })
    .catch(function (err) { document.getElementById("weekly").textContent = "chart failed: " + err; });
})();
