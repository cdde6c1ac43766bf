"use strict";
(function () {
  const attributes = { issuers: "data-issuer", tags: "data-tags", years: "data-year", status: "data-status" };
  const selects = Array.from(document.querySelectorAll("select[data-filter]"));
  function apply() {
    const chosen = selects.filter((s) => s.value).map((s) => [attributes[s.name], s.value]);
    document.querySelectorAll(".card").forEach((card) => {
      card.hidden = !chosen.every(([attribute, value]) =>
        (card.getAttribute(attribute) || "").split(/\s+/).includes(value));
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
  document.querySelectorAll("form.mastodon").forEach((share) => {
    share.addEventListener("submit", (event) => {
      event.preventDefault();
      const server = share.elements.server.value.trim();
      window.open("https://" + server + "/share?text=" + encodeURIComponent(share.dataset.text));
    });
  });
})();
