/* The tools index: download every tool's saved answers as one file, and load such a file or a
   filled tool PDF (all tools it holds, or none of them). Field specs come from tools/specs.json. */

import {
  answersDocument, checkEntry, describeChange, exportEntry,
} from './answers.js';
import { backupLine } from './backup.js';
import { downloadJson, readAnswersDocument } from './files.js';
import { count, isoNow, localDay } from './format.js';
import { emptyRecord, isEmptyRecord } from './records.js';
import { showDurability, storageState } from './persist.js';
import { loadSnapshots, mergeSnapshots, saveSnapshots, snapshotsIn } from './snapshots.js';
import { mountSnapshots } from './snapshots-ui.js';
import { suggestedTool, toolProgress } from './progress.js';
import { KEY_PREFIX, SITE, loadSpecs } from './site.js';
import { toolName } from './spec.js';
import {
  lastBackup, loadRecord, noteBackup, openStorage, removeKeys, restoreKeys, siteKeys, writeRecords,
} from './storage.js';
import { onFileChosen, toolbar } from './toolbar.js';

export async function mountIndex(root, signal) {
  const sampleMode = new URLSearchParams(location.search).has('sample');
  const ui = toolbar(root, signal, { sample: sampleMode });
  let specs, sample = null, keeps; // keeps: how long this browser keeps answers, shown at once
  try {
    [specs, sample, keeps] = await Promise.all([loadSpecs(), sampleMode ? import('./sample.js')
      .then(async (module) => ({ module, doc: await module.loadSample() })) : null, storageState()]);
  } catch (e) {
    ui.say(e.message, true);
    return;
  }
  if (signal.aborted) return;
  if (sample) {
    mountSample(root, specs, sample);
    return;
  }
  const store = openStorage(KEY_PREFIX);
  if (!store) ui.warn();
  const saved = (spec) => (store ? loadRecord(store, KEY_PREFIX, spec, ui.say) : emptyRecord(spec));
  showDurability(ui.durability, keeps);
  const backup = backupLine(root.querySelector('.tool-toolbar'), exportAll, signal);
  const showBackup = () => backup.update(specs.map(saved),
    specs.map((spec) => lastBackup(store, KEY_PREFIX, spec.slug)));

  function currentTools() {
    const tools = {};
    for (const spec of specs) {
      const rec = saved(spec);
      if (!isEmptyRecord(rec)) tools[spec.slug] = exportEntry(spec, rec);
    }
    return tools;
  }

  function exportAll() {
    const tools = currentTools();
    const snapshots = loadSnapshots(store, KEY_PREFIX);
    if (!Object.keys(tools).length) {
      ui.say('There are no answers saved in this browser yet.');
      return;
    }
    downloadJson(Object.assign(answersDocument(tools, SITE, new Date(), ui.member()), snapshots.length ? { snapshots } : {}),
      'ps-cope-all-answers-' + localDay(new Date()) + '.json');
    noteBackup(store, KEY_PREFIX, Object.fromEntries(specs.filter((spec) => spec.slug in tools)
      .map((spec) => [spec.slug, saved(spec)])), isoNow());
    showBackup();
  }

  async function importFile(file) {
    ui.say('Reading “' + file.name + '”…');
    const doc = await readAnswersDocument(file);
    const incoming = Object.entries(doc.tools).map(([slug, entry]) => {
      const spec = specs.find((s) => s.slug === slug);
      if (!spec) throw new Error('“' + file.name + '” holds answers for a tool this site does not have ('
        + slug.slice(0, 60) + '). Nothing was changed.');
      return { spec, checked: checkEntry(spec, entry), before: saved(spec) };
    });
    if (!incoming.length) throw new Error('“' + file.name + '” holds no answers. Nothing was changed.');
    const summary = incoming.map(({ spec, checked, before }) => 'Tool ' + spec.number + ': '
      + describeChange(before.answers, checked.answers)
      + (checked.fromVersion ? ' (made for version ' + checked.fromVersion + ' of the tool, this site has '
        + spec.version + ')' : '')).join('; ');
    const replacing = incoming.some(({ before }) => Object.keys(before.answers).length);
    if (replacing && !window.confirm('Replace the answers saved in this browser with the ones in “'
      + file.name + '”?\n' + summary + '.')) {
      ui.say('Nothing was changed.');
      return;
    }
    const writeAll = (pick) => writeRecords(store, KEY_PREFIX,
      Object.fromEntries(incoming.map((item) => [item.spec.slug, pick(item)])));
    if (!writeAll(({ spec, checked }) => ({ version: spec.version, updated: isoNow(), answers: checked.answers, extra: checked.extra }))) {
      ui.warn();
      throw new Error('This browser did not keep the loaded answers, so none of them were loaded. '
        + 'Nothing was changed.');
    }
    showBackup();
    showProgress();
    const snapshotsBefore = loadSnapshots(store, KEY_PREFIX);
    const snapshots = mergeSnapshots(snapshotsBefore, snapshotsIn(doc));
    let snapshotNote = '';
    if (snapshots.length > snapshotsBefore.length) {
      try {
        saveSnapshots(store, KEY_PREFIX, snapshots);
        snapshotNote = ' ' + count(snapshots.length - snapshotsBefore.length, 'snapshot') + ' restored.';
      } catch (e) {
        snapshotNote = ' The snapshots in the file were not restored: ' + e.message;
      }
      snapshotBox.render();
    }
    const extras = incoming.reduce((n, { checked }) => n + Object.keys(checked.extra).length, 0);
    ui.say('Loaded “' + file.name + '”: ' + summary + '.'
      + (extras ? ' ' + count(extras, 'answer') + ' for fields the tools do not have were kept aside.' : '')
      + snapshotNote,
    false, { label: 'Undo import', run: () => {
      writeAll(({ before }) => before);
      try {
        saveSnapshots(store, KEY_PREFIX, snapshotsBefore);
      } catch (e) { /* the snapshots added stay */ }
      snapshotBox.render();
      showBackup();
      showProgress();
      ui.say('Import undone: your previous answers are back.');
    } });
  }

  const showProgress = () => showAllProgress(specs, saved, (href) => href);

  /** Removes everything this site copy keeps in this browser (every tool's answers, copies set
      aside, snapshots, backup notes, the member's name, files a copy was kept in); other copies
      of the site on this origin keep theirs. */
  function clearAll() {
    const keys = store ? siteKeys(store, KEY_PREFIX) : [];
    if (!keys.length) {
      ui.say('There are no answers saved in this browser.');
      return;
    }
    if (!window.confirm('Clear every answer this site keeps in this browser: the answers to all tools, '
      + 'copies set aside, snapshots and the note of your last backup? Download them first if you '
      + 'still need them.')) return;
    const held = removeKeys(store, keys);
    if (!held) {
      ui.say('This browser did not let the answers be cleared. Nothing was changed.', true);
      return;
    }
    if (window.indexedDB) import('./handles.js').then(({ deleteHandlesUnder }) => deleteHandlesUnder(KEY_PREFIX));
    const redraw = () => {
      const member = root.querySelector('#tool-member');
      if (member) member.value = store.getItem(KEY_PREFIX + 'member') || '';
      snapshotBox.render();
      showBackup();
      showProgress();
    };
    redraw();
    ui.say('All answers cleared from this browser.', false, { label: 'Undo clear', run: () => {
      restoreKeys(store, held);
      redraw();
      ui.say('Your answers are back.');
    } });
  }

  showBackup();
  showProgress();
  root.querySelector('[data-action=export]').addEventListener('click', exportAll, { signal });
  root.querySelector('[data-action=clear-all]').addEventListener('click', clearAll, { signal });
  onFileChosen(ui, signal, importFile);
  const snapshotBox = mountSnapshots(root.querySelector('.tool-toolbar'), store, KEY_PREFIX, currentTools, signal);
  root.classList.add('is-ready');
}

/** Each tool's progress in the index table, and the suggested next step. `saved(spec)` gives a
    tool's record; `link(href)` the address a tool link goes to. */
function showAllProgress(specs, saved, link) {
  const progress = {};
  for (const spec of specs) {
    const rec = saved(spec);
    progress[spec.slug] = toolProgress(spec, rec.answers);
    const cell = document.querySelector('[data-progress="' + spec.slug + '"]');
    if (cell) {
      const { answered, total } = progress[spec.slug];
      cell.textContent = !answered ? 'Not started'
        : answered + ' of ' + total + ' answered' + (rec.updated ? ', saved ' + new Date(rec.updated)
          .toLocaleDateString(undefined, { dateStyle: 'medium' }) : '');
    }
  }
  const next = document.querySelector('[data-next]');
  const spec = suggestedTool(specs, progress);
  if (!next) return;
  next.hidden = !spec;
  if (!spec) return;
  const anchor = document.createElement('a');
  anchor.href = link(new URL(spec.page, SITE).href);
  anchor.textContent = toolName(spec);
  const { answered, total } = progress[spec.slug];
  next.replaceChildren('Suggested next step, in the toolkit’s order: ', anchor,
    answered ? ' (' + answered + ' of ' + total + ' answered).' : '.');
}

/** Trainer mode on the index: the sample's progress, tool links that keep the mode, and no
    control that reads or writes this browser's answers. */
function mountSample(root, specs, sample) {
  root.classList.add('is-sample', 'is-ready');
  const banner = sample.module.sampleBanner(sample.doc);
  const table = document.querySelector('[data-progress]');
  (table ? table.closest('table') : root).before(banner);
  const asSample = (spec) => ({ ...emptyRecord(spec), answers: sample.doc.tools[spec.slug] || {} });
  const { withSample } = sample.module;
  showAllProgress(specs, asSample, withSample);
  for (const spec of specs) {
    const cell = document.querySelector('[data-progress="' + spec.slug + '"]');
    const toolLink = cell && cell.closest('tr').querySelector('a[href]');
    if (toolLink) toolLink.href = withSample(toolLink.href);
  }
}
