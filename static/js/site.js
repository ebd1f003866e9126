// Chapter links seek the episode's video. Without JavaScript they are plain links to #t=N.
(function () {
  "use strict";
  var video = document.getElementById("episode-video");
  if (!video) return;

  function seek(seconds) {
    video.currentTime = seconds;
    video.focus();
  }

  document.querySelectorAll("[data-seek]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      seek(parseInt(link.getAttribute("data-seek"), 10) || 0);
      if (history.replaceState) history.replaceState(null, "", link.getAttribute("href"));
    });
  });

  var match = /^#t=(\d+)$/.exec(window.location.hash);
  if (match) {
    video.addEventListener("loadedmetadata", function () { video.currentTime = parseInt(match[1], 10); }, { once: true });
  }
})();
