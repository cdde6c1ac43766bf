// Progressive enhancement only: every feature has a no-JavaScript fallback.
(function () {
  "use strict";

  function filterCards(kind, key) {
    var grid = document.getElementById("badges");
    if (!grid) { return false; }
    var attr = { issuers: "issuer", tags: "tags", years: "year", status: "status" }[kind];
    var shown = 0;
    grid.querySelectorAll(".card").forEach(function (card) {
      var value = card.getAttribute("data-" + attr) || "";
      var match = !key || (attr === "tags" ? value.split(" ").indexOf(key) >= 0 : value === key);
      card.hidden = !match;
      if (match) { shown += 1; }
    });
    var empty = document.querySelector(".filter-empty");
    if (empty) { empty.hidden = shown > 0; }
    return true;
  }

  function setupFilters() {
    var reset = document.querySelector("[data-filter-reset]");
    var links = document.querySelectorAll("[data-filter-kind]");
    links.forEach(function (link) {
      link.addEventListener("click", function (event) {
        var pressed = link.getAttribute("aria-current") === "true";
        links.forEach(function (l) { l.removeAttribute("aria-current"); });
        if (!filterCards(link.dataset.filterKind, pressed ? "" : link.dataset.filterKey)) { return; }
        event.preventDefault();
        if (!pressed) { link.setAttribute("aria-current", "true"); }
        if (reset) { reset.hidden = pressed; }
      });
    });
    if (reset) {
      reset.addEventListener("click", function (event) {
        if (!filterCards("status", "")) { return; }
        event.preventDefault();
        links.forEach(function (l) { l.removeAttribute("aria-current"); });
        reset.hidden = true;
      });
    }
  }

  function setupSharing() {
    document.querySelectorAll(".copy-button").forEach(function (button) {
      if (!navigator.clipboard) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        var input = document.getElementById(button.dataset.copy);
        navigator.clipboard.writeText(input.value).then(function () { button.textContent = "Copied"; });
      });
    });
    document.querySelectorAll(".web-share").forEach(function (button) {
      if (!navigator.share) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.share({ title: button.dataset.title, url: button.dataset.url }).catch(function () {});
      });
    });
    document.querySelectorAll("form.mastodon").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var host = form.elements.instance.value.trim().replace(/^https?:\/\//, "").replace(/\/.*$/, "");
        if (!/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(host)) { form.elements.instance.focus(); return; }
        var url = "https://" + host + "/share?text=" + encodeURIComponent(form.dataset.text);
        window.open(url, "_blank", "noopener");
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupFilters();
    setupSharing();
  });
}());
