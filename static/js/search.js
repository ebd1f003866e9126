// Suggestions as you type in the search page's box: page titles that start like the words
// typed, offered through the input's native <datalist> (announced by screen readers as a
// list of suggestions). Without JavaScript the search box works the same, without the list.
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggest-url]");
  if (!input || !window.fetch) return;
  var list = document.getElementById(input.getAttribute("list"));
  var timer = null;
  var lastQuery = "";

  function show(suggestions) {
    list.textContent = "";
    // The list offers words to search for: two pages with one title (a case and an episode
    // on the same town) are one suggestion.
    var titles = [];
    suggestions.forEach(function (suggestion) {
      if (titles.indexOf(suggestion.title) !== -1) return;
      titles.push(suggestion.title);
      var option = document.createElement("option");
      option.value = suggestion.title;
      list.appendChild(option);
    });
  }

  function fetchSuggestions() {
    var query = input.value.trim();
    if (query.length < 2 || query === lastQuery) return;
    lastQuery = query;
    // The API's suggestions, in the page's language (<html lang>: sv or en).
    var url = input.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(query) +
      "&locale=" + encodeURIComponent(document.documentElement.lang);
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (data) { if (input.value.trim() === query) show(data.suggestions || []); })
      .catch(function () { /* suggestions are a help, never a requirement */ });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 200);
  });
})();
