// What every page adds when scripts run; each page is complete without
// them. Today on the week strip; the stars of "my programme" (kept in
// localStorage, read by static/my.js); copy buttons; and, over http(s)
// only, the service worker that keeps the site for offline reading. It is
// the first deferred script of every page, so the page's own scripts
// (search, now, my) find roozLoad and roozStars.
(function () {
  "use strict";
  var script = document.currentScript;
  var root = script ? new URL("../", script.src) : null;

  // Loads a script file once (data files call back into the page as they
  // run); resolves when it has run. Scripts, not fetch: they also load
  // from file://.
  var loading = {};
  window.roozLoad = function (href) {
    var url = new URL(href, document.baseURI).href;
    if (!loading[url]) {
      loading[url] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = url;
        s.onload = function () { resolve(); };
        s.onerror = function () { reject(new Error("cannot load " + url)); };
        document.head.appendChild(s);
      });
    }
    return loading[url];
  };

  var now = new Date();
  var pad = function (n) { return (n < 10 ? "0" : "") + n; };
  var today = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  var days = document.querySelectorAll("[data-date]");
  for (var i = 0; i < days.length; i++) {
    if (days[i].getAttribute("data-date") === today) days[i].classList.add("is-today");
  }

  // The starred programmes' ids, in the order they were starred.
  var KEY = "rooz:stars:" + (root ? root.pathname : "/");
  var stars = function () {
    try { return JSON.parse(localStorage.getItem(KEY) || "[]").filter(function (s) { return typeof s === "string"; }); }
    catch (e) { return []; }
  };
  var store = function (list) {
    try { localStorage.setItem(KEY, JSON.stringify(list)); } catch (e) { /* private mode: kept for this page only */ }
  };
  window.roozStars = { key: KEY, list: stars, store: store };
  var buttons = document.querySelectorAll("button[data-star]");
  var show = function () {
    var list = stars();
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", list.indexOf(buttons[i].getAttribute("data-star")) >= 0 ? "true" : "false");
    }
  };
  for (var b = 0; b < buttons.length; b++) {
    buttons[b].hidden = false;
    buttons[b].addEventListener("click", function (event) {
      var id = event.currentTarget.getAttribute("data-star");
      var list = stars();
      var at = list.indexOf(id);
      if (at >= 0) list.splice(at, 1); else list.push(id);
      store(list);
      show();
    });
  }
  show();
  window.addEventListener("storage", function (e) { if (e.key === KEY) show(); });

  // Copy buttons: data-copy names the field whose text they copy.
  var copies = document.querySelectorAll("button[data-copy]");
  for (var c = 0; c < copies.length; c++) {
    copies[c].hidden = false;
    copies[c].addEventListener("click", function (event) {
      var button = event.currentTarget;
      var field = document.getElementById(button.getAttribute("data-copy"));
      if (!field) return;
      var done = function () { button.textContent = button.getAttribute("data-copied"); };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(field.value).then(done, function () { field.select(); });
      else { field.select(); try { if (document.execCommand("copy")) done(); } catch (e) { /* selected: the reader copies */ } }
    });
  }
  // Embed codes without the site's address take this page's.
  var fields = document.querySelectorAll("textarea[data-embed-src]");
  for (var f = 0; f < fields.length; f++) {
    var src = fields[f].getAttribute("data-embed-src").replace(/index\.html$/, "");
    if (/^https?:$/.test(location.protocol)) {
      fields[f].value = fields[f].value.replace(/src="[^"]*"/, 'src="' + new URL(src, location.href).href + '"');
    }
  }

  if (root && "serviceWorker" in navigator && /^https?:$/.test(location.protocol)) {
    navigator.serviceWorker.register(new URL("sw.js", root).href).catch(function () { /* the site works without it */ });
  }
})();
