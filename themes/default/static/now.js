// "Now and next" (partials/now.html): the programmes running at the
// reader's time and the next ones, from now/week.js and now/<day>.js,
// whose instants rooz computed in the event's time zone and whose texts it
// wrote in the event's language; this script compares and places them.
// It also asks the service worker to fetch the programmes of today and
// tomorrow ahead, for reading offline.
(function () {
  "use strict";
  var box = document.querySelector("[data-now]");
  if (!box) return;
  var root = new URL(box.getAttribute("data-root"), location.href);
  var MOST = 8;
  var days = {};
  window.roozNow = {
    week: start,
    day: function (code, list) { days[code] = list; }
  };
  function load(code) {
    return window.roozLoad(new URL("now/" + code + ".js", root).href)
      .then(function () { return days[code] || []; }, function () { return []; });
  }
  function part(name) { return box.querySelector("[data-now-" + name + "]"); }
  function item(p) {
    var li = document.createElement("li");
    var time = document.createElement("span");
    time.className = "now-time";
    time.textContent = p.w;
    var a = document.createElement("a");
    a.href = new URL(p.h, root).href;
    a.textContent = p.t;
    var where = document.createElement("span");
    where.className = "now-where";
    where.textContent = p.v;
    li.append(time, " ", a, " ", where);
    return li;
  }
  function fill(name, list, dayHref) {
    var div = part(name);
    var ul = div.querySelector("ul");
    ul.textContent = "";
    list.slice(0, MOST).forEach(function (p) { ul.appendChild(item(p)); });
    if (list.length > MOST) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = new URL(dayHref, root).href;
      a.textContent = box.getAttribute("data-more").replace("{n}", new Intl.NumberFormat(document.documentElement.lang).format(list.length - MOST));
      li.appendChild(a);
      ul.appendChild(li);
    }
    div.hidden = list.length === 0;
  }
  // To the active worker, also on the first visit (before it controls
  // this page).
  function prefetch(lists) {
    if (!navigator.serviceWorker || !/^https?:$/.test(location.protocol)) return;
    var paths = [];
    lists.forEach(function (list) { list.forEach(function (p) { paths.push(p.h); }); });
    navigator.serviceWorker.ready.then(function (registration) {
      registration.active.postMessage({ type: "prefetch", paths: paths });
    });
  }
  function start(week) {
    var t = Date.now();
    var only = box.getAttribute("data-day");
    var first = week[0], last = week[week.length - 1];
    box.hidden = false;
    if (t < first.start) { part("before").hidden = false; return; }
    if (t >= last.end) { part("after").hidden = false; return; }
    var n = week.findIndex(function (d) { return t >= d.start && t < d.end; });
    if (n < 0 || (only && week[n].code !== only)) { box.hidden = true; return; }
    var next = week[n + 1];
    Promise.all([load(week[n].code), next ? load(next.code) : Promise.resolve([])]).then(function (lists) {
      var running = lists[0].filter(function (p) { return p.s <= t && t < p.e; });
      var upcoming = lists[0].concat(lists[1]).filter(function (p) { return p.s > t; });
      upcoming.sort(function (a, b) { return a.s - b.s; });
      var soonest = upcoming.length ? upcoming[0].s : 0;
      // The next start time, and whatever else starts within the hour after it.
      upcoming = upcoming.filter(function (p) { return p.s < soonest + 3600000; });
      fill("running", running, week[n].href);
      fill("next", upcoming, next && upcoming.length && upcoming[0].s >= week[n].end ? next.href : week[n].href);
      part("none").hidden = running.length > 0;
      prefetch(lists);
    });
  }
  window.roozLoad(new URL("now/week.js", root).href);
})();
