/* Which caches are this copy's, for both workers (macros/offline.py puts this above each): those
   named after exactly this copy's path, 'ps-cope|/repo/|<version>', so that copies sharing an
   origin (project sites of one github.io account) never touch each other's caches. */

const CACHE_PREFIX = 'ps-cope|' + new URL('./', self.location.href).pathname + '|';

/** This copy's caches, of any version. */
async function ownCaches() {
  return (await caches.keys()).filter((name) => name.startsWith(CACHE_PREFIX)
    && !name.slice(CACHE_PREFIX.length).includes('|'));
}
