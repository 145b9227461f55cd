// The settings page: proposes the browser's own time zone. The server stores only what the
// form posts; without this script the field is typed by hand.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const field = document.getElementById("time_zone");
  const offer = document.querySelector("[data-browser-zone]");
  let zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (_) {
    zone = "";
  }
  if (!field || !offer || !zone || zone === field.value) return;
  offer.querySelector("[data-browser-zone-name]").textContent = zone;
  offer.hidden = false;
  offer.querySelector("[data-use-browser-zone]").addEventListener("click", () => {
    field.value = zone;
    field.focus();
  });
});
