// (ROOZ, above, is written by src/render/app.rs: the build's name, the
// files to keep from the first visit, and the offline page; paths are
// relative to this file's folder, the site's root.)
//
// Pages come from the network first (a reader online sees the current
// build), and from the cache when the network fails or is slower than
// PATIENCE; other files come from the cache first. Every page read online
// is kept, so what a reader opened works offline. The cache is named after
// the build: a new build makes a new worker, which fetches the precached
// files and every page the reader had kept again, then drops the old
// cache. Serve mode's live-reload files (/__rooz/) are never kept.
"use strict";
const SCOPE = new URL("./", self.location).href;
const PREFIX = "rooz:" + new URL(SCOPE).pathname + ":";
const CACHE = PREFIX + ROOZ.build;
const PATIENCE = 4000;
// How many kept pages a new build fetches again.
const CARRIED = 400;

const url = (path) => new URL(path, SCOPE).href;
const keepable = (request) => {
  const u = new URL(request.url);
  return request.method === "GET" && u.origin === self.location.origin &&
    u.href.startsWith(SCOPE) && !u.pathname.includes("/__rooz/");
};
// A page's address without its query and fragment; a folder as its index.
const key = (href) => {
  const u = new URL(href);
  u.hash = "";
  u.search = "";
  if (u.pathname.endsWith("/")) u.pathname += "index.html";
  return u.href;
};

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(ROOZ.precache.map(url));
    // Pages the reader kept from an earlier build, fetched fresh.
    const wanted = new Set(ROOZ.precache.map(url));
    for (const name of await caches.keys()) {
      if (!name.startsWith(PREFIX) || name === CACHE) continue;
      const old = await caches.open(name);
      const requests = (await old.keys()).filter((r) => !wanted.has(r.url)).slice(0, CARRIED);
      await Promise.all(requests.map(async (r) => {
        try {
          const fresh = await fetch(r.url, { cache: "no-cache" });
          if (fresh.ok) await cache.put(r.url, fresh);
        } catch (e) {
          // Offline while updating: the old copy is better than none.
          const copy = await old.match(r);
          if (copy) await cache.put(r.url, copy);
        }
      }));
    }
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

async function fromNetwork(request, wait) {
  const cache = await caches.open(CACHE);
  const network = fetch(request).then(async (response) => {
    if (response.ok && response.type === "basic") await cache.put(key(request.url), response.clone());
    return response;
  });
  if (!wait) return network;
  // Slower than PATIENCE: answer from the cache, and keep the page when it comes.
  const late = new Promise((resolve) => setTimeout(resolve, wait));
  const first = await Promise.race([network.catch(() => null), late.then(() => null)]);
  if (first) return first;
  const kept = await cache.match(key(request.url));
  return kept || network;
}

async function page(request) {
  try {
    const response = await fromNetwork(request, PATIENCE);
    if (response) return response;
  } catch (e) {
    // Offline: below.
  }
  const cache = await caches.open(CACHE);
  return (await cache.match(key(request.url))) || (await cache.match(url(ROOZ.offline))) ||
    new Response("offline", { status: 503 });
}

async function file(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(key(request.url));
  if (kept) return kept;
  return fromNetwork(request, 0);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (!keepable(request)) return;
  event.respondWith(request.mode === "navigate" ? page(request) : file(request));
});

// Messages from pages: "prefetch" asks for pages to be fetched ahead (the
// programmes of today and tomorrow), kept unless already kept; "kept"
// asks which pages are kept (the offline page lists them).
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "kept" && event.ports[0]) {
    event.waitUntil((async () => {
      const cache = await caches.open(CACHE);
      const pages = (await cache.keys()).map((r) => r.url)
        .filter((u) => u.endsWith("/index.html") && u !== url(ROOZ.offline));
      event.ports[0].postMessage(pages);
    })());
    return;
  }
  if (data.type !== "prefetch" || !Array.isArray(data.paths)) return;
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    for (const path of data.paths.slice(0, 500)) {
      const href = key(url(path));
      if (!href.startsWith(SCOPE) || (await cache.match(href))) continue;
      try {
        const response = await fetch(href);
        if (response.ok) await cache.put(href, response);
      } catch (e) {
        return;
      }
    }
  })());
});
