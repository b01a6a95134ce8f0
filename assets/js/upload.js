// Upload progress bar (progressive enhancement): without JavaScript the
// form posts normally; with it, XHR shows progress and follows the redirect.
(function () {
  var forms = document.querySelectorAll('form[data-upload]');
  Array.prototype.forEach.call(forms, function (form) {
    form.addEventListener('submit', function (e) {
      if (!window.XMLHttpRequest || !window.FormData) return;
      e.preventDefault();
      var bar = form.querySelector('progress');
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      if (bar) bar.hidden = false;
      xhr.upload.addEventListener('progress', function (ev) {
        if (ev.lengthComputable && bar) bar.value = Math.round(ev.loaded * 100 / ev.total);
      });
      xhr.addEventListener('load', function () { window.location.href = xhr.responseURL || window.location.href; });
      xhr.addEventListener('error', function () { form.submit(); });
      xhr.send(new FormData(form));
    });
  });
})();
