/* The quiet backup nudge: when answers changed since the last download, the toolbar says when
   the last backup was made and offers "Download a backup" (file-copy.js keeps a copy in a file
   where the browser can write files). */

import { count } from './format.js';
import { isEmptyRecord, needsBackup } from './records.js';

const when = (iso) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function button(text, onClick, signal) {
  const el = document.createElement('button');
  el.type = 'button';
  el.className = 'tool-button';
  el.textContent = text;
  el.addEventListener('click', onClick, { signal });
  return el;
}

/** The backup line of a toolbar. `update(records, lastBackups)` redraws it: one record and its
    last backup (storage.js lastBackup) for a tool page, every tool's for the index. */
export function backupLine(toolbarEl, download, signal) {
  const line = document.createElement('p');
  line.className = 'tool-backup';
  line.hidden = true;
  toolbarEl.querySelector('.tool-actions').before(line);
  const offer = button('Download a backup', download, signal);
  return {
    update(records, lastBackups) {
      const latest = lastBackups.filter(Boolean).map((backup) => backup.at).sort().pop();
      const last = latest ? 'last backup ' + when(latest) : 'no backup yet';
      const stale = records.filter((rec, i) => needsBackup(rec, lastBackups[i])).length;
      if (stale) {
        line.replaceChildren((records.length > 1 ? count(stale, 'tool') + ' changed since the last backup'
          : 'Changed since your last backup') + ' (' + last + '). ', offer);
      } else if (latest && records.some((rec) => !isEmptyRecord(rec))) {
        line.replaceChildren('Backed up ' + when(latest) + '.');
      } else {
        line.replaceChildren();
      }
      line.hidden = !line.textContent;
    },
  };
}
