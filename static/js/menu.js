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
})();
