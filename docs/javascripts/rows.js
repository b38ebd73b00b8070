/* Repeating-rows tables of a form: add, remove, renumber and size them to a set of answers.
   Row cells are named <table id>_<row>_<column id>, as macros/fields.py names them. */

import { rowCounts, rowFieldName, rowIndex } from './spec.js';

export function repeatingRows(form, spec) {
  const rowOf = rowIndex(spec);
  const byId = new Map(spec.rows.map((t) => [t.id, t]));
  const labelOf = new Map(spec.fields.map((f) => [f.name, f.label]));  // macros/fields.py's labels
  const container = (table) => form.querySelector('[data-rows="' + table.id + '"]');
  const tbody = (table) => container(table).querySelector('tbody');

  function renumber(table) {
    const body = tbody(table);
    [...body.rows].forEach((tr, i) => {
      const n = i + 1;
      for (const el of tr.querySelectorAll('[data-col]')) {
        const col = table.columns.find((c) => c.id === el.dataset.col);
        el.name = rowFieldName(table.id, n, col.id);
        el.id = 'tf-' + el.name;
        el.setAttribute('aria-label', labelOf.get(el.name));
      }
      const number = tr.querySelector('.tool-rownum');
      if (number) number.textContent = n;
      const remove = tr.querySelector('.tool-row-remove');
      if (remove) remove.setAttribute('aria-label', 'Remove row ' + n + ' of ' + table.title);
    });
    const add = container(table).querySelector('.tool-row-add');
    if (add) add.disabled = body.rows.length >= table.max_rows;
  }

  function add(table) {
    const body = tbody(table);
    const tr = body.rows[0].cloneNode(true);
    for (const el of tr.querySelectorAll('[data-col]')) { el.value = ''; el.style.height = ''; }
    body.append(tr);
    renumber(table);
    return tr;
  }

  function setCount(table, rows) {
    const body = tbody(table);
    const wanted = Math.min(Math.max(rows, 1), table.max_rows);
    while (body.rows.length < wanted) add(table);
    while (body.rows.length > wanted) body.rows[body.rows.length - 1].remove();
    renumber(table);
  }

  return {
    /** The table a button or control sits in, if any. */
    tableOf(el) {
      const holder = el.closest('[data-rows]');
      return holder ? byId.get(holder.dataset.rows) : undefined;
    },

    /** Shows enough rows for `answers`; with `fit`, also trims each table to what they need. */
    fitTo(answers, fit) {
      const counts = rowCounts(spec, rowOf, answers, fit, (table) => tbody(table).rows.length);
      for (const [table, n] of counts) setCount(table, n);
    },

    /** Adds an empty row and focuses its first cell. */
    add(table) {
      add(table).querySelector('[data-col]').focus();
    },

    /** Removes a row (asking first if it holds answers); true if it was removed. */
    remove(table, tr) {
      const n = tr.sectionRowIndex + 1;
      const filled = [...tr.querySelectorAll('[data-col]')].some((el) => el.value !== '');
      if (filled && !window.confirm('Remove row ' + n + ' of ' + table.title + ' and its answers?')) return false;
      const next = tr.nextElementSibling;
      tr.remove();
      renumber(table);
      (next ? next.querySelector('[data-col]') : container(table).querySelector('.tool-row-add')).focus();
      return true;
    },
  };
}
