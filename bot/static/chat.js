// The web chat with JavaScript: answers appear without reloading the page, the position
// is asked only when "near me" is pressed, and nothing is stored in the browser.
"use strict";
(function () {
  var form = document.getElementById("ask");
  var log = document.getElementById("log");
  var text = document.getElementById("text");
  var lang = document.getElementById("lang");
  var falc = document.getElementById("falc");
  var near = document.getElementById("near");
  var status = document.getElementById("position");
  var lat = document.getElementById("lat");
  var lon = document.getElementById("lon");
  var category = null;

  function ask(extra) {
    var body = { text: text.value, lang: lang.value, falc: falc.checked };
    if (lat.value && lon.value) { body.near = { lat: parseFloat(lat.value), lon: parseFloat(lon.value) }; }
    for (var key in extra) { body[key] = extra[key]; }
    return fetch("/api/ask", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) { throw new Error(data.error || response.statusText); }
        return data;
      });
    }).then(function (data) {
      log.insertAdjacentHTML("beforeend", data.html);  // built and escaped by the server
      var answers = log.querySelectorAll(".answer");
      var last = answers[answers.length - 1];
      last.setAttribute("tabindex", "-1");
      last.scrollIntoView({ block: "start" });
    }).catch(function (error) {
      var p = document.createElement("p");
      p.className = "notice";
      p.textContent = error.message;
      log.appendChild(p);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var pressed = event.submitter;
    category = pressed && pressed.name === "category" ? pressed.value : null;
    ask(category ? { category: category, text: "" } : {}).then(function () { text.value = ""; });
  });

  lang.addEventListener("change", function () {
    window.location.search = "?lang=" + encodeURIComponent(lang.value) + (falc.checked ? "&falc=1" : "");
  });

  if (navigator.geolocation) {
    near.hidden = false;
    near.addEventListener("click", function () {
      status.textContent = "…";
      navigator.geolocation.getCurrentPosition(function (position) {
        lat.value = position.coords.latitude.toFixed(5);
        lon.value = position.coords.longitude.toFixed(5);
        status.textContent = "📍 ✓";
        if (category || text.value) { ask(category ? { category: category, text: "" } : {}); }
      }, function () {
        status.textContent = "📍 ✗";
      }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 60000 });
    });
  }
})();
