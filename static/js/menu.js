// The main menu as a disclosure on narrow screens, where its links would otherwise fill the
// header (at 320 px and 400 % zoom). The CSS folds the list only while this button shows.
(function () {
  "use strict";
  var toggle = document.querySelector(".main-nav__toggle");
  if (!toggle) return;
  toggle.setAttribute("aria-expanded", "false");
  toggle.hidden = false;
  toggle.addEventListener("click", function () {
    toggle.setAttribute("aria-expanded", String(toggle.getAttribute("aria-expanded") !== "true"));
  });
  // Escape closes an open menu from anywhere in it, and focus goes back to its button.
  toggle.parentNode.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || toggle.getAttribute("aria-expanded") !== "true") return;
    toggle.setAttribute("aria-expanded", "false");
    toggle.focus();
  });
})();
