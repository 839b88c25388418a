// rooz serve: reloads the page after a rebuild, and shows a failed
// rebuild's errors over it (the page stays the last good build). Served
// only by `rooz serve`, never written into a built site.
(function () {
  "use strict";
  var me = document.currentScript;
  var build = me ? me.getAttribute("data-build") : "";
  var typesetSeen = me ? Number(me.getAttribute("data-round")) : null;
  var overlay = null;
  var delay = 250;

  function here(path) {
    // The page, or an image or link on it, is one of the files just made.
    var own = location.pathname.replace(/index\.html$/, "");
    return path.some(function (p) {
      var url = new URL("/" + p, location.origin).pathname;
      if (url === location.pathname || url.replace(/index\.html$/, "") === own) return true;
      var images = document.querySelectorAll("img[src], source[srcset]");
      for (var i = 0; i < images.length; i++) {
        var src = images[i].getAttribute("src") || images[i].getAttribute("srcset");
        if (new URL(src, location.href).pathname === url) return true;
      }
      return false;
    });
  }

  function show(text) {
    if (!overlay) {
      overlay = document.createElement("rooz-error");
      var root = overlay.attachShadow({ mode: "open" });
      // A constructed stylesheet, not a <style> element: the pages'
      // Content-Security-Policy allows only the site's own style files.
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(
        ":host{all:initial;position:fixed;inset:0;z-index:2147483647;background:rgba(20,20,20,.72);display:block}" +
        "div{box-sizing:border-box;margin:4vh auto;max-width:60rem;max-height:92vh;overflow:auto;background:#fff;color:#1a1a1a;" +
        "border-top:.4rem solid #b3261e;border-radius:.5rem;padding:1rem 1.25rem;font:15px/1.5 system-ui,sans-serif}" +
        "h2{margin:0 0 .5rem;font-size:1.1rem;color:#b3261e}p{margin:0 0 .75rem}" +
        "pre{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;font:13px/1.45 ui-monospace,Menlo,Consolas,monospace;" +
        "background:#f6f6f6;padding:.75rem;border-radius:.25rem;unicode-bidi:plaintext}" +
        "@media (prefers-color-scheme:dark){div{background:#1e1e1e;color:#eee}pre{background:#111}}"
      );
      root.adoptedStyleSheets = [sheet];
      root.innerHTML =
        '<div role="alert" dir="ltr" lang="en"><h2>The last change does not build</h2>' +
        "<p>This page is the last good build. Fix the mistake below and save: the page reloads by itself.</p>" +
        "<pre></pre></div>";
      document.documentElement.appendChild(overlay);
    }
    overlay.shadowRoot.querySelector("pre").textContent = text;
  }

  function clear() {
    if (overlay) overlay.remove();
    overlay = null;
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + location.host + "/__rooz/live");
    socket.onopen = function () {
      delay = 250;
    };
    socket.onmessage = function (event) {
      var state = JSON.parse(event.data);
      if (state.error) {
        show(state.error);
        return;
      }
      if (state.build !== build) {
        location.reload();
        return;
      }
      clear();
      if (typesetSeen !== null && state.typeset_round !== typesetSeen && here(state.typeset)) {
        location.reload();
        return;
      }
      typesetSeen = state.typeset_round;
    };
    socket.onclose = function () {
      // The server restarts, or rebuilds its listener: try again, slower.
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 5000);
    };
  }

  connect();
})();
