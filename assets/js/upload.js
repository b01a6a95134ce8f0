// Upload progress bar (progressive enhancement): without JavaScript the
// form posts normally; with it, XHR shows progress, and the page the server
// answers with (the proposal with its message, or an error page) replaces
// this one, as a normal form post would. The server's message is read once
// (a flash), so the answer is shown rather than loaded again.
(function () {
  function show(xhr, action) {
    var doc = new DOMParser().parseFromString(xhr.responseText, 'text/html');
    document.title = doc.title;
    document.body.replaceWith(document.adoptNode(doc.body));
    if (xhr.responseURL && xhr.responseURL !== action) {
      window.history.replaceState(null, '', xhr.responseURL);
    }
    var focus = document.querySelector('.flash, .error-summary, h1');
    if (focus) {
      if (!focus.hasAttribute('tabindex')) focus.setAttribute('tabindex', '-1');
      focus.focus();
    }
    init();
  }
  function init() {
    var forms = document.querySelectorAll('form[data-upload]');
    Array.prototype.forEach.call(forms, function (form) {
      form.addEventListener('submit', function (e) {
        if (!window.XMLHttpRequest || !window.FormData || !window.DOMParser) return;
        e.preventDefault();
        var bar = form.querySelector('progress');
        var button = form.querySelector('button');
        var xhr = new XMLHttpRequest();
        xhr.open('POST', form.action);
        if (bar) bar.hidden = false;
        if (button) button.disabled = true;
        xhr.upload.addEventListener('progress', function (ev) {
          if (ev.lengthComputable && bar) bar.value = Math.round(ev.loaded * 100 / ev.total);
        });
        xhr.addEventListener('load', function () { show(xhr, form.action); });
        xhr.addEventListener('error', function () { form.submit(); });
        xhr.send(new FormData(form));
      });
    });
  }
  init();
})();
