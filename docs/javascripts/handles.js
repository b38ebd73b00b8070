/* File handles kept across visits (File System Access API, Chrome and Edge): IndexedDB holds
   them, since localStorage cannot. */

const DB = 'ps-cope-files';
const STORE = 'handles';

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run(mode, action) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const request = action(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}

export const getHandle = (key) => run('readonly', (store) => store.get(key)).catch(() => undefined);
export const putHandle = (key, handle) => run('readwrite', (store) => store.put(handle, key));
export const deleteHandle = (key) => run('readwrite', (store) => store.delete(key)).catch(() => undefined);

/** Forgets every handle kept under a key that starts with `prefix` (one site copy's). */
export const deleteHandlesUnder = (prefix) => run('readwrite', (store) => {
  const request = store.openCursor();
  request.addEventListener('success', () => {
    const cursor = request.result;
    if (!cursor) return;
    if (String(cursor.key).startsWith(prefix)) cursor.delete();
    cursor.continue();
  });
  return request;
}).catch(() => undefined);
