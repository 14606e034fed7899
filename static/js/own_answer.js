// A cadre's own answer to a case: saved as written, by the quiz's numbered autosave.
(() => {
  const form = document.getElementById("own-answer-form");
  if (form) window.cadreAutosave(form, document.getElementById("own-answer-status"));
})();
