// A cadre's own answer to a case: saved as written, by the quiz's numbered autosave. A save
// for a version another window has since closed (a revision begun there) is refused: the page
// reloads to show the answer as it now stands, rather than write over the revision.
(() => {
  const form = document.getElementById("own-answer-form");
  if (!form) return;
  window.cadreAutosave(form, document.getElementById("own-answer-status"), {
    handle(data, settled) {
      if (!data.stale) return false;
      settled();
      window.location.assign(data.next);
      return true;
    },
    // The version the server now holds (the first save makes version 1; one after the
    // analysis was opened begins the next): the next save names it.
    saved(data) {
      if (data.version) form.elements.version.value = String(data.version);
    },
  });
})();
