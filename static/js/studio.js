// Live Markdown preview: the server renders with the sanitiser lessons are saved with, so the
// preview never shows what a cadre would not see. The HTML it returns is already cleaned.
(() => {
  const form = document.querySelector("form[data-preview-url]");
  if (!form) return;
  const source = form.querySelector("textarea[data-preview]");
  const target = document.getElementById(source.dataset.preview);
  const token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  let timer = null;
  async function refresh() {
    const body = new FormData();
    body.append("text", source.value);
    body.append("csrfmiddlewaretoken", token);
    const response = await fetch(form.dataset.previewUrl, { method: "POST", body, credentials: "same-origin" });
    if (response.ok) target.innerHTML = (await response.json()).html;
  }
  source.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(refresh, 400); });
  // Text typed (or restored by the browser) before this script ran is previewed too.
  refresh();
})();
