// Quiz attempt: autosave, the question navigator and the timer (on the summary page too). The
// server keeps its own clock and closes the attempt at the deadline whatever this page does;
// this script keeps the answers on the server in the order the cadre gave them, and says
// truthfully whether they are safe.
(() => {
  const form = document.getElementById("attempt-form");
  // On the summary page only the timer runs: at zero it submits what the server holds.
  const summaryForm = document.getElementById("summary-form");
  if (!form) {
    if (summaryForm) startTimer(() => summaryForm.requestSubmit());
    return;
  }
  const status = document.getElementById("save-status");
  const words = status ? status.dataset : {};

  // Each save carries a number one above the last; the server keeps the highest it has stored
  // and ignores an older save arriving late, so requests may overtake each other harmlessly.
  let sequence = Number(form.dataset.sequence || 0);
  let dirty = false; // changes not yet confirmed stored
  let inFlight = 0;
  let retryDelay = 1000;
  let retryTimer = null;
  let typingTimer = null;

  function show(state, text) {
    if (!status) return;
    status.dataset.state = state;
    status.textContent = text;
    status.classList.toggle("text-danger", state === "failed");
    status.classList.toggle("fw-semibold", state === "failed");
  }

  function payload() {
    sequence += 1;
    form.elements.sequence.value = String(sequence);
    return { body: new FormData(form), number: sequence };
  }

  async function save() {
    clearTimeout(typingTimer);
    clearTimeout(retryTimer);
    const { body, number } = payload();
    inFlight += 1;
    show("saving", words.saving || "Saving…");
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body,
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      const data = await response.json();
      if (!data.open && data.next) { dirty = false; window.location.assign(data.next); return; }
      // Refused for what it holds (an answer too long): retrying would not help; say why.
      if (response.status === 400 && data.error) {
        if (number === sequence) show("failed", data.error);
        return;
      }
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      retryDelay = 1000;
      // Only the answer to the newest save speaks: an older one finishing late says nothing.
      if (number === sequence) {
        if (data.stored) {
          dirty = false;
          show("saved", (words.saved || "Saved at {time}.").replace("{time}", data.saved_at));
        } else {
          // The server holds a newer save than this page knows of (another tab, or the last
          // page's farewell beacon): number on from it and save what this screen shows.
          sequence = Math.max(sequence, Number(data.sequence) || 0);
          save();
          return;
        }
      }
    } catch (error) {
      // Not saved: say so, and try again with the answers as they are then.
      if (number === sequence) {
        show("failed", words.failed || "Not saved yet. Retrying…");
        retryTimer = setTimeout(save, retryDelay);
        retryDelay = Math.min(retryDelay * 2, 15000);
      }
    } finally {
      inFlight -= 1;
    }
  }

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

  form.addEventListener("change", (event) => { updateNavigator(sectionOf(event.target)); dirty = true; save(); });
  form.addEventListener("input", (event) => {
    if (event.target.tagName !== "TEXTAREA") return;
    updateNavigator(sectionOf(event.target));
    dirty = true;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(save, 1500);
  });
  // A written answer is saved as soon as the cadre leaves the field.
  form.addEventListener("focusout", (event) => {
    if (event.target.tagName === "TEXTAREA" && dirty) save();
  });
  // The Save and Finish buttons post the form itself, numbered like any other save.
  form.addEventListener("submit", () => { payload(); dirty = false; });

  window.addEventListener("pagehide", () => {
    // Leaving with changes the server has not confirmed: send them one last time.
    if (dirty && navigator.sendBeacon) navigator.sendBeacon(form.action, payload().body);
  });
  window.addEventListener("beforeunload", (event) => {
    if (dirty || inFlight) {
      event.preventDefault();
      event.returnValue = words.leave || "";
    }
  });

  startTimer(() => {
    dirty = false;
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
