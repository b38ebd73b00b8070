/* Printing a form. Filled: every answer in full, empty rows and unchosen options left out.
   Blank (a workshop handout): every option and row with empty boxes, none of this browser's
   answers and no "No answer" placeholders. tools.css hides the controls and shows the copies. */

/** Before printing: a text copy of each text control, empty rows marked, a printed-on line. */
export function addPrintCopies(form, updated) {
  if (form.classList.contains('is-blank-print')) return; // printBlank made its own
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

/** Prints the blank form: an empty box for each text control, every option unticked. The
    answers themselves are not touched (the radios are only drawn without their state). */
export function printBlank(form) {
  form.classList.add('is-blank-print');
  for (const el of form.querySelectorAll('textarea, input[type=text], input[type=date]')) {
    const box = document.createElement('div');
    box.className = 'tool-print-copy is-blank' + (el.tagName === 'TEXTAREA' ? ' is-tall' : '');
    box.dataset.print = '';
    el.after(box);
  }
  window.print();
}

/** After printing: removes what `addPrintCopies` or `printBlank` added. */
export function removePrintCopies(form) {
  form.classList.remove('is-blank-print');
  for (const el of document.querySelectorAll('[data-print]')) el.remove();
}
