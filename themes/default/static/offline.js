// The offline page: besides the pages every visit keeps, it lists the
// pages this reader opened before (the service worker's cache), by title.
(function () {
  "use strict";
  var box = document.querySelector("[data-offline-kept]");
  if (!box || !window.caches) return;
  var here = document.currentScript ? new URL("../", document.currentScript.src) : new URL("/", location.href);
  var prefix = "rooz:" + here.pathname + ":";
  caches.keys().then(function (names) {
    var name = names.filter(function (n) { return n.indexOf(prefix) === 0; })[0];
    if (!name) return;
    return caches.open(name).then(function (cache) {
      return cache.keys().then(function (requests) {
        var pages = requests.filter(function (r) { return /\/index\.html$/.test(r.url) && !/\/offline\/index\.html$/.test(r.url); }).slice(0, 200);
        return Promise.all(pages.map(function (r) {
          return cache.match(r).then(function (response) { return response.text(); }).then(function (html) {
            var title = new DOMParser().parseFromString(html, "text/html").title;
            return { href: r.url, title: title };
          });
        }));
      });
    });
  }).then(function (pages) {
    if (!pages || !pages.length) return;
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
})();
