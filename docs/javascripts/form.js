/* A tool's form: restore, autosave (debounced, merged with other tabs), download and load an
   answers file or a filled PDF, download a filled PDF, clear, print. Stored and imported text is only ever written with .value or
   .textContent. The tool's field spec is the form's data-spec (tool-specs-v1 shape). */

import {
  answersDocument, changedNames, checkEntry, describeChange, exportEntry,
} from './answers.js';
import { backupLine } from './backup.js';
import { downloadBlob, downloadJson, readAnswersDocument } from './files.js';
import { clock, count, isoNow, localDay } from './format.js';
import { nextUnanswered, toolProgress } from './progress.js';
import { addPrintCopies, printBlank, removePrintCopies } from './print.js';
import { emptyRecord, isEmptyRecord } from './records.js';
import { repeatingRows } from './rows.js';
import { KEY_PREFIX, SITE, loadSpecs } from './site.js';
import { rowsNotPrinted, toolName } from './spec.js';
import {
  lastBackup, loadRecord, noteBackup, openStorage, readRecord, removeKeys, restoreKeys, setAsideCopies,
  toolKeys, writeRecord,
} from './storage.js';
import { onFileChosen, toolbar } from './toolbar.js';

const SAVE_DELAY_MS = 500;

/** Textareas grow with their text. */
const grow = (el) => { el.style.height = 'auto'; el.style.height = el.scrollHeight + el.offsetHeight - el.clientHeight + 'px'; };

/** Mounts a tool's form; with `?sample` (trainer mode, sample.js), on the fictional sample's
    answers. */
export async function mountForm(form, signal) {
  let sample = null;
  if (new URLSearchParams(location.search).has('sample')) {
    try {
      const { loadSample, sampleBanner } = await import('./sample.js');
      const doc = await loadSample();
      sample = { doc, banner: sampleBanner(doc) };
    } catch (e) {
      toolbar(form, signal, { sample: true }).say(e.message, true);
      return;
    }
    if (signal.aborted) return;
  }
  const lines = await toolbarLines(!!sample);
  if (signal.aborted) return;
  mount(form, signal, sample, lines);
}

/** What the toolbar's lines need that comes later: how long this browser keeps answers
    (persist.js and its answer) and, where the browser can write files, file-copy.js. Had first,
    so that the form mounts whole: no line appears afterwards and moves the questions. */
async function toolbarLines(sample) {
  if (sample) return { persist: null, state: null, keepFileCopy: null };
  const [persist, fileCopy] = await Promise.all([
    import('./persist.js'),
    typeof window.showSaveFilePicker === 'function' ? import('./file-copy.js') : null,
  ]);
  return { persist, state: await persist.storageState(), keepFileCopy: fileCopy && fileCopy.keepFileCopy };
}

/** `sample`: the trainer sample document and its banner, whose answers are shown and never
    stored; null to work on this browser's saved answers. `lines`: toolbarLines(). */
function mount(form, signal, sample, lines) {
  const start = performance.now();
  const spec = JSON.parse(form.dataset.spec);
  const ui = toolbar(form, signal, { sample: !!sample });
  const rows = repeatingRows(form, spec);
  const byName = new Map(spec.fields.map((f) => [f.name, f]));
  const allNames = spec.fields.map((f) => f.name);
  let store = sample ? null : openStorage(KEY_PREFIX);
  let record = sample ? { ...emptyRecord(spec), answers: { ...(sample.doc.tools[spec.slug] || {}) } }
    : store ? loadRecord(store, KEY_PREFIX, spec, ui.say) : emptyRecord(spec); // as last saved or read
  let timer = 0;
  let persistenceAsked = false;
  const bar = form.querySelector('.tool-toolbar');
  if (sample) {
    form.classList.add('is-sample');
    bar.before(sample.banner);
    ui.setStatus('Sample answers: nothing is saved on this page.');
  } else if (!store) ui.warn();
  const progress = progressLine(bar);
  // How long the browser keeps answers (persist.js): shown, and asked for once there are some.
  const refreshDurability = sample ? null : lines.persist.showDurability(ui.durability, lines.state);
  const kept = keptAnswers();
  const backup = sample ? { update() {} } : backupLine(bar, exportAnswers, signal);
  const showBackup = () => backup.update([record], [lastBackup(store, KEY_PREFIX, spec.slug)]);
  const answersFile = () => answersDocument({ [spec.slug]: exportEntry(spec, record) }, SITE, new Date(), ui.member());
  const copy = fileCopy();

  const control = (name) => form.elements.namedItem(name);

  function collect() {
    const answers = {};
    for (const f of spec.fields) {
      const el = control(f.name);
      if (!el) continue;
      const value = f.kind === 'checkbox' ? (el.checked ? 'yes' : '') : el.value;
      if (value !== '') answers[f.name] = value;
    }
    return answers;
  }

  function setField(f, value) {
    const el = control(f.name);
    if (!el) return;
    if (f.kind === 'radio') {
      for (const radio of el) {
        const on = radio.value === value;
        if (radio.checked !== on) radio.checked = on; // only what changes: no needless style work
      }
    } else if (f.kind === 'checkbox') el.checked = value === 'yes';
    else {
      if (el.value !== value) el.value = value;
      if (el.tagName === 'TEXTAREA' && (value || el.style.height)) grow(el); // empty: as drawn
    }
  }

  /** Shows `answers` for the given field names; rows are added as needed (or trimmed, with `fit`). */
  function show(answers, fieldNames, fit) {
    rows.fitTo(answers, fit);
    for (const name of fieldNames) if (byName.has(name)) setField(byName.get(name), answers[name] || '');
  }

  /** "Keep a copy in a file" where the browser can write files (file-copy.js). */
  function fileCopy() {
    if (!lines.keepFileCopy) return { write() {}, forget: () => null };
    return lines.keepFileCopy(bar, KEY_PREFIX + 'file:' + spec.slug, 'ps-cope-' + spec.slug + '-answers.json',
      () => JSON.stringify(answersFile(), null, 2) + '\n', () => {
        noteBackup(store, KEY_PREFIX, { [spec.slug]: record }, isoNow());
        showBackup();
      }, signal);
  }

  /** What the form keeps but cannot show (kept.js, imported once there is some). */
  function keptAnswers() {
    let panel = null;
    return {
      update(rec) {
        if (panel) panel.then((p) => p.update(rec));
        else if (Object.keys(rec.extra).length || (store && setAsideCopies(store, KEY_PREFIX, spec.slug).length)) {
          panel = import('./kept.js').then(({ keptPanel }) => keptPanel(bar, spec, store, KEY_PREFIX, signal));
          panel.then((p) => p.update(record));
        }
      },
    };
  }

  /** "n of N answered" and a way to the next unanswered question, updated on every save. */
  function progressLine(toolbarEl) {
    const line = document.createElement('p');
    line.className = 'tool-progress';
    const count = document.createElement('span');
    const next = document.createElement('button');
    next.type = 'button';
    next.className = 'tool-button';
    next.textContent = 'Go to the next unanswered';
    let here; // the field last focused: "next" goes on from there
    form.addEventListener('focusin', (event) => {
      if (byName.has(event.target.name)) here = event.target.name;
    }, { signal });
    next.addEventListener('click', () => {
      const name = nextUnanswered(spec, collect(), here);
      const target = name && control(name);
      const el = target && (target instanceof RadioNodeList ? target[0] : target);
      if (el) {
        el.scrollIntoView({ block: 'center' });
        el.focus({ preventScroll: true });
      }
    }, { signal });
    line.append(count, ' ', next);
    toolbarEl.querySelector('.tool-actions').before(line);
    return {
      update() {
        const { answered, total } = toolProgress(spec, collect());
        count.textContent = answered + ' of ' + total + ' answered (each question counts once, a '
          + 'table once any of its rows is filled; “Notes” boxes are optional).';
        next.hidden = answered === total;
      },
    };
  }

  // --- saving and syncing

  /** Merges this tab's edits since the last save into `stored` (another tab's latest record)
      and shows the other tab's changes to fields this tab has not touched. */
  function merge(stored) {
    const mine = collect();
    const dirty = changedNames(record.answers, mine);
    const merged = Object.assign({}, stored.answers);
    for (const name of dirty) {
      if (name in mine) merged[name] = mine[name];
      else delete merged[name];
    }
    show(merged, changedNames(mine, merged), false);
    return { merged, dirty };
  }

  /** Saves now: merges this tab's edits into the record stored by any tab, then writes it. */
  function save() {
    clearTimeout(timer);
    timer = 0;
    const stored = (store && readRecord(store, KEY_PREFIX, spec)) || record;
    const { merged, dirty } = merge(stored);
    if (!dirty.length) return;
    record = { version: spec.version, updated: isoNow(), answers: merged, extra: stored.extra };
    persist();
  }

  function persist() {
    if (sample) { // trainer mode: shown, never stored
      progress.update();
      return;
    }
    if (writeRecord(store, KEY_PREFIX, spec.slug, record)) {
      ui.setStatus(record.updated ? 'Saved ' + clock(record.updated) : 'No answers saved');
      if (!persistenceAsked && !isEmptyRecord(record)) {
        persistenceAsked = true; // asked once a page, when there is something worth keeping
        lines.persist.requestPersistence().then(refreshDurability);
      }
    } else {
      store = null;
      ui.warn();
    }
    kept.update(record);
    showBackup();
    progress.update();
    copy.write();
  }

  /** Autosave, debounced. Two tabs saving the same tool at once each read and write the record
      in their own process; a Web Lock makes each read–merge–write whole, so neither write drops
      the other's edits (where the browser has no Web Locks, the save runs as it is). */
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!navigator.locks || !store) {
        save();
        return;
      }
      navigator.locks.request(KEY_PREFIX + spec.slug, () => { if (timer) save(); })
        .catch(() => { if (timer) save(); });
    }, SAVE_DELAY_MS);
  }

  const flush = () => { if (timer) save(); };

  /** Replaces all answers (import, clear, undo), keeping nothing of the form's current state. */
  function replaceRecord(rec) {
    clearTimeout(timer);
    timer = 0;
    record = rec;
    show(rec.answers, allNames, true);
    persist();
  }

  /** Answers carried forward from earlier tools (carry.js, imported only where the page shows
      some), redrawn when another tab changes those tools. */
  let carried = null;
  if (form.querySelector('.tool-carry')) {
    Promise.all([import('./carry.js'), loadSpecs()]).then(([{ mountCarried }, specs]) => {
      if (signal.aborted) return;
      const answersOf = (slug) => {
        if (sample) return sample.doc.tools[slug] || {};
        const source = specs.find((s) => s.slug === slug);
        return (store && source && readRecord(store, KEY_PREFIX, source) || {}).answers || {};
      };
      carried = mountCarried(form, specs, answersOf, ui.say, signal);
    }).catch((e) => ui.say(e.message, true));
  }

  function onStorage(event) {
    if (carried && [...carried.sources].some((slug) => event.key === KEY_PREFIX + slug)) carried.redraw();
    if (event.key !== KEY_PREFIX + spec.slug || !store) return;
    const stored = event.newValue === null ? emptyRecord(spec) : readRecord(store, KEY_PREFIX, spec);
    if (!stored) return;
    merge(stored);
    record = stored;
    kept.update(record);
    showBackup();
    ui.setStatus('Updated from another tab ' + clock(isoNow()));
  }

  // --- toolbar actions

  function exportAnswers() {
    flush();
    const current = Object.assign({}, record, { answers: collect() });
    downloadJson(answersDocument({ [spec.slug]: exportEntry(spec, current) }, SITE, new Date(), ui.member()),
      'ps-cope-' + spec.slug + '-answers-' + localDay(new Date()) + '.json');
    noteBackup(store, KEY_PREFIX, { [spec.slug]: current }, isoNow());
    showBackup();
  }

  /** 'Tool N: Title' for each slug, as far as the site's specs are at hand. */
  async function toolNames(slugs) {
    const specs = await loadSpecs().catch(() => []);
    return slugs.map((s) => {
      const other = specs.find((o) => o.slug === s);
      return other ? toolName(other) : s.slice(0, 60);
    });
  }

  async function importFile(file) {
    ui.say('Reading “' + file.name + '”…');
    const doc = await readAnswersDocument(file);
    const slugs = Object.keys(doc.tools);
    if (!(spec.slug in doc.tools)) {
      const named = (await toolNames(slugs)).join(', ') || 'no tool';
      throw new Error('“' + file.name + '” holds answers for ' + named + ', not for ' + spec.title
        + '. Load it on that tool’s page or on the tools index page. Nothing was changed.');
    }
    const { answers, extra, fromVersion } = checkEntry(spec, doc.tools[spec.slug]);
    flush();
    const before = record;
    const change = describeChange(before.answers, answers);
    if (Object.keys(before.answers).length
      && !window.confirm('Replace your answers with the ones in “' + file.name + '”?\n' + change + '.')) {
      ui.say('Nothing was changed.');
      return;
    }
    replaceRecord({ version: spec.version, updated: isoNow(), answers, extra });
    const extraNames = Object.keys(extra);
    const others = await toolNames(slugs.filter((s) => s !== spec.slug));
    ui.say('Loaded “' + file.name + '”: ' + change + '.'
      + (fromVersion ? ' It was made for version ' + fromVersion + ' of this tool; this site has version '
        + spec.version + ': answers the tool no longer has or no longer accepts were kept aside.' : '')
      + (extraNames.length ? ' ' + count(extraNames.length, 'answer') + ' for fields this tool does not have '
        + 'were kept aside and will be included in downloads: ' + extraNames.slice(0, 10).join(', ')
        + (extraNames.length > 10 ? ', …' : '') + '.' : '')
      + (others.length ? ' The file also holds answers for ' + others.join(', ')
        + '; load it on the tools index page to restore those.' : ''),
    false, { label: 'Undo import', run: () => { replaceRecord(before); ui.say('Import undone: your previous answers are back.'); } });
  }

  /** The tool's PDF with the form's answers filled in, as a download (pdf.js, imported now). */
  async function downloadFilledPdf() {
    flush();
    const start = performance.now();
    const answers = collect();
    ui.say('Making the filled PDF…');
    const { fillPdf } = await import('./pdf.js');
    let blank;
    try {
      const response = await fetch(new URL(spec.pdf, SITE));
      if (!response.ok) throw new Error('HTTP ' + response.status);
      blank = new Uint8Array(await response.arrayBuffer());
    } catch (e) {
      throw new Error('The blank PDF of this tool could not be loaded, so no filled PDF was made. '
        + 'Check your connection and try again.');
    }
    const filled = await fillPdf(blank, spec, answers);
    performance.measure('ps-cope:pdf-fill', { start }); // read by `make bench`
    downloadBlob(new Blob([filled], { type: 'application/pdf' }),
      'ps-cope-' + spec.slug + '-filled-' + localDay(new Date()) + '.pdf');
    const left = rowsNotPrinted(spec, answers).length;
    ui.say('Your filled PDF is ready.' + (left ? ' ' + count(left, 'answer') + ' in table rows the PDF '
      + 'does not have are not in it: download the answers file (JSON) to keep them.' : ''));
  }

  /** Removes everything this site keeps for the tool in this browser: the answers, copies set
      aside, the note of the last backup, and the file a copy was kept in (the file itself stays). */
  function clearAnswers() {
    flush();
    const keys = store ? toolKeys(store, KEY_PREFIX, spec.slug) : [];
    if (isEmptyRecord(record) && !keys.length) {
      ui.say('There are no answers to clear.');
      return;
    }
    if (!window.confirm('Clear all your answers to ' + spec.title + ' in this browser, with any copies '
      + 'set aside and the note of your last backup?')) return;
    const held = store ? removeKeys(store, keys) : {};
    if (!held) {
      ui.say('This browser did not let the answers be cleared. Nothing was changed.', true);
      return;
    }
    const file = copy.forget();
    const before = record;
    replaceRecord(emptyRecord(spec));
    ui.say('Answers cleared.' + (file ? ' This page no longer keeps a copy in “' + file + '”; the file '
      + 'still holds the answers as they were.' : ''), false, { label: 'Undo clear', run: () => {
      if (store) restoreKeys(store, held);
      replaceRecord(before);
      ui.say('Your answers are back.');
    } });
  }

  /** "Copy link" beside a section heading: its address, for trainers to share (shown when the
      browser does not let the page write to the clipboard). */
  function copyLink(anchor) {
    const url = new URL('#' + anchor, location.href);
    url.searchParams.delete('sample');
    const heading = document.getElementById(anchor + '-title').textContent;
    const shown = () => ui.say('Link to “' + heading + '”: ' + url.href);
    if (!navigator.clipboard) {
      shown();
      return;
    }
    navigator.clipboard.writeText(url.href).then(
      () => ui.say('Link to “' + heading + '” copied: ' + url.href), shown);
  }

  // --- wiring

  form.addEventListener('input', (event) => {
    const begin = performance.now();
    if (!byName.has(event.target.name)) return;
    const el = event.target;
    if (el.tagName === 'TEXTAREA') requestAnimationFrame(() => grow(el)); // layout once a frame
    schedule();
    performance.measure('ps-cope:input', { start: begin }); // read by `make bench`
  }, { signal });
  form.addEventListener('change', (event) => { if (byName.has(event.target.name)) schedule(); }, { signal });
  form.addEventListener('click', (event) => {
    const button = event.target.closest('button');
    if (!button) return;
    if (button.dataset.copyLink) {
      copyLink(button.dataset.copyLink);
      return;
    }
    const table = rows.tableOf(button);
    if (button.classList.contains('tool-row-add')) {
      rows.add(table);
      schedule();
    } else if (button.classList.contains('tool-row-remove')) {
      if (rows.remove(table, button.closest('tr'))) schedule();
    } else if (button.dataset.action === 'export') exportAnswers();
    else if (button.dataset.action === 'pdf') {
      downloadFilledPdf().catch((e) => ui.say(e.message, true));
    }
    else if (button.dataset.action === 'print') window.print();
    else if (button.dataset.action === 'print-blank') printBlank(form);
    else if (button.dataset.action === 'clear' && !sample) clearAnswers();
  }, { signal });
  if (!sample) {
    onFileChosen(ui, signal, importFile);
    window.addEventListener('storage', onStorage, { signal });
  }
  window.addEventListener('beforeprint', () => addPrintCopies(form, record.updated), { signal });
  window.addEventListener('afterprint', () => removePrintCopies(form), { signal });
  window.addEventListener('pagehide', flush, { signal });
  document.addEventListener('visibilitychange', () => { if (document.hidden) flush(); }, { signal });
  signal.addEventListener('abort', flush);

  show(record.answers, allNames, true);
  kept.update(record);
  showBackup();
  progress.update();
  if (record.updated) ui.setStatus('Saved ' + clock(record.updated));
  form.classList.add('is-ready');
  performance.measure('ps-cope:mount', { start }); // read by `make bench`
}
