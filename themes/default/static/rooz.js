// Marks today on the week strip. The page is complete without this script:
// it only adds a highlight when the reader's date falls inside the week.
(function () {
  "use strict";
  var now = new Date();
  var pad = function (n) { return (n < 10 ? "0" : "") + n; };
  var today = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  var days = document.querySelectorAll("[data-date]");
  for (var i = 0; i < days.length; i++) {
    if (days[i].getAttribute("data-date") === today) {
      days[i].classList.add("is-today");
    }
  }
})();
