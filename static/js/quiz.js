// Quiz attempt: autosave and the timer. The server keeps its own clock and closes the attempt
// at the deadline whatever this page does; this script only keeps the cadre informed.
(() => {
  const form = document.getElementById("attempt-form");
  if (!form) return;
  const status = document.getElementById("save-status");

  let pending = null;
  async function save() {
    pending = null;
    const response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    const data = await response.json().catch(() => ({}));
    if (!data.open && data.next) { window.location.assign(data.next); return; }
    if (data.saved && status) status.textContent = `${status.dataset.savedLabel || "Saved"} ${data.saved_at}`;
  }
  form.addEventListener("change", () => save());
  form.addEventListener("input", (event) => {
    if (event.target.tagName !== "TEXTAREA") return;
    clearTimeout(pending);
    pending = setTimeout(save, 1500);
  });

  const timer = document.querySelector(".quiz-timer");
  if (!timer) return;
  const clock = document.getElementById("timer-clock");
  const announce = document.getElementById("timer-announce");
  const words = document.getElementById("timer-messages").dataset;
  const end = Date.now() + Number(timer.dataset.secondsLeft) * 1000;
  // Screen readers hear the time only at these moments, not every second.
  const marks = new Map([[600, words.minutes.replace("{n}", 10)], [300, words.minutes.replace("{n}", 5)],
    [60, words.oneMinute], [30, words.seconds.replace("{n}", 30)]]);
  // Marks already behind us when the page opens are not announced.
  const startLeft = Number(timer.dataset.secondsLeft);
  let announced = Math.min(Infinity, ...[...marks.keys()].filter((mark) => startLeft <= mark));
  function tick() {
    const left = Math.max(0, Math.round((end - Date.now()) / 1000));
    const m = Math.floor(left / 60), s = String(left % 60).padStart(2, "0");
    clock.textContent = `${m}:${s}`;
    for (const [mark, text] of marks) {
      if (left <= mark && mark < announced) { announce.textContent = text; announced = mark; }
    }
    if (left === 0) {
      clearInterval(interval);
      announce.textContent = words.ended;
      form.requestSubmit(document.getElementById("submit-attempt"));
    }
  }
  const interval = setInterval(tick, 1000);
  tick();
})();
