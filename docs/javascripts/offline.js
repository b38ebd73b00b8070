/* Where a page is served by the site's service worker (sw.js, by macros/offline.py) or says
   whether this browser keeps the site (main.js decides; a first visit's page only registers the
   worker): follows the worker, looks for new versions, switches when asked, and saves
   `<a download>` links through the worker (Chromium sends them past it). The offer
   (offline-offer.js) and status (offline-status.js) load where shown. Without service workers
   the site works online as before. */

const SITE = new URL('../', import.meta.url).href; // site.js's SITE, without site.js's imports
const CHECK_EVERY_MS = 15 * 60 * 1000; // looks under instant navigation, at most this often

let registration = null;
let state = 'saving'; // saving | offline | off | insecure | unsupported (offline-status.js)
let lastCheck = Date.now(); // a page load looks by itself
let switching = false; // this tab asked the new version to take over
let wholePages = false; // another tab switched: links load whole pages

/** Once per page load (instant navigation keeps it). */
export function keepOffline() {
  const sw = navigator.serviceWorker;
  if (!sw) {
    state = window.isSecureContext ? 'unsupported' : 'insecure';
  } else {
    const hadController = Boolean(sw.controller);
    sw.addEventListener('controllerchange', () => {
      if (switching) window.location.reload(); // the form saves its answers on pagehide
      else if (hadController) switchedElsewhere();
    });
    document.addEventListener('click', saveThroughWorker);
    if (document.readyState === 'complete') register(sw);
    else window.addEventListener('load', () => register(sw), { once: true });
  }
  if (window.document$) window.document$.subscribe(onPage);
  else onPage();
}

async function register(sw) {
  try {
    registration = await sw.register(new URL('sw.js', SITE), { scope: SITE, updateViaCache: 'none' });
  } catch (e) {
    setState('off'); // private window, storage blocked: online as before
    return;
  }
  registration.addEventListener('updatefound', () => follow(registration.installing));
  follow(registration.installing || registration.waiting);
}

function follow(worker) {
  if (worker) worker.addEventListener('statechange', refresh);
  refresh();
}

function refresh() {
  const pending = registration.installing || registration.waiting;
  setState(registration.active ? 'offline' : pending ? 'saving' : 'off');
  if (registration.waiting && registration.active && navigator.serviceWorker.controller) offer('ready');
}

function setState(next) {
  state = next;
  showStatus();
}

function showStatus() {
  const el = document.querySelector('[data-offline-status]');
  if (el) import('./offline-status.js').then((m) => m.showOfflineStatus(el, state), () => {});
}

function offer(kind) {
  import('./offline-offer.js').then((m) => m.showOffer(kind, reloadNow), () => {});
}

function onPage() {
  showStatus();
  if (registration && Date.now() - lastCheck >= CHECK_EVERY_MS) {
    lastCheck = Date.now();
    registration.update().catch(() => {}); // offline or the host is down: a later page looks again
  }
}

/** "Reload now": the waiting version takes over, then controllerchange reloads this page. */
function reloadNow() {
  const waiting = registration && registration.waiting;
  if (!waiting) {
    window.location.reload(); // another tab has switched already
    return;
  }
  switching = true;
  waiting.postMessage('skip-waiting');
}

/** Another tab switched versions: not reloaded, this page's links load whole pages from now on,
    so its code never runs with the new version's pages and modules. */
function switchedElsewhere() {
  if (!wholePages) window.addEventListener('click', loadWholePage, true);
  wholePages = true;
  offer('switched');
}

function loadWholePage(event) {
  const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (link && !link.target && !link.hasAttribute('download') && link.href.startsWith(SITE)
      && link.pathname !== window.location.pathname) {
    event.stopPropagation(); // not to Material's instant navigation
  }
}

/** `<a download>` to a site file, on a controlled page: fetched through the worker, saved from memory. */
function saveThroughWorker(event) {
  const link = event.target instanceof Element ? event.target.closest('a[download][href]') : null;
  if (!link || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey
      || event.shiftKey || event.altKey || !navigator.serviceWorker.controller
      || !link.href.startsWith(SITE)) return;
  event.preventDefault();
  Promise.all([import('./files.js'), fetch(link.href)]).then(async ([{ downloadBlob }, response]) => {
    if (!response.ok) throw new Error('HTTP ' + response.status);
    const name = link.getAttribute('download') || decodeURIComponent(link.pathname.split('/').pop());
    downloadBlob(await response.blob(), name);
  }).catch(() => window.location.assign(link.href)); // the browser's own way
}
