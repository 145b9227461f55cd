// The compose page: live counters against the platforms' limits, a preview of each media,
// and only the fields of the accounts chosen. A help only: the rules are checked by Autopost
// when the form is sent, and the page works without this script.
"use strict";

(function () {
  const form = document.getElementById("compose");
  if (!form) return;

  // The same hashtags Autopost counts (instagram_rules._HASHTAG): "#" and word characters,
  // not right after a word character or "&".
  const HASHTAG = /(?<![\p{L}\p{N}_&])#[\p{L}\p{N}_]+/gu;
  const VIDEO = /\.(mp4|mov|m4v)$/i;
  const length = (text) => Array.from(text).length; // code points, as Python counts

  function show(name, value) {
    const counter = form.querySelector(`[data-count="${name}"]`);
    if (!counter) return;
    const limit = Number(counter.dataset.limit);
    const words = counter.textContent.replace(/^\s*\d+\s*\/\s*\d+/, "");
    counter.textContent = `${value} / ${limit}${words}`;
    counter.classList.toggle("over", value > limit);
  }

  function field(name) {
    return form.elements.namedItem(name);
  }

  function lines(text) {
    return text.split("\n").map((line) => line.trim()).filter(Boolean);
  }

  function count() {
    const caption = field("caption");
    if (caption) {
      show("caption", length(caption.value));
      show("hashtags", (caption.value.match(HASHTAG) || []).length);
    }
    const tags = field("user_tags");
    if (tags) show("user_tags", lines(tags.value).length);
    for (const name of ["title", "description"]) {
      const input = field(name);
      if (input) show(name, length(input.value));
    }
  }

  // "Preview of …" in the page's language (the previews box carries it, with {url} in it).
  function previewOf(url) {
    const box = document.getElementById("media-previews");
    const words = (box && box.dataset.previewOf) || "Preview of {url}";
    return words.replace("{url}", url);
  }

  function preview() {
    const media = field("media");
    const box = document.getElementById("media-previews");
    if (!media || !box) return;
    box.replaceChildren();
    for (const url of lines(media.value)) {
      if (!url.startsWith("https://")) continue;
      const path = url.split("?")[0];
      const element = document.createElement(VIDEO.test(path) ? "video" : "img");
      element.src = url;
      if (element.tagName === "VIDEO") {
        element.controls = true;
        element.muted = true;
        element.preload = "metadata";
        element.setAttribute("aria-label", previewOf(url));
      } else {
        element.alt = previewOf(url);
      }
      box.append(element);
    }
  }

  function chosen() {
    const boxes = Array.from(form.querySelectorAll('input[name="accounts"]'));
    const picked = boxes.filter((box) => box.checked);
    const pins = document.getElementById("pin-fields");
    if (pins && boxes.length) {
      pins.hidden = !picked.some((box) => box.dataset.platform === "pinterest");
    }
    const ids = new Set(picked.map((box) => box.value));
    for (const part of form.querySelectorAll(".per-account[data-account]")) {
      if (boxes.some((box) => !box.disabled)) part.hidden = !ids.has(part.dataset.account);
    }
  }

  // The "Repeat" fieldset: only the parts of the kind of repetition chosen.
  function repetition() {
    const picked = form.querySelector('input[name="repeat"]:checked');
    const kind = picked ? picked.value : "none";
    for (const part of form.querySelectorAll("[data-repeat]")) {
      part.hidden = !part.dataset.repeat.split(" ").includes(kind);
    }
  }

  form.addEventListener("input", (event) => {
    if (event.target.name === "media") preview();
    count();
  });
  form.addEventListener("change", chosen);
  form.addEventListener("change", repetition);
  count();
  chosen();
  repetition();
})();
