/* The quiet backup nudge: when answers changed since the last download, the toolbar says when
   the last backup was made and offers "Download a backup". Where the browser can write files
   (File System Access API: Chrome, Edge), "Keep a copy in a file" writes the answers file on
   every autosave; elsewhere the option is not shown. */

import { deleteHandle, getHandle, putHandle } from './handles.js';
import { count } from './format.js';
import { isEmptyRecord, needsBackup } from './records.js';

const when = (iso) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function button(text, onClick, signal) {
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

/** "Keep a copy in a file" for one tool, where the browser supports it; `write(text)` is called
    after each autosave and returns whether the file was written. `onWritten` notes the backup. */
export function fileCopy(toolbarEl, key, suggestedName, contents, onWritten, signal) {
  if (typeof window.showSaveFilePicker !== 'function') return { write: async () => false };
  const line = document.createElement('p');
  line.className = 'tool-file-copy';
  toolbarEl.querySelector('.tool-actions').after(line);
  let handle = null; // writing to it is allowed

  async function write() {
    if (!handle) return false;
    try {
      const writable = await handle.createWritable();
      await writable.write(contents());
      await writable.close();
      onWritten();
      return true;
    } catch (e) {
      show('The copy in “' + handle.name + '” could not be written. ', 'Choose the file again', choose);
      handle = null;
      return false;
    }
  }

  function show(text, action, run) {
    line.replaceChildren(text, button(action, run, signal));
  }

  function keeping() {
    show('Keeping a copy of these answers in “' + handle.name + '” as you type. ', 'Stop keeping a copy', stop);
  }

  async function choose() {
    try {
      const picked = await window.showSaveFilePicker({
        suggestedName, types: [{ description: 'PS-COPE answers file', accept: { 'application/json': ['.json'] } }],
      });
      await putHandle(key, picked).catch(() => undefined);
      handle = picked;
      if (await write()) keeping();
    } catch (e) { /* the user closed the picker */ }
  }

  async function stop() {
    handle = null;
    await deleteHandle(key);
    show('', 'Keep a copy in a file', choose);
  }

  async function resume(saved) {
    try {
      if (await saved.requestPermission({ mode: 'readwrite' }) !== 'granted') return;
      handle = saved;
      if (await write()) keeping();
    } catch (e) { /* permission refused */ }
  }

  show('', 'Keep a copy in a file', choose);
  getHandle(key).then(async (saved) => {
    if (!saved || signal.aborted) return;
    const permission = await saved.queryPermission({ mode: 'readwrite' }).catch(() => 'denied');
    if (permission === 'granted') {
      handle = saved;
      keeping();
    } else {
      show('Your answers were kept in “' + saved.name + '” before. ', 'Go on keeping a copy there', () => resume(saved));
    }
  });
  return { write };
}
