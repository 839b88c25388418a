// Highlight pages: copy the caption, and share the page with the Web Share
// API where the phone has it, copying the link otherwise. The buttons stay
// hidden when this script does not run.
(function () {
  "use strict";
  function copy(text, button) {
    var done = function () {
      var label = button.textContent;
      button.textContent = button.getAttribute("data-done");
      setTimeout(function () { button.textContent = label; }, 2000);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () {});
    } else {
      var area = document.createElement("textarea");
      area.value = text;
      document.body.appendChild(area);
      area.select();
      try { document.execCommand("copy"); done(); } catch (e) { /* nothing to copy with */ }
      document.body.removeChild(area);
    }
  }
  var copyButtons = document.querySelectorAll("[data-copy]");
  for (var i = 0; i < copyButtons.length; i++) {
    (function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        copy(document.getElementById(button.getAttribute("data-copy")).value, button);
      });
    })(copyButtons[i]);
  }
  var shareButtons = document.querySelectorAll("[data-share]");
  for (var j = 0; j < shareButtons.length; j++) {
    (function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var url = button.getAttribute("data-url") || location.href;
        var data = { title: button.getAttribute("data-title"), text: button.getAttribute("data-text"), url: url };
        if (!navigator.share) {
          copy(url, button);
          return;
        }
        // The square card goes along where the phone can share files.
        var card = button.getAttribute("data-card");
        if (!card || !window.File || !navigator.canShare) {
          navigator.share(data).catch(function () {});
          return;
        }
        fetch(card).then(function (r) { return r.blob(); }).then(function (blob) {
          var file = new File([blob], button.getAttribute("data-card-name") || "card.png", { type: "image/png" });
          var withFile = { title: data.title, text: data.text, url: data.url, files: [file] };
          return navigator.share(navigator.canShare(withFile) ? withFile : data);
        }).catch(function () { navigator.share(data).catch(function () {}); });
      });
    })(shareButtons[j]);
  }
})();
