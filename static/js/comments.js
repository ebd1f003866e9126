// Comments without a page reload. Without JavaScript the form posts normally and the server
// answers with a redirect back to #kommentarer and the message in the address.
(function () {
  "use strict";
  document.querySelectorAll("[data-comments]").forEach(function (section) {
    var form = section.querySelector("[data-comments-form]");
    var status = section.querySelector("[data-comments-status]");
    var errorBox = section.querySelector("[data-comments-error]");
    if (!form) return;

    // The message takes focus, so keyboard and screen reader users learn of it where they are;
    // the form keeps what they wrote.
    function showError(message) {
      errorBox.textContent = message;
      errorBox.hidden = false;
      errorBox.focus();
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      errorBox.hidden = true;
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin"
      })
        .then(function (response) {
          return response.json().catch(function () { return {}; }).then(function (body) {
            if (!response.ok) {
              throw new Error(body.error || section.getAttribute("data-error-message"));
            }
            return body;
          });
        })
        .then(function (body) {
          form.reset();
          var note = document.createElement("p");
          var strong = document.createElement("strong");
          strong.textContent = body.message;
          note.appendChild(strong);
          status.replaceChildren(note);
          status.focus();
        })
        .catch(function (error) {
          showError(error.message || section.getAttribute("data-error-message"));
        })
        .finally(function () { button.disabled = false; });
    });
  });
})();
