// The offline page: besides the pages every visit keeps, it lists the
// pages this reader opened before, by title (the service worker says which
// pages it keeps; their titles are read from the kept copies).
(function () {
  "use strict";
  var box = document.querySelector("[data-offline-kept]");
  var worker = navigator.serviceWorker && navigator.serviceWorker.controller;
  if (!box || !worker || !window.caches) return;
  var channel = new MessageChannel();
  channel.port1.onmessage = function (event) {
    var urls = (event.data || []).slice(0, 200);
    Promise.all(urls.map(function (href) {
      return caches.match(href).then(function (response) { return response ? response.text() : ""; }).then(function (html) {
        // Only the <title> is parsed: a whole kept page parsed here would be
        // checked against this page's Content-Security-Policy, which does
        // not list the hashes of that page's own inline styles.
        var found = /<title>([^<]*)<\/title>/.exec(html);
        var title = found ? new DOMParser().parseFromString("<title>" + found[1] + "</title>", "text/html").title : "";
        return { href: href, title: title };
      });
    })).then(function (pages) {
      pages = pages.filter(function (p) { return p.title; });
      if (!pages.length) return;
      var ul = box.querySelector("ul");
      pages.sort(function (a, b) { return a.title < b.title ? -1 : 1; });
      pages.forEach(function (p) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = p.href;
        a.textContent = p.title;
        li.appendChild(a);
        ul.appendChild(li);
      });
      box.hidden = false;
    });
  };
  worker.postMessage({ type: "kept" }, [channel.port2]);
})();
