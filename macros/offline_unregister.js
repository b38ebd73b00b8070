/* sw.js under `mkdocs serve` (macros/offline.py): pages there change with every edit, so no
   copy is kept. This worker replaces a worker that a built copy of the site left on the same
   address, deletes that copy's caches (named after exactly this site's path), unregisters
   itself and reloads the pages the old worker controlled, so they come from the dev server. */

'use strict';

const CACHE_PREFIX = 'ps-cope|' + new URL('./', self.location.href).pathname + '|';

// Chromium leaves a new worker waiting if the old one was busy as it installed: asked again,
// every half second for thirty seconds (harmless once active; a loaded machine needs longer).
self.addEventListener('install', () => {
  for (let ms = 0; ms <= 30000; ms += 500) setTimeout(() => self.skipWaiting(), ms);
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      const own = name.startsWith(CACHE_PREFIX) && !name.slice(CACHE_PREFIX.length).includes('|');
      if (own) await caches.delete(name);
    }
    await self.registration.unregister();
    const controlled = await self.clients.matchAll({ type: 'window' });
    await Promise.allSettled(controlled.map((client) => client.navigate(client.url)));
  })());
});
