/* sw.js under `mkdocs serve` (macros/offline.py, which puts offline_caches.js above this code):
   pages there change with every edit, so no copy is kept. This worker replaces a worker that a
   built copy of the site left on the same address: as it installs, it deletes that copy's
   caches; once active, it unregisters itself and reloads the pages the old worker controlled,
   so they come from the dev server. */

async function deleteOwnCaches() {
  for (const name of await ownCaches()) await caches.delete(name);
}

// The stored copy goes as this worker installs: until it takes over, the old worker finds nothing
// stored and passes every request to the dev server. Chromium leaves a new worker waiting while
// the old one is busy (a fetch in flight): skipWaiting is asked again every half second for
// thirty seconds (harmless once active), and it takes over at the latest once the old one idles.
self.addEventListener('install', (event) => {
  event.waitUntil(deleteOwnCaches());
  for (let ms = 0; ms <= 30000; ms += 500) setTimeout(() => self.skipWaiting(), ms);
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    await deleteOwnCaches(); // and any an older copy's worker opened again, empty, since
    await self.registration.unregister();
    // Reloads its pages without waiting for them: a page's fetch waits for its worker to finish
    // activating, so waiting here for the reloads could hold both.
    for (const client of await self.clients.matchAll({ type: 'window' })) {
      client.navigate(client.url).catch(() => {});
    }
  })());
});
