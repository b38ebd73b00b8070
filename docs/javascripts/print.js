/* Printing a filled form: every answer in full, empty rows and unchosen options left out
   (tools.css hides the controls and shows these copies in print). */

/** Before printing: a text copy of each text control, empty rows marked, a printed-on line. */
export function addPrintCopies(form, updated) {
  for (const el of form.querySelectorAll('textarea, input[type=text], input[type=date]')) {
    const copy = document.createElement('div');
    copy.className = 'tool-print-copy' + (el.value ? '' : ' is-empty');
    copy.dataset.print = '';
    copy.textContent = el.value || 'No answer';
    el.after(copy);
  }
  for (const tr of form.querySelectorAll('.tool-rows tbody tr')) {
    tr.classList.toggle('is-empty', ![...tr.querySelectorAll('[data-col]')].some((el) => el.value));
  }
  const meta = document.createElement('p');
  meta.className = 'tool-print-meta';
  meta.dataset.print = '';
  meta.textContent = 'Printed ' + new Date().toLocaleDateString(undefined, { dateStyle: 'long' })
    + (updated ? ' · answers last saved ' + new Date(updated).toLocaleString() : '');
  const title = document.getElementById('tool');
  if (title) title.after(meta); else form.prepend(meta);
}

/** After printing: removes what `addPrintCopies` added. */
export function removePrintCopies() {
  for (const el of document.querySelectorAll('[data-print]')) el.remove();
}
