/* The offer to switch to a new version of the site (offline.js decides when): a polite status
   region at the bottom of the window, kept across instant navigation, with "Reload now" and
   "Not now". Shown once per kind and page load; "Not now" empties it. */

const SAID = {
  ready: 'A new version of this site is ready. Reloading keeps your answers.',
  switched: 'This site was updated in another tab. Reload this page to use the new version; your '
    + 'answers are kept.',
};
const ANNOUNCE_DELAY_MS = 100; // the region exists before its text, so screen readers announce it

let region = null;
let shown = null; // the kind last offered on this page

/** Offers the new version: `kind` is 'ready' (installed, waiting) or 'switched' (another tab
    switched); `reloadNow` is what "Reload now" does. */
export function showOffer(kind, reloadNow) {
  if (shown === kind) return;
  shown = kind;
  if (!region) {
    const style = document.createElement('link'); // beside the region: instant navigation keeps both
    style.rel = 'stylesheet';
    style.href = new URL('../stylesheets/offline-offer.css', import.meta.url).href;
    document.body.append(style);
    region = document.createElement('div');
    region.className = 'ps-offline-offer';
    region.setAttribute('role', 'status');
    document.body.append(region);
  }
  const text = document.createElement('p');
  text.textContent = SAID[kind];
  const reload = button('Reload now', reloadNow);
  reload.className = 'ps-offline-offer__main';
  const later = button('Not now', () => region.replaceChildren());
  setTimeout(() => region.replaceChildren(text, reload, later), ANNOUNCE_DELAY_MS);
}

function button(label, onClick) {
  const el = document.createElement('button');
  el.type = 'button';
  el.textContent = label;
  el.addEventListener('click', onClick);
  return el;
}
