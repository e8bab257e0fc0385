/* Actors and articles lists: filter by name (and type), 100 rows a page. */
(function () {
  "use strict";
  const L = window.NC_LIST;
  const $ = function (id) { return document.getElementById(id); };
  const PAGE = 100;
  let page = 0;
  let rows = L.rows;
  function apply() {
    const words = NC.tokens($("filter").value);
    const type = $("type") ? $("type").value : "";
    rows = L.rows.filter(function (r) {
      if (type && r[L.typeCol] !== type) return false;
      const hay = NC.tokens(String(r[1])).join(" ");
      return words.every(function (w) { return hay.indexOf(w) >= 0; });
    });
    page = 0;
    render();
  }
  function render() {
    const pages = Math.max(1, Math.ceil(rows.length / PAGE));
    page = Math.min(Math.max(0, page), pages - 1);
    $("list-summary").textContent = rows.length + " of " + L.rows.length;
    $("page").textContent = "page " + (page + 1) + " of " + pages;
    $("listing").tBodies[0].innerHTML = rows.slice(page * PAGE, (page + 1) * PAGE).map(function (r) {
      return "<tr><td><a href=\"" + L.prefix + r[0] + '.html">' + NC.esc(r[1]) + "</a></td>" +
        r.slice(2).map(function (v) { return "<td>" + NC.esc(v) + "</td>"; }).join("") + "</tr>";
    }).join("");
  }
  $("filter").addEventListener("input", apply);
  if ($("type")) $("type").addEventListener("change", apply);
  $("prev").addEventListener("click", function () { page--; render(); });
  $("next").addEventListener("click", function () { page++; render(); });
  render();
})();
