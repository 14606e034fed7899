// Autosave of a form whose saves are numbered: each save carries a number one above the last;
// the server keeps the highest it has stored and ignores an older save arriving late, so
// requests may overtake each other harmlessly. The status element says truthfully whether what
// is on screen is safe: saving, saved at …, or not saved (retrying, with the wait doubling).
// A change is saved after a pause in typing, when a field is left, when a choice is made, and
// once more as the page goes (a beacon); leaving with changes not yet confirmed asks first.
// Used by the quiz attempt (quiz.js) and a cadre's own answer to a case.
window.cadreAutosave = (form, status, options = {}) => {
  const words = status ? status.dataset : {};
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
      // The page's own say first (an attempt closed by its deadline goes to its results).
      if (options.handle && options.handle(data, () => { dirty = false; })) return;
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
          if (options.saved) options.saved(data);
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

  form.addEventListener("change", () => { dirty = true; save(); });
  form.addEventListener("input", (event) => {
    if (event.target.tagName !== "TEXTAREA") return;
    dirty = true;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(save, 1500);
  });
  // A written answer is saved as soon as the cadre leaves the field.
  form.addEventListener("focusout", (event) => {
    if (event.target.tagName === "TEXTAREA" && dirty) save();
  });
  // The form's own buttons post it, numbered like any other save.
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

  return {
    // Nothing more to save (the page is about to submit what the server holds).
    forget() { dirty = false; },
  };
};
