// "My programme" (my.html): the starred programmes (static/rooz.js keeps
// their ids), looked up in my/p-K.js by the same hash rooz sorted them
// with (src/plan.rs, my_shard), listed day by day in time order; one
// .ics of them made of the calendar entries rooz wrote (my/config.js has
// the calendar's head and tail); a share link with the ids in its
// fragment (#p=id,id), which opens here and can be adopted (its field is
// copied by rooz.js's copy buttons).
(function () {
  "use strict";
  var box = document.querySelector("[data-my]");
  var root = new URL(box.getAttribute("data-root"), location.href);
  var config = null;
  var shards = {};
  window.roozMy = {
    config: function (c) { config = c; start(); },
    shard: function (k, data) { shards[k] = data; }
  };
  function part(name) { return box.querySelector("[data-my-" + name + "]"); }

  // FNV-1a of the UTF-8 bytes, as src/plan.rs.
  function shardOf(id) {
    var h = 0x811c9dc5;
    var bytes = new TextEncoder().encode(id);
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % config.shards;
  }
  function load(k) {
    return window.roozLoad(new URL("my/p-" + k + ".js", root).href).catch(function () {});
  }
  function lookup(ids) {
    var wanted = {};
    ids.forEach(function (id) { wanted[shardOf(id)] = true; });
    return Promise.all(Object.keys(wanted).map(function (k) { return load(Number(k)); })).then(function () {
      return ids.map(function (id) { return { id: id, p: (shards[shardOf(id)] || {})[id] || null }; });
    });
  }
  function shared() {
    var m = /(?:^#|&)p=([^&]*)/.exec(location.hash);
    if (!m) return null;
    return m[1].split(",").filter(Boolean).map(function (s) {
      try { return decodeURIComponent(s); } catch (e) { return ""; }
    }).filter(Boolean);
  }

  function item(entry, own) {
    var p = entry.p;
    var li = document.createElement("li");
    li.className = "card" + (p && p.cancelled ? " is-cancelled" : "");
    if (!p) {
      li.textContent = box.getAttribute("data-missing") + " (" + entry.id + ")";
      return li;
    }
    li.style.setProperty("--hq", p.color);
    if (p.cancelled) {
      var status = document.createElement("p");
      status.className = "card-status";
      var badge = document.createElement("span");
      badge.className = "badge cancelled";
      badge.textContent = box.getAttribute("data-cancelled");
      status.appendChild(badge);
      li.appendChild(status);
    }
    var h = document.createElement("h3");
    h.className = "card-heading";
    var a = document.createElement("a");
    a.href = new URL(p.h, root).href;
    a.textContent = p.t;
    h.appendChild(a);
    var meta = document.createElement("p");
    meta.className = "meta parts";
    [p.w, p.v, p.hq].forEach(function (text) {
      var span = document.createElement("span");
      span.textContent = text;
      meta.appendChild(span);
    });
    li.append(h, meta);
    if (own) {
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "unstar";
      remove.textContent = box.getAttribute("data-remove");
      remove.addEventListener("click", function () {
        window.roozStars.store(window.roozStars.list().filter(function (s) { return s !== entry.id; }));
        show();
      });
      li.appendChild(remove);
    }
    return li;
  }

  function list(entries, own) {
    var out = part("list");
    out.textContent = "";
    var known = entries.filter(function (e) { return e.p; });
    known.sort(function (a, b) { return a.p.d - b.p.d || a.p.m - b.p.m || (a.p.t < b.p.t ? -1 : 1); });
    var day = -1, ul = null;
    known.forEach(function (e) {
      if (e.p.d !== day) {
        day = e.p.d;
        var h = document.createElement("h2");
        var link = document.createElement("a");
        link.href = new URL(config.days[day].href, root).href;
        link.textContent = config.days[day].label;
        h.appendChild(link);
        ul = document.createElement("ul");
        ul.className = "cards";
        out.append(h, ul);
      }
      ul.appendChild(item(e, own));
    });
    var missing = entries.filter(function (e) { return !e.p; });
    if (missing.length) {
      var rest = document.createElement("ul");
      rest.className = "cards";
      missing.forEach(function (e) { rest.appendChild(item(e, own)); });
      out.appendChild(rest);
    }
    part("empty").hidden = entries.length > 0;
    part("actions").hidden = entries.length === 0;
    calendar(known);
  }

  // One calendar of the entries rooz wrote for each programme.
  var ics = "";
  function calendar(entries) {
    ics = config.head + entries.map(function (e) { return e.p.ics || ""; }).join("") + config.tail;
  }
  function download() {
    var url = URL.createObjectURL(new Blob([ics], { type: "text/calendar" }));
    var a = document.createElement("a");
    a.href = url;
    a.download = box.getAttribute("data-file");
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function shareLink(ids) {
    var u = new URL(location.href);
    u.hash = "p=" + ids.map(encodeURIComponent).join(",");
    return u.href;
  }

  function show() {
    var theirs = shared();
    var ids = theirs || window.roozStars.list();
    part("shared").hidden = !theirs;
    part("link").value = shareLink(ids);
    return lookup(ids).then(function (entries) { list(entries, !theirs); });
  }

  function start() {
    box.hidden = false;
    part("adopt").addEventListener("click", function () {
      var mine = window.roozStars.list();
      (shared() || []).forEach(function (id) { if (mine.indexOf(id) < 0) mine.push(id); });
      window.roozStars.store(mine);
      history.replaceState(null, "", location.pathname + location.search);
      show();
    });
    part("ics").addEventListener("click", download);
    window.addEventListener("hashchange", show);
    window.addEventListener("storage", function (e) { if (e.key === window.roozStars.key) show(); });
    show();
  }
})();
