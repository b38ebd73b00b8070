/* How long this browser keeps the site's storage: asks for persistent storage where the browser
   offers it (navigator.storage.persist) and says plainly what it granted. */

const SAID = {
  persistent: 'This browser keeps your answers until you clear them.',
  'best-effort': 'This browser may delete your answers if it runs short of space: download a backup from time to time.',
  unknown: 'This browser does not say how long it keeps your answers: download a backup from time to time.',
};
const SAFARI = 'Safari deletes a site’s saved answers after 7 days without a visit, and a private window '
  + 'forgets them when it closes: download a backup after each session.';

/** 'persistent', 'best-effort' or 'unknown' (no Storage API). */
export async function storageState() {
  try {
    if (!navigator.storage || !navigator.storage.persisted) return 'unknown';
    return (await navigator.storage.persisted()) ? 'persistent' : 'best-effort';
  } catch (e) {
    return 'unknown';
  }
}

/** Asks for persistent storage (once the user has saved something); the state afterwards. */
export async function requestPersistence() {
  try {
    if (navigator.storage && navigator.storage.persist) await navigator.storage.persist();
  } catch (e) { /* refused or not offered: the state says so */ }
  return storageState();
}

/** Safari (on every Apple device) and WebKit browsers that follow its 7-day rule. */
const erasesAfterAWeek = () => navigator.vendor === 'Apple Computer, Inc.';

/** The sentence for a storage state. */
export function durabilityText(state) {
  return state !== 'persistent' && erasesAfterAWeek() ? SAFARI : SAID[state];
}

/** Fills `el` with what this browser grants (`state` if known, else as soon as it is asked), and
    again whenever `refresh` is called. */
export function showDurability(el, state) {
  const refresh = (now) => {
    el.hidden = false;
    el.textContent = durabilityText(now);
    el.dataset.state = now;
  };
  if (state) refresh(state);
  else storageState().then(refresh);
  return refresh;
}
