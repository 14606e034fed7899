// Quiz attempt: the question navigator and the timer (on the summary page too), with the
// answers saved by autosave.js in the order the cadre gave them. The server keeps its own clock
// and closes the attempt at the deadline whatever this page does.
(() => {
  const form = document.getElementById("attempt-form");
  // On the summary page only the timer runs: at zero it submits what the server holds.
  const summaryForm = document.getElementById("summary-form");
  if (!form) {
    if (summaryForm) startTimer(() => summaryForm.requestSubmit());
    return;
  }
  // Saving: numbered saves and a truthful status (autosave.js). An attempt the server has
  // closed (its deadline passed) answers with where to go: its results.
  const autosave = window.cadreAutosave(form, document.getElementById("save-status"), {
    handle(data, settled) {
      if (data.open || !data.next) return false;
      settled();
      window.location.assign(data.next);
      return true;
    },
  });

  // The navigator: each question answered (every part given) or not, and flagged, as on screen.
  const nav = document.querySelector("[data-quiz-nav]");
  function updateNavigator(section) {
    if (!nav || !section) return;
    const link = nav.querySelector(`[data-nav-for="${section.dataset.question}"]`);
    if (!link) return;
    const groups = new Map();
    for (const input of section.querySelectorAll("input, textarea, select")) {
      if (input.type === "hidden" || input.classList.contains("quiz-flag") || !input.name) continue;
      const given = input.tagName === "TEXTAREA" ? input.value.trim() !== ""
        : (input.type === "radio" || input.type === "checkbox") ? input.checked : input.value !== "";
      groups.set(input.name, groups.get(input.name) || given);
    }
    const answered = groups.size > 0 && [...groups.values()].every(Boolean);
    const flag = section.querySelector("input.quiz-flag");
    const flagged = Boolean(flag && flag.checked);
    link.dataset.answered = String(answered);
    link.dataset.flagged = String(flagged);
    const key = `label${answered ? "Answered" : "Unanswered"}${flagged ? "Flagged" : ""}`;
    if (nav.dataset[key]) link.setAttribute("aria-label", nav.dataset[key].replace("{n}", section.dataset.question));
  }
  const sectionOf = (element) => element.closest("section.question");

  // The navigator follows what is on screen; autosave.js saves it.
  form.addEventListener("change", (event) => updateNavigator(sectionOf(event.target)));
  form.addEventListener("input", (event) => {
    if (event.target.tagName === "TEXTAREA") updateNavigator(sectionOf(event.target));
  });

  startTimer(() => {
    autosave.forget();
    form.action = form.dataset.submitUrl;
    form.requestSubmit();
  });

  // Declared here, hoisted: the summary page calls it before the autosave is set up.
  function startTimer(timeUp) {
    const timer = document.querySelector(".quiz-timer");
    if (!timer) return;
    const clock = document.getElementById("timer-clock");
    const announce = document.getElementById("timer-announce");
    const messages = document.getElementById("timer-messages").dataset;
    const end = Date.now() + Number(timer.dataset.secondsLeft) * 1000;
    // Screen readers hear the time only at these moments, not every second.
    const marks = new Map([[600, messages.minutes.replace("{n}", 10)], [300, messages.minutes.replace("{n}", 5)],
      [60, messages.oneMinute], [30, messages.seconds.replace("{n}", 30)]]);
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
        announce.textContent = messages.ended;
        timeUp();
      }
    }
    const interval = setInterval(tick, 1000);
    tick();
  }
})();
