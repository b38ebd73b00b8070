/* The toolbar above a form or on the tools index: status, how long the browser keeps answers,
   storage warning, messages, file input. */

const NOT_KEPT = 'Your browser is not keeping these answers. Download them before you leave this page.';

/** The toolbar's controls; `say` replaces the message (with an optional undo button). */
export function toolbar(root, signal) {
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
