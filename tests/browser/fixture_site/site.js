"use strict";
(function () {
  const selects = Array.from(document.querySelectorAll("select[data-filter]"));
  function apply() {
    const chosen = selects.filter((s) => s.value).map((s) => [s.name, s.value]);
    document.querySelectorAll("[data-badge]").forEach((card) => {
      card.hidden = !chosen.every(([facet, value]) =>
        (card.getAttribute("data-" + facet) || card.getAttribute("data-" + facet + "s") || "")
          .split(/\s+/).includes(value));
    });
  }
  selects.forEach((s) => s.addEventListener("change", apply));
  const form = document.getElementById("filter-form");
  if (form) { form.hidden = false; }
  document.querySelectorAll("button[data-copy]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => {
      navigator.clipboard.writeText(button.getAttribute("data-copy")).then(() => {
        button.textContent = "Copied";
      });
    });
  });
})();
