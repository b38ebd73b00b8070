/* Entry module, on every page shown: imports and mounts only the code the page needs. */

let current = null; // AbortController of the shown page's listeners

async function mount() {
  if (current) current.abort();
  const controller = current = new AbortController();
  nameSearchDialog();
  keepOffline();
  const form = document.querySelector('form.tool-form');
  const index = document.querySelector('.tool-all');
  const team = document.querySelector('.team');
  if (form) {
    const { mountForm } = await import('./form.js');
    if (!controller.signal.aborted) mountForm(form, controller.signal);
  } else if (index) {
    const { mountIndex } = await import('./tools-index.js');
    if (!controller.signal.aborted) await mountIndex(index, controller.signal);
  } else if (team) {
    const { mountTeam } = await import('./team.js');
    if (!controller.signal.aborted) await mountTeam(team, controller.signal);
  } else if (document.querySelector('.progress[data-elements]')) {
    const { mountProgress } = await import('./compare-page.js');
    if (!controller.signal.aborted) await mountProgress(document.querySelector('.progress[data-elements]'), controller.signal);
  }
  const durability = document.querySelector('[data-storage-status]');
  if (durability) {
    const { showDurability } = await import('./persist.js');
    if (!controller.signal.aborted) showDurability(durability);
  }
}

/** Material's search dialog has no accessible name (Lighthouse aria-dialog-name). */
function nameSearchDialog() {
  const dialog = document.querySelector('.md-search[role="dialog"]:not([aria-label])');
  if (dialog) dialog.setAttribute('aria-label', 'Search');
}

/** offline.js (update offer, status, downloads), where the worker serves the page or the page
    shows the offline status. A failure here changes nothing else. */
let offline = null;
function keepOffline() {
  if (navigator.serviceWorker?.controller || document.querySelector('[data-offline-status]')) {
    offline ??= import('./offline.js').then(({ keepOffline: keep }) => keep()).catch(() => {});
  }
}

if (window.document$) window.document$.subscribe(mount);
else mount();

// A first visit registers the worker (sw.js), which saves the site in the background.
const worker = navigator.serviceWorker;
if (worker && !worker.controller && !offline) {
  window.addEventListener('load', () => {
    worker.register(new URL('../sw.js', import.meta.url), { scope: new URL('../', import.meta.url).href,
      updateViaCache: 'none' }).catch(() => {}); // private window, storage blocked: online as before
  }, { once: true });
}
