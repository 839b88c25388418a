// The highlights index: filter by day and headquarters. Without this script
// every highlight is listed and the filters stay hidden.
(function () {
  "use strict";
  var form = document.querySelector("[data-filters]");
  if (!form) return;
  form.hidden = false;
  var day = form.querySelector("[data-filter=day]");
  var hq = form.querySelector("[data-filter=hq]");
  var count = form.querySelector("[data-filter-count]");
  var items = document.querySelectorAll("[data-day][data-hq]");
  function apply() {
    var shown = 0;
    for (var i = 0; i < items.length; i++) {
      var item = items[i];
      var days = item.getAttribute("data-day").split(" ");
      var ok = (!day.value || days.indexOf(day.value) >= 0) && (!hq.value || item.getAttribute("data-hq") === hq.value);
      item.hidden = !ok;
      if (ok) shown++;
    }
    // In the page's own digits (Persian on a Persian page), worded by the
    // theme's strings.
    var number = new Intl.NumberFormat(document.documentElement.lang || undefined);
    var pattern = count.getAttribute("data-pattern") || "{shown} / {total}";
    count.textContent = pattern.replace("{shown}", number.format(shown)).replace("{total}", number.format(items.length));
  }
  day.addEventListener("change", apply);
  hq.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  apply();
})();
