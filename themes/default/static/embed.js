// embed/today/: opens the embeddable page of the event's day at the
// reader's time (now/week.js has when each day begins and ends, in the
// event's time zone); before the week its first day, after it its last.
// Without a script the page lists the days.
(function () {
  "use strict";
  var list = document.querySelector("[data-embed-today]");
  var root = new URL(list.getAttribute("data-root"), location.href);
  window.roozNow = {
    week: function (week) {
      var t = Date.now();
      var day = week.filter(function (d) { return t >= d.start && t < d.end; })[0] ||
        (t < week[0].start ? week[0] : week[week.length - 1]);
      location.replace(new URL(day.embed, root).href);
    }
  };
})();
