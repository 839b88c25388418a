// Filters of a list page (highlights, all programmes). Each control
// [data-filter=NAME] keeps the items whose data-f-NAME holds its value (a
// space-separated list); a checkbox keeps the items with data-f-NAME="1".
// Without this script every item is listed and the filters stay hidden.
(function () {
  "use strict";
  var form = document.querySelector("[data-filters]");
  if (!form) return;
  form.hidden = false;
  var controls = form.querySelectorAll("[data-filter]");
  var count = form.querySelector("[data-filter-count]");
  var items = document.querySelectorAll("[data-filtered] > li");
  function wanted(control) {
    if (control.type === "checkbox") return control.checked ? "1" : "";
    return control.value;
  }
  function apply() {
    var shown = 0;
    for (var i = 0; i < items.length; i++) {
      var item = items[i];
      var ok = true;
      for (var c = 0; c < controls.length && ok; c++) {
        var value = wanted(controls[c]);
        if (!value) continue;
        var has = (item.getAttribute("data-f-" + controls[c].getAttribute("data-filter")) || "").split(" ");
        ok = has.indexOf(value) >= 0;
      }
      item.hidden = !ok;
      if (ok) shown++;
    }
    // In the page's own digits (Persian on a Persian page), worded by the
    // theme's strings.
    var number = new Intl.NumberFormat(document.documentElement.lang || undefined);
    var pattern = count.getAttribute("data-pattern") || "{shown} / {total}";
    count.textContent = pattern.replace("{shown}", number.format(shown)).replace("{total}", number.format(items.length));
  }
  for (var c = 0; c < controls.length; c++) controls[c].addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  apply();
})();
