/* The Team results page: reads the members' files (chosen or dropped) in memory, shows the team's
   results, downloads them as CSV, prints them, and writes a tool's team answers into this
   browser's saved answers, with undo. Nothing is kept unless team answers are written. */

import { describeChange } from './answers.js';
import { csvText } from './csv.js';
import { el, messageLine } from './dom.js';
import { downloadBlob, readAnswersDocument } from './files.js';
import { count, isoNow, localDay } from './format.js';
import { buildTeam } from './members.js';
import { KEY_PREFIX, SITE, loadSpecs } from './site.js';
import { toolName } from './spec.js';
import { loadRecord, openStorage, writeRecord } from './storage.js';
import { csvRows, startingPoint, toolResults } from './team-report.js';
import { fileList, resultsView, reviewView } from './team-view.js';

export async function mountTeam(root, signal) {
  const messages = root.querySelector('.team-messages');
  const say = (text, isError) => messages.replaceChildren(messageLine(text, isError));
  let specs;
  try {
    specs = await loadSpecs();
  } catch (e) {
    root.querySelector('.team-no-js').textContent = e.message; // the controls stay hidden
    return;
  }
  if (signal.aborted) return;
  const elements = JSON.parse(root.dataset.elements);
  const input = root.querySelector('#team-files');
  const drop = root.querySelector('.team-drop');
  const filesEl = root.querySelector('.team-files');
  const resultsEl = root.querySelector('.team-results');
  const buttons = (action) => root.querySelector('.team-actions [data-action=' + action + ']');
  const loaded = []; // {name, doc} or {name, error}, in the order read
  let team = buildTeam([], specs);
  let results = [];

  function show() {
    team = buildTeam(loaded, specs);
    results = specs.map((spec) => toolResults(spec, team.members)).filter((r) => r.members.length);
    filesEl.replaceChildren(...fileList(team));
    resultsEl.replaceChildren(...resultsView({ team, results, specs, elements, site: SITE }));
    for (const action of ['csv', 'print']) buttons(action).disabled = !team.members.length;
    buttons('clear').disabled = !loaded.length;
  }

  async function read(files) {
    if (!files.length) return;
    const start = performance.now();
    say('Reading ' + count(files.length, 'file') + '…');
    for (const file of files) {
      try {
        loaded.push({ name: file.name, doc: await readAnswersDocument(file) });
      } catch (e) {
        loaded.push({ name: file.name, error: e });
      }
      if (signal.aborted) return;
    }
    show();
    performance.measure('ps-cope:team-render', { start }); // read by `make bench`
    const of = (status) => team.files.filter((f) => f.status === status).length;
    say('Read ' + count(files.length, 'file') + '. The results count ' + count(team.members.length, 'member')
      + ' from ' + count(of('counted'), 'file')
      + (of('duplicate') ? '; ' + count(of('duplicate'), 'file') + ' repeated answers already counted' : '')
      + (of('refused') ? '; ' + count(of('refused'), 'file') + ' could not be used (see the list)' : '') + '.',
    of('refused') > 0);
  }

  input.addEventListener('change', () => {
    const files = [...input.files];
    input.value = '';
    read(files);
  }, { signal });
  drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('is-over');
  }, { signal });
  drop.addEventListener('dragleave', () => drop.classList.remove('is-over'), { signal });
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('is-over');
    read([...event.dataTransfer.files]);
  }, { signal });

  root.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    if (!button) return;
    const action = button.dataset.action;
    if (action === 'csv') downloadCsv();
    else if (action === 'print') window.print();
    else if (action === 'clear') startOver();
    else if (action === 'remove') remove(Number(button.dataset.file));
    else adoptAction(action, button.closest('.team-adopt'));
  }, { signal });

  function downloadCsv() {
    downloadBlob(new Blob([csvText(csvRows(results))], { type: 'text/csv;charset=utf-8' }),
      'ps-cope-team-results-' + localDay(new Date()) + '.csv');
  }

  function startOver() {
    loaded.length = 0;
    show();
    say('All files were put away; nothing was kept.');
    input.focus();
  }

  function remove(index) {
    const [gone] = loaded.splice(index, 1);
    show();
    say('“' + gone.name + '” was removed from the results.');
    const next = filesEl.querySelectorAll('[data-action=remove]')[Math.min(index, loaded.length - 1)];
    (next || input).focus();
  }

  // --- team answers

  const store = openStorage(KEY_PREFIX);
  let pending = null; // {box, spec, answers} under review

  function adoptAction(action, box) {
    const spec = specs.find((s) => s.slug === box.dataset.slug);
    const review = box.querySelector('.team-review');
    const messages = box.querySelector('.team-adopt__messages');
    const note = (text, isError, ...more) => messages.replaceChildren(messageLine(text, isError, ...more));
    if (action === 'review') {
      if (!store) {
        note('This browser is not keeping answers, so team answers cannot be written here.', true);
        return;
      }
      const before = loadRecord(store, KEY_PREFIX, spec, note);
      const point = startingPoint(results.find((r) => r.spec.slug === spec.slug));
      pending = { box, spec, answers: point.answers };
      review.replaceChildren(...reviewView(spec, describeChange(before.answers, point.answers), point.open,
        Object.keys(before.answers).length > 0));
      review.hidden = false;
      review.querySelector('.team-review__summary').focus();
    } else if (action === 'cancel') {
      review.hidden = true;
      pending = null;
      box.querySelector('[data-action=review]').focus();
    } else if (action === 'adopt' && pending && pending.box === box) {
      const before = loadRecord(store, KEY_PREFIX, spec, note);
      const change = describeChange(before.answers, pending.answers);
      const written = writeRecord(store, KEY_PREFIX, spec.slug,
        { version: spec.version, updated: isoNow(), answers: pending.answers, extra: before.extra });
      review.hidden = true;
      pending = null;
      if (!written) {
        note('This browser did not keep the team answers; nothing was changed.', true);
      } else {
        const undo = el('button', { type: 'button', class: 'tool-button' }, 'Undo');
        undo.addEventListener('click', () => {
          const undone = writeRecord(store, KEY_PREFIX, spec.slug, before);
          note(undone ? 'Undone: the answers this browser had before are back.'
            : 'This browser did not take the earlier answers back.', !undone);
          messages.focus();
        }, { once: true, signal });
        note('Team answers written to this browser for ' + toolName(spec) + ': ' + change + '.', false, ' ',
          el('a', { href: new URL(spec.page, SITE).href }, 'Open ' + toolName(spec)), ' ', undo);
      }
      messages.focus();
    }
  }

  show();
  root.classList.add('is-ready');
}
