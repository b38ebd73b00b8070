/* The site's service worker, written for this site (README "Offline"); macros/offline.py puts
   VERSION, PRECACHE and which caches are this copy's (offline_caches.js) above this code:
   PRECACHE maps the URL of every file the site needs offline, relative to the site root, to the
   file's SRI sha256.

   Scope: the folder sw.js is served from, which is the site root (owner.github.io/repo/), so
   only this copy's pages. It answers only GET requests for URLs under that folder, and its
   caches are named after the folder ('ps-cope|/repo/|<version>'): it deletes only its own
   older caches, never those of another site on the same origin.

   Install: stores every listed file, fetched past the HTTP cache and checked against its hash,
   or copied from this copy's previous cache when the content there has that hash (an update
   downloads only the files that changed). Any file that fails fails the install: the version
   in use keeps serving, and the browser tries again at its next update check.
   Update: the new version waits until a page asks it to take over ('skip-waiting', sent when
   someone chooses "Reload now"); otherwise it takes over once no tab uses the old one.
   Serving: a listed file from the cache (`x/index.html` is `x/`), from the network if the cache
   lost it; any other page of the site from the network, or offline the site's 404 page. */

const BASE = new URL('./', self.location.href).href;
const SITE_PATH = new URL(BASE).pathname;
const CACHE = CACHE_PREFIX + VERSION;
const NOT_FOUND_PAGE = BASE + '404.html';

async function sri(body) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
  return 'sha256-' + btoa(String.fromCharCode(...digest));
}

/** The file at `url` as an earlier version stored it, if its content has `integrity`. */
async function unchanged(earlier, url, integrity) {
  for (const name of earlier) {
    const stored = await (await caches.open(name)).match(url);
    if (!stored) continue;
    const body = await stored.arrayBuffer();
    if (await sri(body) === integrity) {
      return new Response(body, { status: stored.status, headers: stored.headers });
    }
  }
  return null;
}

async function precache() {
  const cache = await caches.open(CACHE);
  const earlier = (await ownCaches()).filter((name) => name !== CACHE);
  await Promise.all(Object.entries(PRECACHE).map(async ([path, integrity]) => {
    const url = BASE + path;
    const response = (await unchanged(earlier, url, integrity))
      || (await fetch(url, { cache: 'reload', integrity }));
    if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
    await cache.put(url, response);
  }));
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().catch(async (error) => {
    await caches.delete(CACHE); // nothing half-stored stays behind
    throw error;
  }));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await ownCaches()) {
      if (name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim(); // the first visit's page works offline without a reload
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

/** The PRECACHE key of a path under the site, or null when the file is not stored. */
function storedAs(path) {
  const key = path.replace(/(^|\/)index\.html$/, '$1');
  return Object.hasOwn(PRECACHE, key) ? key : null;
}

/** The stored copy of `url`, else `request` fetched. Reads without opening the cache, which would
    create it again after the dev server's worker deleted it (macros/offline_unregister.js). */
async function fromCache(url, request) {
  return (await caches.match(url, { cacheName: CACHE })) || fetch(request);
}

/** The site's 404 page, with its status, for a page that is neither stored nor reachable. */
async function notFound() {
  const page = await caches.match(NOT_FOUND_PAGE, { cacheName: CACHE });
  if (!page) return Response.error();
  return new Response(page.body, { status: 404, statusText: 'Not Found', headers: page.headers });
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(SITE_PATH)) return;
  const key = storedAs(url.pathname.slice(SITE_PATH.length));
  if (key !== null) event.respondWith(fromCache(BASE + key, request));
  else if (request.mode === 'navigate') event.respondWith(fetch(request).catch(notFound));
});
