/* Article page: hovering a claim marks its words; clicking marked words shows their claim. */
(function () {
  "use strict";
  const marks = Array.from(document.querySelectorAll("#text mark"));
  const byClaim = {};
  marks.forEach(function (m) {
    (m.dataset.h || "").split(" ").forEach(function (key) {
      const i = key.slice(0, -1);
      (byClaim[i] = byClaim[i] || []).push(m);
    });
  });
  function focus(i, on) {
    (byClaim[i] || []).forEach(function (m) { m.classList.toggle("focus", on); });
  }
  document.querySelectorAll(".claim").forEach(function (card) {
    const i = card.dataset.i;
    card.addEventListener("mouseenter", function () { focus(i, true); });
    card.addEventListener("mouseleave", function () { focus(i, false); });
  });
  marks.forEach(function (m) {
    m.addEventListener("click", function () {
      const first = (m.dataset.h || "").split(" ")[0].slice(0, -1);
      const card = document.querySelector('.claim[data-i="' + first + '"]');
      if (!card) return;
      document.querySelectorAll(".claim.on").forEach(function (c) { c.classList.remove("on"); });
      card.classList.add("on");
      card.scrollIntoView({ block: "nearest", behavior: "smooth" });
    });
  });
  const target = location.hash && document.getElementById(location.hash.slice(1));
  if (target && target.classList.contains("claim")) {
    target.classList.add("on");
    focus(target.dataset.i, true);
    const first = (byClaim[target.dataset.i] || [])[0];
    if (first) first.scrollIntoView({ block: "center" });
  }
})();
