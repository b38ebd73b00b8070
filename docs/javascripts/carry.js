/* Shows, beside a block, answers carried forward from an earlier tool (read-only, with the
   source named and linked), and copies one into this tool's field only when the user clicks.
   The source tool's answers are never changed. */

import { carriedAnswers, carriedLines, elementSummary } from './carried.js';
import { SITE } from './site.js';
import { rowFieldName, toolName } from './spec.js';

const fmt = (mean) => mean.toFixed(1);

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** Fills every `.tool-carry` of the form. `sourceAnswers(slug)` gives a tool's answers (this
    browser's, or the sample's); `redraw()` on the result shows them again after they change. */
export function mountCarried(form, specs, sourceAnswers, say, signal) {
  const panels = [...form.querySelectorAll('.tool-carry')];
  const control = (name) => form.elements.namedItem(name);
  const bySlug = new Map(specs.map((s) => [s.slug, s]));

  /** Puts `value` into a field as if typed, so the form saves it; asks before replacing. */
  function copyInto(name, value, label) {
    const target = control(name);
    if (!target) return;
    if (target.value && target.value !== value
      && !window.confirm('Replace what you wrote in “' + label + '” with the carried answer?')) return;
    target.value = value;
    target.dispatchEvent(new Event('input', { bubbles: true }));
    target.focus();
    say('Copied into “' + label + '”. The earlier tool’s answers are unchanged.');
  }

  /** The first empty cell of `column` in table `id`, or null. */
  function emptyCell(id, column) {
    for (let n = 1; control(rowFieldName(id, n, column)); n++) {
      const cell = control(rowFieldName(id, n, column));
      if (!cell.value) return cell;
    }
    return null;
  }

  function copyButton(text, onClick) {
    const button = el('button', text, 'tool-button');
    button.type = 'button';
    button.addEventListener('click', onClick, { signal });
    return button;
  }

  function summaryList(spec, answers) {
    const { strongest, weakest } = elementSummary(spec, answers);
    if (!strongest.length) return [el('p', 'No ratings saved in this browser yet.')];
    const line = (label, list) => {
      const p = el('p');
      p.append(el('strong', label + ': '),
        list.map((e) => e.element + ' ' + e.heading.replace(/^[^:]*:\s*/, '') + ' (mean ' + fmt(e.mean) + ')').join('; '));
      return p;
    };
    if (strongest[0].mean === weakest[0].mean) {
      return [el('p', 'Every rated element has the same mean rating (' + fmt(strongest[0].mean) + ').')];
    }
    return [line('Strongest', strongest), line('Weakest', weakest)];
  }

  function itemsList(carry, spec, answers, into) {
    const items = carry.show === 'lines'
      ? carriedLines(answers, carry.fields).map((value) => ({ value }))
      : carriedAnswers(answers, carry.fields).map(({ name, value }) => ({
        value, from: (spec.fields.find((f) => f.name === name) || {}).label }));
    if (!items.length) return [el('p', 'No answers saved in this browser yet.')];
    const list = el('ul');
    for (const item of items) {
      const li = el('li');
      li.append(el('span', item.value, 'tool-carry__text'));
      if (item.from) li.append(el('span', ' (' + item.from + ')', 'tool-hint'));
      if (carry.copy) li.append(' ', copyButton(carry.column ? 'Copy into the next empty row' : 'Copy into this field', () => {
        if (!carry.column) {
          const label = form.querySelector('label[for="tf-' + into + '"]');
          copyInto(into, item.value, label ? label.textContent : into);
          return;
        }
        const cell = emptyCell(into, carry.column);
        if (cell) copyInto(cell.name, item.value, cell.getAttribute('aria-label') || cell.name);
        else say('Every row of this table is filled: empty one first.', true);
      }));
      list.append(li);
    }
    return [list];
  }

  function draw() {
    for (const panel of panels) {
      const into = panel.dataset.into;
      const parts = [];
      for (const carry of JSON.parse(panel.dataset.carry)) {
        const spec = bySlug.get(carry.from);
        if (!spec) continue;
        const answers = sourceAnswers(carry.from);
        const head = el('p', undefined, 'tool-carry__source');
        const link = el('a', toolName(spec));
        link.href = new URL(spec.page, SITE).href;
        head.append('From ', link, carry.show === 'element_summary'
          ? ': the elements your ratings put strongest and weakest' : ':');
        parts.push(head, ...(carry.show === 'element_summary'
          ? summaryList(spec, answers) : itemsList(carry, spec, answers, into)));
      }
      panel.replaceChildren(...parts);
    }
  }

  draw();
  return { redraw: draw, sources: new Set(panels.flatMap((p) => JSON.parse(p.dataset.carry).map((c) => c.from))) };
}
