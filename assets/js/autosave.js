// Autosave for the proposal form (progressive enhancement): a few seconds
// after typing stops, the form is posted to its autosave address.
(function () {
  var form = document.querySelector('form[data-autosave]');
  if (!form || !window.fetch || !window.FormData) return;
  var status = form.querySelector('[data-autosave-status]');
  var timer = null;
  function save() {
    fetch(form.getAttribute('data-autosave'), {method: 'POST', body: new URLSearchParams(new FormData(form)), credentials: 'same-origin'})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (j) {
        if (!status) return;
        // A refusal (deadline passed, signed out, read-only) must not look
        // like a save: say so, so the applicant saves with the button.
        status.textContent = j ? (status.getAttribute('data-saved-text') || '✓') + ' ' + j.saved_at
                               : status.getAttribute('data-failed-text');
      })
      .catch(function () { if (status) status.textContent = status.getAttribute('data-failed-text'); });
  }
  form.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(save, 3000); });
})();
