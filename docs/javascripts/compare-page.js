/* The Progress over time page: an Earlier and a Later set (chosen files, read in memory and
   combined by members.js as on Team results, or a snapshot kept in this browser), compared by
   compare.js; downloads the comparison as CSV and prints it. Nothing is kept. Text from files
   only ever goes in as text (dom.js). */

import { compareCsvRows, compareTool, improvedMost, setDates, signed } from './compare.js';
import { csvText } from './csv.js';
import { el, messageLine, orNoAnswer } from './dom.js';
import { downloadBlob, readAnswersDocument } from './files.js';
import { count, localDay } from './format.js';
import { buildTeam } from './members.js';
import { KEY_PREFIX, SITE, loadSpecs } from './site.js';
import { loadSnapshots, snapshotDocument } from './snapshots.js';
import { toolName } from './spec.js';
import { openStorage } from './storage.js';
import { fixed, itemLabel } from './team-report.js';

const SIDES = ['before', 'after'];
const TITLE = { before: 'Earlier', after: 'Later' };
const PRESENT = { before: 'earlier only', after: 'later only' };
const MOVED = { forward: 'forward', back: 'back', same: 'stayed', changed: 'changed' };

export async function mountProgress(root, signal) {
  const messages = root.querySelector('.progress-messages');
  const say = (text, isError) => messages.replaceChildren(messageLine(text, isError));
  let specs;
  try {
    specs = await loadSpecs();
  } catch (e) {
    root.querySelector('.progress-no-js').textContent = e.message;
    return;
  }
  if (signal.aborted) return;
  const elements = JSON.parse(root.dataset.elements);
  const snapshots = loadSnapshots(openStorage(KEY_PREFIX), KEY_PREFIX);
  const state = { before: [], after: [] }; // per side: [{name, doc} | {name, error}]
  let comparisons = [];
  const button = (action) => root.querySelector('.progress-actions [data-action=' + action + ']');
  const side = (key) => root.querySelector('.progress-side[data-side=' + key + ']');

  for (const key of SIDES) {
    const select = side(key).querySelector('select');
    snapshots.forEach((s, i) => select.append(el('option', { value: String(i) }, s.name + ' (' + s.taken.slice(0, 10) + ')')));
    select.addEventListener('change', () => {
      const snap = snapshots[Number(select.value)];
      state[key] = select.value === '' ? [] : [{ name: snap.name, doc: snapshotDocument(snap, SITE) }];
      show();
    }, { signal });
    const input = side(key).querySelector('input[type=file]');
    input.addEventListener('change', async () => {
      const files = [...input.files];
      input.value = '';
      if (!files.length) return;
      say('Reading ' + count(files.length, 'file') + '…');
      const loaded = [];
      for (const file of files) {
        try {
          loaded.push({ name: file.name, doc: await readAnswersDocument(file) });
        } catch (e) {
          loaded.push({ name: file.name, error: e });
        }
        if (signal.aborted) return;
      }
      select.value = '';
      state[key] = loaded;
      show();
    }, { signal });
  }

  function show() {
    const start = performance.now();
    const teams = {}, dates = {};
    for (const key of SIDES) {
      teams[key] = buildTeam(state[key], specs);
      dates[key] = setDates(state[key].filter((l) => l.doc).map((l) => l.doc.exported));
      side(key).querySelector('.progress-set').replaceChildren(...setSummary(key, teams[key], dates[key]));
    }
    const ready = teams.before.members.length && teams.after.members.length;
    comparisons = ready ? specs.map((s) => compareTool(s, teams.before.members, teams.after.members)).filter(Boolean) : [];
    root.querySelector('.progress-results').replaceChildren(...(ready ? results(comparisons, dates) : []));
    button('csv').disabled = button('print').disabled = !comparisons.length;
    const refused = SIDES.reduce((n, k) => n + teams[k].files.filter((f) => f.status === 'refused').length, 0);
    if (ready) {
      performance.measure('ps-cope:compare-render', { start }); // read by `make bench`
      say('Compared ' + count(comparisons.length, 'tool') + ' between the earlier and the later answers.'
        + (refused ? ' ' + count(refused, 'file') + ' could not be used (see the list).' : ''), refused > 0);
    } else {
      say(refused ? count(refused, 'file') + ' could not be used (see the list).' : 'Give both the earlier and the later answers to compare them.', refused > 0);
    }
  }

  function setSummary(key, team, dates) {
    if (!state[key].length) return [];
    const counted = team.files.filter((f) => f.status !== 'refused').length;
    const parts = [el('p', {}, TITLE[key] + ': ' + count(team.members.length, 'member') + ' from '
      + count(counted, 'source') + (dates ? ', dated ' + dayRange(dates) : '') + '.')];
    const notes = team.files.filter((f) => f.note || f.status === 'refused');
    if (notes.length) {
      parts.push(el('ul', {}, ...notes.map((f) => el('li', {}, el('strong', {}, f.name + ': '),
        (f.status === 'refused' ? 'Not used. ' : '') + f.note))));
    }
    return parts;
  }

  function results(list, dates) {
    const label = (key) => TITLE[key] + (dates[key] ? ' (' + dayRange(dates[key]) + ')' : '');
    const all = list.flatMap((c) => c.elements.map((e) => ({ ...e, spec: c.spec })));
    const out = [el('p', { class: 'progress-print-meta' }, 'Progress report: ' + label('before') + ' compared with '
      + label('after') + ', printed ' + new Date().toLocaleDateString(undefined, { dateStyle: 'long' }) + '.')];
    const { most, least } = improvedMost(all);
    if (most.length) {
      const named = (what, e) => {
        const tool = specs.find((s) => s.element === e.code);
        return el('li', {}, el('strong', {}, what + ': '), e.heading + ' ' + signed(e.change) + ' (' + fixed(e.before.mean, 1)
          + ' → ' + fixed(e.after.mean, 1) + '). ', elements[e.code] ? el('a', { href: new URL(elements[e.code], SITE).href }, 'About ' + e.code) : '',
        tool ? ['; ', el('a', { href: new URL(tool.page, SITE).href }, toolName(tool))] : '', '.');
      };
      out.push(el('section', { 'aria-labelledby': 'progress-extremes' }, el('h2', { id: 'progress-extremes' }, 'What moved most'),
        el('ul', { class: 'progress-extremes' }, ...most.map((e) => named('Improved most', e)),
          ...least.filter((e) => !most.includes(e)).map((e) => named('Improved least', e)))));
    }
    out.push(...list.map((c) => toolSection(c, label)));
    return out;
  }

  function toolSection(c, label) {
    const id = 'progress-tool-' + c.spec.number;
    const parts = [el('h2', { id }, toolName(c.spec))];
    if (!c.before.length || !c.after.length) {
      parts.push(el('p', {}, 'Only the ' + (c.before.length ? 'earlier' : 'later') + ' answers include this tool.'));
    }
    if (c.versions.length || c.notCompared.length) {
      parts.push(el('p', { class: 'progress-not-compared' }, (c.versions.length ? 'Some answers were given for another version of this tool (version '
        + c.versions.join(', ') + '; this site has ' + c.spec.version + '). ' : '')
        + (c.notCompared.length ? 'Fields that could not be compared: ' + c.notCompared.join(', ') + '.' : 'All their answers could be compared.')));
    }
    const rated = c.elements.filter((e) => e.before.answered || e.after.answered);
    if (rated.length) {
      parts.push(el('h3', { id: id + '-elements' }, 'Elements: mean before and after'),
        chart(rated, label), scroller('Element figures', el('table', { class: 'team-table', 'aria-labelledby': id + '-elements' },
          head('Element', label('before') + ' mean', label('after') + ' mean', 'Change', 'D/K earlier', 'D/K later'),
          el('tbody', {}, ...rated.map((e) => el('tr', {}, el('th', { scope: 'row' }, e.heading),
            cell(fixed(e.before.mean, 1)), cell(fixed(e.after.mean, 1)), cell(signed(e.change)),
            el('td', {}, String(e.before.dk)), el('td', {}, String(e.after.dk))))))));
    }
    if (c.moves) {
      const m = c.moves;
      parts.push(el('p', { class: 'progress-moves' }, 'Items moved forward: ' + m.forward + '; back: ' + m.back + '; stayed: ' + m.same
        + (m.onlyBefore ? '; answered earlier only: ' + m.onlyBefore : '') + (m.onlyAfter ? '; answered later only: ' + m.onlyAfter : '') + '.'));
    }
    parts.push(el('h3', { id: id + '-items' }, 'Item by item'),
      scroller('Items of ' + toolName(c.spec), el('table', { class: 'team-table team-table--items', 'aria-labelledby': id + '-items' },
        head('Item', label('before'), label('after'), 'Change'),
        el('tbody', {}, ...c.items.map((i) => el('tr', { 'data-field': i.field.name }, el('th', { scope: 'row' }, itemLabel(c.spec, i.field)),
          el('td', { class: 'progress-text' }, orNoAnswer(i.before)), el('td', { class: 'progress-text' }, orNoAnswer(i.after)),
          el('td', {}, i.present !== 'both' ? el('span', { class: 'progress-only' }, PRESENT[i.present])
            : i.kind === 'rating' ? orNoAnswer(signed(i.change)) : orNoAnswer(MOVED[i.direction] || ''))))))));
    return el('section', { 'aria-labelledby': id }, ...parts);
  }

  root.addEventListener('click', (event) => {
    const action = event.target.closest('button[data-action]')?.dataset.action;
    if (action === 'csv') {
      downloadBlob(new Blob([csvText(compareCsvRows(comparisons))], { type: 'text/csv;charset=utf-8' }),
        'ps-cope-progress-' + localDay(new Date()) + '.csv');
    } else if (action === 'print') {
      window.print();
    } else if (action === 'clear') {
      state.before = [];
      state.after = [];
      for (const key of SIDES) side(key).querySelector('select').value = '';
      show();
      say('Both sets were put away; nothing was kept.');
    }
  }, { signal });

  show();
  root.classList.add('is-ready');
}

const dayRange = (d) => (d.from === d.to ? d.from : d.from + ' to ' + d.to);
const cell = (text) => el('td', {}, orNoAnswer(text));
const head = (...cells) => el('thead', {}, el('tr', {}, ...cells.map((c) => el('th', { scope: 'col' }, c))));
const scroller = (label, table) => el('div', { class: 'team-scroll', role: 'region', 'aria-label': label, tabindex: '0' }, table);

/** Each element's earlier and later mean as a pair of bars along 1–5 (one image to a screen
    reader, named with its figures; the table after it gives the same). */
function chart(rated, label) {
  const along = (x) => (x === null ? 0 : (x - 1) / 4);
  const bar = (side, x) => {
    const node = el('span', { class: 'progress-chart__bar progress-chart__bar--' + side });
    node.style.setProperty('--to', String(along(x)));
    return node;
  };
  const rows = rated.flatMap((e) => [el('span', {}, e.code),
    el('span', { class: 'progress-chart__track' }, bar('before', e.before.mean), bar('after', e.after.mean)),
    el('span', {}, fixed(e.before.mean, 1) + ' → ' + fixed(e.after.mean, 1))]);
  const name = 'Mean per element, earlier and later, on the 1 to 5 scale: ' + rated.map((e) => e.code + ' '
    + (fixed(e.before.mean, 1) || 'none') + ' to ' + (fixed(e.after.mean, 1) || 'none')).join('; ') + '.';
  return el('div', {}, el('p', { class: 'progress-chart__legend' }, el('span', { class: 'progress-chart__key progress-chart__key--before' }),
    label('before'), el('span', { class: 'progress-chart__key progress-chart__key--after' }), label('after')),
  el('div', { class: 'progress-chart', role: 'img', 'aria-label': name }, ...rows));
}
