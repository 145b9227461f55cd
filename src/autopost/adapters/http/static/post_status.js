// A post's page, while one of its publications is being published or is due soon: its state
// is asked of the API every few seconds, and the page is loaded again once a publication's
// status changes (so the permalink, the timeline and the buttons are those of the new state).
// Without scripts the page shows the state it was loaded with.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const watched = document.querySelector("[data-watch]");
  if (!watched) return;
  const shown = new Map();
  for (const article of document.querySelectorAll("article[data-publication]")) {
    shown.set(article.dataset.publication, article.dataset.status);
  }
  const every = 3000;
  const look = async () => {
    if (!document.hidden) {
      try {
        const response = await fetch(watched.dataset.watch, {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
        if (response.ok) {
          const post = await response.json();
          const changed = (post.publications || []).some(
            (p) => shown.has(String(p.id)) && shown.get(String(p.id)) !== p.status,
          );
          if (changed) {
            window.location.reload();
            return;
          }
        }
      } catch (error) {
        // The server is restarting, or the network is gone for a moment: ask again later.
      }
    }
    window.setTimeout(look, every);
  };
  window.setTimeout(look, every);
});
