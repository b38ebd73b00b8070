/* The toolbar above a form or on the tools index: status, how long the browser keeps answers,
   storage warning, messages, file input, the member's name. */

import { KEY_PREFIX } from './site.js';

const NOT_KEPT = 'Your browser is not keeping these answers. Download them before you leave this page.';
const MEMBER_KEY = KEY_PREFIX + 'member';

/** The member's name or role for their downloads (macros/render_team.py), kept in this browser
    for every tool page; it still works for this page when the browser keeps nothing. */
function memberField(bar, signal) {
  const input = bar.querySelector('#tool-member');
  if (!input) return () => '';
  try {
    input.value = localStorage.getItem(MEMBER_KEY) || '';
  } catch (e) { /* storage blocked: the field starts empty */ }
  input.addEventListener('input', () => {
    try {
      if (input.value.trim()) localStorage.setItem(MEMBER_KEY, input.value.trim());
      else localStorage.removeItem(MEMBER_KEY);
    } catch (e) { /* kept on this page only */ }
  }, { signal });
  window.addEventListener('storage', (event) => {
    if (event.key === MEMBER_KEY) input.value = event.newValue || '';
  }, { signal });
  return () => input.value.trim();
}

/** The toolbar's controls; `say` replaces the message (with an optional undo button). */
export function toolbar(root, signal, { sample = false } = {}) {
  const bar = root.querySelector('.tool-toolbar');
  const messages = bar.querySelector('.tool-messages');
  const status = bar.querySelector('.tool-status');
  const setStatus = (text) => { if (status) status.textContent = text; };
  const durability = document.createElement('p');
  durability.className = 'tool-durability';
  durability.hidden = true;
  bar.querySelector('.tool-warning').before(durability);
  return {
    file: bar.querySelector('input[type=file]'),
    member: sample ? () => '' : memberField(bar, signal),
    durability,
    setStatus,
    warn() {
      bar.querySelector('.tool-warning').textContent = NOT_KEPT;
      setStatus('Not saved in this browser');
    },
    say(text, isError, undo) {
      const p = document.createElement('p');
      p.className = 'tool-message' + (isError ? ' tool-message--error' : '');
      p.textContent = text;
      if (undo) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'tool-button';
        button.textContent = undo.label;
        button.addEventListener('click', () => { undo.run(); messages.focus(); }, { once: true, signal });
        p.append(' ', button);
      }
      messages.replaceChildren(p);
    },
  };
}

/** Runs `handle(file)` for a file chosen in the toolbar's file input, then resets it; a thrown
    error's message is shown. */
export function onFileChosen(ui, signal, handle) {
  ui.file.addEventListener('change', async () => {
    const file = ui.file.files[0];
    ui.file.value = '';
    if (!file) return;
    try {
      await handle(file);
    } catch (e) {
      ui.say(e.message, true);
    }
  }, { signal });
}
