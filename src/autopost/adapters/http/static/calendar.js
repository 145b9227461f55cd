// The calendar: drag an entry to another day. The entry keeps its local time; the move is
// sent as the entry's own "Move" form (with its CSRF token), then the page is loaded again.
// Without scripts, or from the keyboard, that form does the same.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const status = document.getElementById("calendar-status");
  const say = (words) => { if (status) status.textContent = words; };
  // The page's words, in its language (the template puts them on the status line).
  const phrase = (name, english) => (status && status.dataset[name]) || english;

  const refusal = async (response) => {
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const alert = page.querySelector("[role=alert]");
    const notMoved = phrase("notMoved", "The post was not moved ({status}).");
    return alert ? alert.textContent.trim() : notMoved.replace("{status}", response.status);
  };

  const showRefusal = (words) => {
    let box = document.getElementById("calendar-refusal");
    if (!box) {
      box = document.createElement("div");
      box.id = "calendar-refusal";
      box.className = "problem";
      box.setAttribute("role", "alert");
      const heading = document.getElementById("calendar-title");
      heading.parentNode.insertBefore(box, heading.nextSibling);
    }
    box.textContent = words;
  };

  const move = async (form, day) => {
    const data = new FormData(form);
    data.set("date", day);
    const token = data.get("csrfmiddlewaretoken") || "";
    say(phrase("moving", "Moving the post…"));
    const response = await fetch(form.action, {
      method: "POST",
      body: new URLSearchParams(data),
      headers: { "X-CSRFToken": token },
      credentials: "same-origin",
    });
    if (response.ok) {
      window.location.reload();
      return;
    }
    const words = await refusal(response);
    say(words);
    showRefusal(words);
  };

  let dragged = null;
  for (const entry of document.querySelectorAll(".cal-entry[data-move-form]")) {
    entry.addEventListener("dragstart", (event) => {
      dragged = entry;
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", entry.dataset.moveForm);
    });
    entry.addEventListener("dragend", () => { dragged = null; });
  }
  for (const day of document.querySelectorAll(".cal-day[data-date]")) {
    day.addEventListener("dragover", (event) => {
      if (!dragged) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      day.classList.add("drop-target");
    });
    day.addEventListener("dragleave", () => day.classList.remove("drop-target"));
    day.addEventListener("drop", (event) => {
      day.classList.remove("drop-target");
      const id = event.dataTransfer.getData("text/plain") || (dragged && dragged.dataset.moveForm);
      const form = id && document.getElementById(id);
      if (!form) return;
      event.preventDefault();
      if (form.querySelector("[name=date]").value === day.dataset.date) return;
      move(form, day.dataset.date).catch(() => showRefusal(phrase("unreachable", "The post was not moved: Autopost could not be reached.")));
    });
  }
});
