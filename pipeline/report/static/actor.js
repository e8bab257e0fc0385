/* Actor page: the weekly claims chart (Vega-Lite, vendored). */
(function () {
  "use strict";
  const el = document.getElementById("weekly-spec");
  if (!el || !window.vegaEmbed) return;
  window.vegaEmbed("#weekly", JSON.parse(el.textContent), { actions: false, renderer: "svg", mode: "vega-lite" })
    .catch(function (err) { document.getElementById("weekly").textContent = "chart failed: " + err; });
})();
