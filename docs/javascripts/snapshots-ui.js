/* "Keep a snapshot of these answers" on the tools index: keeps today's answers (every tool saved
   in this browser) under a date and a name, lists the snapshots kept, renames and deletes them.
   Storage: snapshots.js. Names are only ever set as text. */

import { el, messageLine } from './dom.js';
import { count, isoNow } from './format.js';
import {
  MAX_SNAPSHOT_NAME, loadSnapshots, makeSnapshot, saveSnapshots, tidyName,
} from './snapshots.js';

/** Mounts the snapshot box after `anchor`. `currentTools()` gives slug → entry of the answers
    saved now (as in a download). */
export function mountSnapshots(anchor, store, prefix, currentTools, signal) {
  const list = el('ul', { class: 'snapshot-list' });
  const nameInput = el('input', { type: 'text', id: 'snapshot-name', maxlength: MAX_SNAPSHOT_NAME,
    'aria-describedby': 'snapshot-hint' });
  const messages = el('div', { class: 'snapshot-messages', 'aria-live': 'polite', tabindex: '-1' });
  const say = (text, isError) => messages.replaceChildren(messageLine(text, isError));
  const box = el('section', { class: 'snapshots', 'aria-labelledby': 'snapshots-heading' },
    el('h3', { id: 'snapshots-heading' }, 'Snapshots of your answers'),
    el('p', { id: 'snapshot-hint', class: 'tool-hint' }, 'A snapshot keeps today’s answers to every tool in this browser, '
      + 'to compare with later on Progress over time. It is kept only here and included in Download all answers.'),
    el('p', {}, el('label', { for: 'snapshot-name' }, 'Snapshot name'), ' ', nameInput, ' ',
      el('button', { type: 'button', class: 'tool-button', 'data-snapshot': 'keep' }, 'Keep a snapshot of these answers')),
    messages, list);
  anchor.after(box);

  const when = (iso) => new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });

  function render() {
    const snaps = loadSnapshots(store, prefix);
    list.replaceChildren(...snaps.map((s, i) => el('li', {},
      el('span', { class: 'snapshot-name' }, s.name), ' (' + when(s.taken) + ', ' + count(Object.keys(s.tools).length, 'tool') + ') ',
      el('button', { type: 'button', class: 'tool-button', 'data-snapshot': 'rename', 'data-index': i,
        'aria-label': 'Rename ' + s.name }, 'Rename'), ' ',
      el('button', { type: 'button', class: 'tool-button', 'data-snapshot': 'delete', 'data-index': i,
        'aria-label': 'Delete ' + s.name }, 'Delete'))));
  }

  function write(snaps, done) {
    try {
      saveSnapshots(store, prefix, snaps);
    } catch (e) {
      say(e.message, true);
      return;
    }
    render();
    say(done);
  }

  box.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-snapshot]');
    if (!button) return;
    const snaps = loadSnapshots(store, prefix);
    const i = Number(button.dataset.index);
    if (button.dataset.snapshot === 'keep') {
      const tools = currentTools();
      if (!Object.keys(tools).length) {
        say('There are no answers saved in this browser yet.', true);
        return;
      }
      const snap = makeSnapshot(tools, nameInput.value, isoNow());
      write([...snaps, snap], 'Kept a snapshot “' + snap.name + '” of ' + count(Object.keys(tools).length, 'tool') + '.');
      nameInput.value = '';
    } else if (button.dataset.snapshot === 'rename' && snaps[i]) {
      const name = tidyName(window.prompt('New name for “' + snaps[i].name + '”', snaps[i].name) || '');
      if (!name) return;
      snaps[i] = { ...snaps[i], name };
      write(snaps, 'Renamed the snapshot “' + name + '”.');
    } else if (button.dataset.snapshot === 'delete' && snaps[i]) {
      if (!window.confirm('Delete the snapshot “' + snaps[i].name + '”?')) return;
      const [gone] = snaps.splice(i, 1);
      write(snaps, 'Deleted the snapshot “' + gone.name + '”.');
    }
  }, { signal });
  render();
  return { render };
}
