// The documents page while a pack renders: the progress bar follows the worker, and the page reloads when it is done.
// Without this script the page offers a "Check again" link.
"use strict";
const bar = document.getElementById("progress");
const text = document.getElementById("progress-text");
if (bar) {
  const poll = async () => {
    const response = await fetch(bar.dataset.url, { credentials: "same-origin" });
    if (!response.ok) return;
    const state = await response.json();
    if (!state.rendering) {
      window.location.reload();
      return;
    }
    bar.max = state.total || 1;
    bar.value = state.done;
    text.textContent = `Rendering: ${state.done} of ${state.total || "…"} documents.`;
    setTimeout(poll, 1000);
  };
  setTimeout(poll, 1000);
}
