// chronique — the chronology page: entity filter and text filter (inlined; no external script).
(function () {
  "use strict";
  var active = null;
  var query = "";
  var entries = Array.prototype.slice.call(document.querySelectorAll(".entry"));
  var markers = Array.prototype.slice.call(document.querySelectorAll(".year, .month"));

  function matches(el) {
    if (active !== null) {
      var ents = JSON.parse(el.getAttribute("data-entities") || "[]");
      if (ents.indexOf(active) < 0) return false;
    }
    if (query && el.textContent.toLowerCase().indexOf(query) < 0) return false;
    return true;
  }

  function apply() {
    var shown = 0;
    entries.forEach(function (el) {
      var ok = matches(el);
      el.classList.toggle("hidden", !ok);
      if (ok) shown += 1;
    });
    // A year or month marker stays only when an entry it heads is shown.
    markers.forEach(function (m) {
      var key = m.getAttribute("data-key");
      var any = entries.some(function (el) {
        return !el.classList.contains("hidden") && el.getAttribute("data-" + m.getAttribute("data-kind")) === key;
      });
      m.classList.toggle("hidden", !any);
    });
    var count = document.getElementById("shown");
    if (count) count.textContent = String(shown);
  }

  function choose(name) {
    active = name === "" || active === name ? null : name;
    document.querySelectorAll("nav button[data-entity]").forEach(function (x) {
      var n = x.getAttribute("data-entity");
      x.classList.toggle("on", active === null ? n === "" : n === active);
    });
    apply();
    try {  // a link to the filtered page: #entity=NAME
      history.replaceState(null, "", active === null ? "#" : "#entity=" + encodeURIComponent(active));
    } catch (e) { /* some browsers refuse it on file:// pages: the filter works all the same */ }
  }

  document.querySelectorAll("nav button[data-entity]").forEach(function (b) {
    b.addEventListener("click", function () { choose(b.getAttribute("data-entity")); });
  });
  var m = /^#entity=(.+)$/.exec(location.hash);
  if (m) choose(decodeURIComponent(m[1]));

  var input = document.getElementById("q");
  if (input) {
    input.addEventListener("input", function () {
      query = input.value.trim().toLowerCase();
      apply();
    });
  }
})();
