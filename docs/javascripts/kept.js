/* What the form cannot show but keeps: answers for fields the tool no longer has (a record's
   `extra`, read-only, with the field ID) and copies of saved answers set aside after a version
   change or damage (each downloadable as a file). Text is only ever written as text. */

import { downloadBlob } from './files.js';
import { setAsideCopies } from './storage.js';

/** The panel under the toolbar; `update(record)` redraws it from the record and the store. */
export function keptPanel(toolbarEl, spec, store, prefix, signal) {
  const panel = document.createElement('section');
  panel.className = 'tool-kept';
  panel.setAttribute('aria-label', 'Answers kept aside');
  toolbarEl.after(panel);

  function extraList(extra) {
    const names = Object.keys(extra);
    if (!names.length) return [];
    const heading = document.createElement('h2');
    heading.textContent = 'Answers for fields this tool no longer has';
    const intro = document.createElement('p');
    intro.textContent = 'Kept here and in every download of your answers; the form does not show '
      + 'them. Copy what you still need into the form.';
    const list = document.createElement('dl');
    for (const name of names) {
      const term = document.createElement('dt');
      term.textContent = name;
      const value = document.createElement('dd');
      value.textContent = extra[name];
      list.append(term, value);
    }
    return [heading, intro, list];
  }

  function copiesList() {
    const copies = store ? setAsideCopies(store, prefix, spec.slug) : [];
    if (!copies.length) return [];
    const heading = document.createElement('h2');
    heading.textContent = 'Saved answers set aside';
    const list = document.createElement('ul');
    for (const copy of copies) {
      const item = document.createElement('li');
      const when = new Date(copy.time).toLocaleString();
      item.append(copy.kind === 'version'
        ? 'Answers saved for version ' + copy.version + ' of this tool, set aside ' + when + ' '
        : 'Saved answers this browser could not read, set aside ' + when + ' ');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'tool-button';
      button.textContent = 'Download this copy';
      button.addEventListener('click', () => {
        const text = store.getItem(copy.key) || '';
        downloadBlob(new Blob([text], { type: 'application/json' }),
          'ps-cope-' + spec.slug + '-set-aside-' + copy.time + '.json');
      }, { signal });
      item.append(button);
      list.append(item);
    }
    return [heading, list];
  }

  return {
    update(record) {
      const parts = [...extraList(record.extra), ...copiesList()];
      panel.replaceChildren(...parts);
      panel.hidden = !parts.length;
    },
  };
}
