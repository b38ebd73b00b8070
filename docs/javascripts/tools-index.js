/* The tools index: download every tool's saved answers as one file, and load such a file or a
   filled tool PDF (all tools it holds, or none of them). Field specs come from tools/specs.json. */

import {
  answersDocument, checkEntry, describeChange, exportEntry,
} from './answers.js';
import { backupLine } from './backup.js';
import { downloadJson, readAnswersDocument } from './files.js';
import { count, isoNow, localDay } from './format.js';
import { emptyRecord, isEmptyRecord } from './records.js';
import { showDurability } from './persist.js';
import { KEY_PREFIX, SITE, loadSpecs } from './site.js';
import {
  lastBackup, loadRecord, noteBackup, openStorage, writeRecord,
} from './storage.js';
import { onFileChosen, toolbar } from './toolbar.js';

export async function mountIndex(root, signal) {
  const ui = toolbar(root, signal);
  let specs;
  try {
    specs = await loadSpecs();
  } catch (e) {
    ui.say(e.message, true);
    return;
  }
  if (signal.aborted) return;
  const store = openStorage(KEY_PREFIX);
  if (!store) ui.warn();
  const saved = (spec) => (store ? loadRecord(store, KEY_PREFIX, spec, ui.say) : emptyRecord(spec));
  showDurability(ui.durability);
  const backup = backupLine(root.querySelector('.tool-toolbar'), exportAll, signal);
  const showBackup = () => backup.update(specs.map(saved),
    specs.map((spec) => lastBackup(store, KEY_PREFIX, spec.slug)));

  function exportAll() {
    const tools = {};
    for (const spec of specs) {
      const rec = saved(spec);
      if (!isEmptyRecord(rec)) tools[spec.slug] = exportEntry(spec, rec);
    }
    if (!Object.keys(tools).length) {
      ui.say('There are no answers saved in this browser yet.');
      return;
    }
    downloadJson(answersDocument(tools, SITE), 'ps-cope-all-answers-' + localDay(new Date()) + '.json');
    noteBackup(store, KEY_PREFIX, Object.keys(tools), isoNow());
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
    const writeAll = (pick) => incoming.every((item) => writeRecord(store, KEY_PREFIX, item.spec.slug, pick(item)));
    if (!writeAll(({ spec, checked }) => ({ version: spec.version, updated: isoNow(), answers: checked.answers, extra: checked.extra }))) {
      ui.warn();
      throw new Error('This browser did not keep the loaded answers.');
    }
    showBackup();
    const extras = incoming.reduce((n, { checked }) => n + Object.keys(checked.extra).length, 0);
    ui.say('Loaded “' + file.name + '”: ' + summary + '.'
      + (extras ? ' ' + count(extras, 'answer') + ' for fields the tools do not have were kept aside.' : ''),
    false, { label: 'Undo import', run: () => { writeAll(({ before }) => before); ui.say('Import undone: your previous answers are back.'); } });
  }

  showBackup();
  root.querySelector('[data-action=export]').addEventListener('click', exportAll, { signal });
  onFileChosen(ui, signal, importFile);
  root.classList.add('is-ready');
}
