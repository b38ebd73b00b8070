/* "Keep a copy in a file": where the browser can write files (File System Access API: Chrome,
   Edge), the tool's answers file is written on every autosave; elsewhere the option is not
   shown (form.js imports this module only there). */

import { button } from './backup.js';
import { deleteHandle, getHandle, putHandle } from './handles.js';

/** "Keep a copy in a file" for one tool: `write()` is called after each autosave and returns
    whether the file was written (`onWritten` notes the backup); `forget()` stops writing, forgets
    the file and returns its name, if there was one (Clear answers). */
export function keepFileCopy(toolbarEl, key, suggestedName, contents, onWritten, signal) {
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

  function forget() {
    const name = handle && handle.name;
    stop();
    return name;
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
  return { write, forget };
}
