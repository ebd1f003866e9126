// The episode player: chapter and transcript links seek the video, the caption being spoken is
// marked (aria-current) and, in a scrolling transcript, followed. Without JavaScript the same
// links are ?t=SECONDS#player and the server starts the player there (webinars/player.py).
// YouTube and Vimeo are driven through their players' postMessage APIs: no provider script.
(function () {
  "use strict";
  var section = document.getElementById("player");
  if (!section) return;

  var cues = Array.prototype.slice.call(document.querySelectorAll("#transcript .transcript__cues > li"));
  var list = document.querySelector("#transcript .transcript__cues");
  // The audio description (WCAG 1.2.5): the line for the moment, read out by screen readers.
  var described = section.querySelector("[data-description]");
  var descriptions = Array.prototype.slice.call(section.querySelectorAll(".player__descriptions li"));
  var follow = document.getElementById("transcript-follow");
  var reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
  var current = null;
  var readerMovedAt = 0;

  function parse(data) {
    if (typeof data !== "string") return data;
    try { return JSON.parse(data); } catch (error) { return null; }
  }

  function fromFrame(frame, origin, handle) {
    window.addEventListener("message", function (event) {
      if (event.origin !== origin || event.source !== frame.contentWindow) return;
      var data = parse(event.data);
      if (data) handle(data);
    });
  }

  function filePlayer(video, onTime) {
    video.addEventListener("timeupdate", function () { onTime(video.currentTime); });
    return {
      element: video,
      seek: function (seconds) {
        video.currentTime = seconds;
        var playing = video.play();
        if (playing && playing.catch) playing.catch(function () {});
      }
    };
  }

  // YouTube's embed with enablejsapi=1: "listening" subscribes to infoDelivery messages
  // (currentTime), "command" calls the player's functions.
  function youtubePlayer(frame, origin, onTime) {
    function send(message) {
      message.id = frame.id;
      message.channel = "widget";
      frame.contentWindow.postMessage(JSON.stringify(message), origin);
    }
    // As YouTube's own iframe_api does: repeat "listening" until the player answers (it
    // ignores messages that arrive before it is ready).
    var answered = false;
    var tries = 0;
    function listen() { send({ event: "listening" }); }
    var retry = window.setInterval(function () {
      if (answered || ++tries > 40) window.clearInterval(retry);
      else listen();
    }, 250);
    fromFrame(frame, origin, function (data) {
      answered = true;
      if (data.info && typeof data.info.currentTime === "number") onTime(data.info.currentTime);
    });
    frame.addEventListener("load", listen);
    listen();
    return {
      element: frame,
      seek: function (seconds) {
        send({ event: "command", func: "seekTo", args: [seconds, true] });
        send({ event: "command", func: "playVideo", args: [] });
      }
    };
  }

  // Vimeo's player messages: {method, value} in, {event, data} out.
  function vimeoPlayer(frame, origin, onTime) {
    function send(method, value) {
      var message = { method: method };
      if (value !== undefined) message.value = value;
      frame.contentWindow.postMessage(message, origin);
    }
    function subscribe() { send("addEventListener", "timeupdate"); }
    fromFrame(frame, origin, function (data) {
      if (data.event === "ready") subscribe();
      if (data.event === "timeupdate" && data.data) onTime(data.data.seconds);
    });
    frame.addEventListener("load", subscribe);
    subscribe();
    return {
      element: frame,
      seek: function (seconds) {
        send("setCurrentTime", seconds);
        send("play");
      }
    };
  }

  var starts = cues.map(function (cue) { return parseFloat(cue.getAttribute("data-start")); });

  function cueAt(seconds) {
    var found = null;
    for (var i = 0; i < starts.length && starts[i] <= seconds + 0.05; i++) found = cues[i];
    return found;
  }

  function keyboardFocusIn(element) {
    var focused = document.activeElement;
    if (!element.contains(focused)) return false;
    try { return focused.matches(":focus-visible"); } catch (error) { return true; }
  }

  function scrollable() {
    return list && list.scrollHeight > list.clientHeight + 1;
  }

  function followAlong(cue) {
    if (!scrollable() || (follow && !follow.checked)) return;
    // The reader's own scrolling, and a keyboard user's place in the list, win.
    if (Date.now() - readerMovedAt < 4000 || keyboardFocusIn(list)) return;
    var top = cue.offsetTop - list.clientHeight / 3;
    list.scrollTo({ top: Math.max(0, top), behavior: reducedMotion.matches ? "auto" : "smooth" });
  }

  function describe(seconds) {
    var text = "";
    descriptions.forEach(function (line) {
      if (parseFloat(line.getAttribute("data-start")) <= seconds + 0.05 &&
          seconds < parseFloat(line.getAttribute("data-end"))) text = line.lastElementChild.textContent;
    });
    var output = described.querySelector("[data-description-text]");
    if (output.textContent !== text) output.textContent = text;
  }

  function showTime(seconds) {
    if (described) describe(seconds);
    var cue = cueAt(seconds);
    if (cue === current) return;
    if (current) {
      current.classList.remove("is-current");
      current.querySelector("a").removeAttribute("aria-current");
    }
    current = cue;
    if (cue) {
      cue.classList.add("is-current");
      cue.querySelector("a").setAttribute("aria-current", "true");
      followAlong(cue);
    }
  }

  var player = null;
  var kind = section.getAttribute("data-player");
  var origin = section.getAttribute("data-player-origin");
  var video = document.getElementById("episode-video");
  var frame = document.getElementById("episode-player-frame");
  if (kind === "file" && video) player = filePlayer(video, showTime);
  else if (kind === "youtube" && frame) player = youtubePlayer(frame, origin, showTime);
  else if (kind === "vimeo" && frame) player = vimeoPlayer(frame, origin, showTime);
  if (!player) return;
  if (described) described.hidden = false;

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-seek]");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    var seconds = parseFloat(link.getAttribute("data-seek")) || 0;
    player.seek(seconds);
    showTime(seconds);
    if (history.replaceState) history.replaceState(null, "", link.getAttribute("href"));
    // A chapter takes the visitor to the video; a transcript line keeps the reader's place.
    if (link.closest(".chapters")) player.element.focus();
  });

  if (list) {
    ["wheel", "touchmove", "keydown", "pointerdown"].forEach(function (name) {
      list.addEventListener(name, function () { readerMovedAt = Date.now(); }, { passive: true });
    });
    if (follow && window.ResizeObserver) {
      // The switch only matters where the transcript scrolls on its own (wide screens).
      new ResizeObserver(function () { follow.parentNode.hidden = !scrollable(); }).observe(list);
    }
  }

  var start = new URLSearchParams(window.location.search).get("t");
  if (start && /^\d+$/.test(start)) showTime(parseInt(start, 10));
  // Older links (#t=N) seek once the video is ready.
  var match = /^#t=(\d+)$/.exec(window.location.hash);
  if (match && video) {
    video.addEventListener("loadedmetadata", function () { video.currentTime = parseInt(match[1], 10); }, { once: true });
  }
})();
