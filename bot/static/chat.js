// The web chat with JavaScript: answers appear without reloading the page, newest first,
// under the question box; the page follows the language the person writes in (unless they
// chose one); the position is asked only when "near me" is pressed; nothing is stored.
"use strict";
(function () {
  var form = document.getElementById("ask");
  var log = document.getElementById("log");
  var text = document.getElementById("text");
  var language = document.getElementById("language"); // "lang" if chosen, else "page_lang"
  var near = document.getElementById("near");
  var position = document.getElementById("position");
  var busy = document.getElementById("busy");
  var lat = document.getElementById("lat");
  var lon = document.getElementById("lon");
  var said = document.body.dataset; // busy, locating, located, denied, offline, failed
  var last = null; // the last question, asked again once a position is found
  var waiting = false;

  function each(selector, action) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), action);
  }

  function setBusy(on) {
    waiting = on;
    log.setAttribute("aria-busy", on ? "true" : "false");
    busy.textContent = on ? said.busy : "";
    each("button", function (button) { button.disabled = on; });
  }

  function notice(message) {
    var p = document.createElement("p");
    p.className = "notice";
    p.setAttribute("role", "alert");
    p.textContent = message;
    log.insertBefore(p, log.firstChild);
  }

  function withNumbers(element, value) { // the emergency numbers stay tappable
    element.textContent = "";
    value.split(/(?<!\d)(17|112|115)(?!\d)/).forEach(function (part, index) {
      if (index % 2 === 0) { element.appendChild(document.createTextNode(part)); return; }
      var link = document.createElement("a");
      link.className = "tap";
      link.href = "tel:" + part;
      link.textContent = part;
      element.appendChild(link);
    });
  }

  function follow(data) { // the page takes the language of the answer
    document.documentElement.lang = data.language;
    document.documentElement.dir = data.direction;
    language.value = data.language;
    each("[data-label]", function (element) {
      var value = data.labels[element.dataset.label];
      if (value === undefined) { return; }
      if (element === text) { text.placeholder = value; }
      else if (element === log) { log.setAttribute("aria-label", value); }
      else if (element.dataset.tel) { withNumbers(element, value); }
      else { element.textContent = value; }
    });
    ["busy", "locating", "located", "denied", "offline", "failed"].forEach(function (key) {
      said[key] = data.labels[key];
    });
  }

  var previous = null; // what the last answer asked, kept by the page only

  function ask(question) {
    if (waiting) { return Promise.resolve(); }
    last = question;
    var body = { text: question.text || "", category: question.category || null };
    if (previous) { body.previous = previous; } // 'et demain ?' asks the same again
    body[language.name] = language.value;
    body.filters = Array.prototype.map.call(
      document.querySelectorAll("input[name=filter]:checked"), function (box) { return box.value; });
    if (lat.value && lon.value) { body.near = { lat: parseFloat(lat.value), lon: parseFloat(lon.value) }; }
    setBusy(true);
    return fetch("/api/ask", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) { throw new Error(response.status === 429 ? data.error : said.failed); }
        return data;
      });
    }).then(function (data) {
      log.insertAdjacentHTML("afterbegin", data.html); // built and escaped by the server
      previous = data.asked || null;
      if (data.labels && language.name === "page_lang") { follow(data); }
      var newest = log.querySelector(".answer");
      newest.setAttribute("tabindex", "-1");
      newest.scrollIntoView({ block: "start" });
      text.value = "";
    }).catch(function (error) {
      previous = null; // a follow-up never depends on an answer that did not come
      notice(error instanceof TypeError || navigator.onLine === false ? said.offline : error.message);
    }).then(function () { setBusy(false); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var pressed = event.submitter;
    if (pressed && pressed.name === "category") { ask({ category: pressed.value }); }
    else if (text.value.trim()) { ask({ text: text.value }); }
    else { text.focus(); }
  });

  each("input[name=filter]", function (box) { // a filter changed: the same question again
    box.addEventListener("change", function () { if (last) { ask(last); } });
  });

  function located(data) {
    position.textContent = said.located.replace("{place}", data.label);
  }

  if (navigator.geolocation) {
    near.hidden = false;
    near.addEventListener("click", function () {
      position.textContent = said.locating;
      navigator.geolocation.getCurrentPosition(function (found) {
        lat.value = found.coords.latitude.toFixed(5);
        lon.value = found.coords.longitude.toFixed(5);
        located({ label: "✓" });
        fetch("/api/where", {
          method: "POST", headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ lat: parseFloat(lat.value), lon: parseFloat(lon.value), lang: language.value })
        }).then(function (response) { return response.json(); }).then(located, function () {});
        if (last) { ask(last); }
        else if (text.value.trim()) { ask({ text: text.value }); }
        else { document.querySelector(".menu button").focus(); } // now, which need?
      }, function () {
        position.textContent = said.denied;
        text.focus();
      }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 60000 });
    });
  }
})();
