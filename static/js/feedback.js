// The feedback widget without page reloads. Without JavaScript the same forms post normally
// and the server answers with a redirect back to #feedback.
(function () {
  "use strict";
  document.querySelectorAll("[data-feedback]").forEach(function (widget) {
    var answerForm = widget.querySelector("[data-feedback-answer]");
    var commentForm = widget.querySelector("[data-feedback-comment]");
    var thanks = widget.querySelector("[data-feedback-thanks]");
    var errorBox = widget.querySelector("[data-feedback-error]");
    var tokenField = widget.querySelector("[data-feedback-token]");

    function post(form, extra) {
      var data = new FormData(form);
      if (extra) data.append(extra.name, extra.value);
      return fetch(form.action, {
        method: "POST",
        body: data,
        headers: { Accept: "application/json" },
        credentials: "same-origin"
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (!response.ok) throw new Error(body.error || widget.getAttribute("data-error-message"));
          return body;
        });
      });
    }

    // Focus goes to the message, so keyboard and screen reader users land on what to fix.
    function showError(message) {
      errorBox.textContent = message;
      errorBox.hidden = false;
      errorBox.focus();
    }

    var clicked = null;
    answerForm.querySelectorAll("button[name=helpful]").forEach(function (button) {
      button.addEventListener("click", function () { clicked = button; });
    });

    answerForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = clicked || event.submitter;
      errorBox.hidden = true;
      post(answerForm, button ? { name: "helpful", value: button.value } : null)
        .then(function (body) {
          answerForm.hidden = true;
          thanks.hidden = false;
          if (body.comment_token) {
            tokenField.value = body.comment_token;
            commentForm.hidden = false;
          }
          thanks.focus();
        })
        .catch(function (error) { showError(error.message); });
    });

    commentForm.addEventListener("submit", function (event) {
      event.preventDefault();
      errorBox.hidden = true;
      post(commentForm)
        .then(function (body) {
          commentForm.hidden = true;
          // In the page's language: the server answers in the site's (addresses without a
          // language prefix are Swedish).
          thanks.querySelector("p").textContent =
            widget.getAttribute("data-comment-thanks") || body.message;
          thanks.focus();
        })
        .catch(function (error) { showError(error.message); });
    });
  });
})();
