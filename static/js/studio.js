// Live Markdown preview: the server renders with the sanitiser lessons are saved with, so the
// preview never shows what a cadre would not see. The HTML it returns is already cleaned.
// One request at a time; when the server says "too many" (429) the preview pauses for as long
// as it asks and says so, then catches up with what was typed meanwhile.
(() => {
  const form = document.querySelector("form[data-preview-url]");
  if (!form) return;
  const source = form.querySelector("textarea[data-preview]");
  const target = document.getElementById(source.dataset.preview);
  const status = document.getElementById(source.dataset.previewStatus);
  const token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  let timer = null;
  let busy = false;
  let pending = false;
  let pausedUntil = 0;
  function say(text) { if (status) status.textContent = text; }
  function schedule(delay) { clearTimeout(timer); timer = setTimeout(refresh, delay); }
  async function refresh() {
    if (busy) { pending = true; return; }
    const wait = pausedUntil - Date.now();
    if (wait > 0) { schedule(wait); return; }
    busy = true;
    pending = false;
    const body = new FormData();
    body.append("text", source.value);
    body.append("csrfmiddlewaretoken", token);
    try {
      const response = await fetch(form.dataset.previewUrl, {
        method: "POST", body, credentials: "same-origin", headers: { Accept: "application/json" },
      });
      if (response.status === 429) {
        const seconds = parseInt(response.headers.get("Retry-After") || "60", 10);
        pausedUntil = Date.now() + seconds * 1000;
        say(status ? status.dataset.paused : "");
        pending = true;
      } else if (response.ok) {
        target.innerHTML = (await response.json()).html;
        say("");
      }
    } catch (error) {
      // Offline for a moment: the next keystroke tries again.
    } finally {
      busy = false;
      if (pending) schedule(Math.max(400, pausedUntil - Date.now()));
    }
  }
  source.addEventListener("input", () => schedule(400));
  // Text typed (or restored by the browser) before this script ran is previewed too.
  refresh();
})();
