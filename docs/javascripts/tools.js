/* PS-COPE tool forms: autosave to this browser, answers files (export/import), repeating rows,
   print. Mounted on every page Material shows (navigation.instant); imported and stored text is
   only ever written with textContent/value. Answers file format: docs/schemas/answers-v1.schema.json */
(() => {
  'use strict';

  const FORMAT = 'ps-cope-answers';
  const MAX_FILE_BYTES = 1024 * 1024;
  const MAX_VALUE_LENGTH = 100000;
  const FIELD_NAME = /^[a-z0-9_]+$/;
  const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
  const SAVE_DELAY_MS = 500;
  const NOT_KEPT = 'Your browser is not keeping these answers. Download them before you leave this page.';
  const SITE = siteBase();
  const KEY_PREFIX = 'ps-cope:' + new URL(SITE).pathname + ':';

  /** Absolute base URL of this site copy, from Material's config (read once: it is relative to
      the first page loaded, and instant navigation does not replace it). */
  function siteBase() {
    let base = '.';
    try {
      base = JSON.parse(document.getElementById('__config').textContent).base || '.';
    } catch (e) { /* no Material config: this page's folder */ }
    return new URL(base.replace(/\/?$/, '/'), location.href).href;
  }

  // ------------------------------------------------------------------ small helpers

  const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const pad = (n) => String(n).padStart(2, '0');
  const isoNow = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const clock = (iso) => { const d = new Date(iso); return pad(d.getHours()) + ':' + pad(d.getMinutes()); };
  const localDay = (d) => d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
  const count = (n, word) => n + ' ' + word + (n === 1 ? '' : 's');

  /** Names whose values differ between two answer maps. */
  function changedNames(a, b) {
    return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((n) => (a[n] || '') !== (b[n] || ''));
  }

  /** 'n answers added, n changed, n removed' between two answer maps. */
  function describeChange(before, after) {
    let added = 0, changed = 0, removed = 0;
    for (const name of changedNames(before, after)) {
      if (!(name in before)) added++;
      else if (!(name in after)) removed++;
      else changed++;
    }
    return count(added, 'answer') + ' added, ' + changed + ' changed, ' + removed + ' removed';
  }

  // ------------------------------------------------------------------ storage

  /** localStorage if it can be written, else null (blocked, disabled or full). */
  function openStorage() {
    try {
      const store = window.localStorage;
      store.setItem(KEY_PREFIX + 'probe', '1');
      store.removeItem(KEY_PREFIX + 'probe');
      return store;
    } catch (e) {
      return null;
    }
  }

  const emptyRecord = (spec) => ({ version: spec.version, updated: null, answers: {}, extra: {} });

  /** A stored record, or throws if it is not one. */
  function parseRecord(raw) {
    const rec = JSON.parse(raw);
    const strings = (o) => isObject(o) && Object.values(o).every((v) => typeof v === 'string');
    if (!isObject(rec) || !strings(rec.answers) || (rec.extra !== undefined && !strings(rec.extra))) {
      throw new Error('not an answers record');
    }
    return { version: rec.version, updated: typeof rec.updated === 'string' ? rec.updated : null,
      answers: rec.answers, extra: rec.extra || {} };
  }

  /** This tool's saved record; an unreadable or outdated one is moved aside and reported. */
  function loadRecord(store, spec, report) {
    const key = KEY_PREFIX + spec.slug;
    const raw = store.getItem(key);
    if (raw === null) return emptyRecord(spec);
    let rec = null;
    try {
      rec = parseRecord(raw);
      if (rec.version === spec.version) return rec;
    } catch (e) { /* set aside below */ }
    const aside = key + (rec ? ':v' + rec.version : ':corrupt') + ':' + Date.now();
    try {
      store.setItem(aside, raw);
      store.removeItem(key);
    } catch (e) { /* the report below still stands */ }
    report((rec
      ? 'Answers saved in this browser for an earlier version of ' + spec.title + ' were set aside.'
      : 'The answers saved in this browser for ' + spec.title + ' could not be read.')
      + ' They were moved aside (kept under "' + aside + '"); the form starts empty.', true);
    return emptyRecord(spec);
  }

  /** Writes a record (or removes it when empty); false if the browser refused. */
  function writeRecord(store, slug, rec) {
    if (!store) return false;
    try {
      if (!Object.keys(rec.answers).length && !Object.keys(rec.extra).length) {
        store.removeItem(KEY_PREFIX + slug);
      } else {
        store.setItem(KEY_PREFIX + slug, JSON.stringify(rec));
      }
      return true;
    } catch (e) {
      return false;
    }
  }

  // ------------------------------------------------------------------ answers files

  /** Parses and checks an answers file's envelope; throws an Error with a plain message. */
  async function readAnswersFile(file) {
    if (file.size > MAX_FILE_BYTES) {
      throw new Error('“' + file.name + '” is too large (' + (file.size / 1048576).toFixed(1)
        + ' MB). An answers file is at most 1 MB. Nothing was changed.');
    }
    let doc;
    try {
      doc = JSON.parse(await file.text());
    } catch (e) {
      throw new Error('“' + file.name + '” is not an answers file (it is not valid JSON). Nothing was changed.');
    }
    if (!isObject(doc) || doc.format !== FORMAT || !isObject(doc.tools)) {
      throw new Error('“' + file.name + '” is not a PS-COPE answers file. Nothing was changed.');
    }
    if (doc.version !== 1) {
      throw new Error('“' + file.name + '” uses answers format version ' + String(doc.version)
        + '; this site reads version 1. Nothing was changed.');
    }
    return doc;
  }

  /** Checks one tool's entry against its spec: {answers, extra}, or throws a plain message. */
  function checkEntry(spec, entry) {
    const fail = (why) => { throw new Error('The answers for ' + spec.title + ' ' + why + ' Nothing was changed.'); };
    if (!isObject(entry) || !isObject(entry.answers)) fail('are not in the expected form.');
    if (entry.version !== spec.version) {
      fail('were given against version ' + String(entry.version) + ' of the tool; this site has version '
        + spec.version + '.');
    }
    const fields = spec.byName || (spec.byName = new Map(spec.fields.map((f) => [f.name, f])));
    const answers = {}, extra = {};
    for (const [name, value] of Object.entries(entry.answers)) {
      if (!FIELD_NAME.test(name) || name.length > 120 || name === '__proto__') fail('include an invalid field name.');
      if (typeof value !== 'string' || value.length > MAX_VALUE_LENGTH) fail('include a value for “' + name + '” that is not text.');
      const field = fields.get(name);
      if (value === '') continue;
      if (!field) { extra[name] = value; continue; }
      if ((field.kind === 'radio' && !field.options.includes(value))
        || (field.kind === 'checkbox' && value !== 'yes')
        || (field.kind === 'date' && !ISO_DATE.test(value))) {
        fail('include “' + value.slice(0, 40) + '” for “' + name + '”, which is not a valid answer there.');
      }
      answers[name] = value;
    }
    return { answers, extra };
  }

  function answersDocument(tools) {
    return { format: FORMAT, version: 1, exported: isoNow(), site: SITE, tools };
  }

  function exportEntry(spec, rec) {
    return { version: spec.version, updated: rec.updated, answers: Object.assign({}, rec.extra, rec.answers) };
  }

  function download(doc, filename) {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2) + '\n'], { type: 'application/json' }));
    link.download = filename;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }

  // ------------------------------------------------------------------ toolbar

  /** The toolbar's status, warning and messages; `say` replaces the message (with an optional undo). */
  function toolbar(root, signal) {
    const bar = root.querySelector('.tool-toolbar');
    const messages = bar.querySelector('.tool-messages');
    const status = bar.querySelector('.tool-status');
    const setStatus = (text) => { if (status) status.textContent = text; };
    return {
      file: bar.querySelector('input[type=file]'),
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

  /** Runs `handle(file)` for a file chosen in the toolbar's file input, then resets it. */
  function onFileChosen(ui, signal, handle) {
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

  // ------------------------------------------------------------------ tool form

  function mountForm(form, signal) {
    const spec = JSON.parse(form.dataset.spec);
    const namesHolder = document.querySelector('.tool-names');
    const names = namesHolder ? JSON.parse(namesHolder.dataset.names) : {};
    const ui = toolbar(form, signal);
    const byName = new Map(spec.fields.map((f) => [f.name, f]));
    const rowsById = new Map(spec.rows.map((r) => [r.id, r]));
    const rowOf = new Map(); // field name -> [rows block, row number]
    for (const block of spec.rows) {
      for (let n = 1; n <= block.max_rows; n++) {
        for (const col of block.columns) rowOf.set(block.id + '_' + n + '_' + col.id, [block, n]);
      }
    }
    let store = openStorage();
    let record = store ? loadRecord(store, spec, ui.say) : emptyRecord(spec); // as last saved or read
    let timer = 0;
    if (!store) ui.warn();

    const control = (name) => form.elements.namedItem(name);
    const tbody = (block) => form.querySelector('[data-rows="' + block.id + '"] tbody');
    const grow = (el) => { el.style.height = 'auto'; el.style.height = el.scrollHeight + el.offsetHeight - el.clientHeight + 'px'; };

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
      if (f.kind === 'radio') for (const radio of el) radio.checked = radio.value === value;
      else if (f.kind === 'checkbox') el.checked = value === 'yes';
      else {
        el.value = value;
        if (el.tagName === 'TEXTAREA') grow(el);
      }
    }

    /** Shows `answers` for the given field names; rows are added as needed (or trimmed, with `fit`). */
    function show(answers, fieldNames, fit) {
      for (const block of spec.rows) {
        let rows = fit ? block.rows : tbody(block).rows.length;
        for (const name of Object.keys(answers)) {
          const at = rowOf.get(name);
          if (at && at[0] === block) rows = Math.max(rows, at[1]);
        }
        setRowCount(block, rows);
      }
      for (const name of fieldNames) if (byName.has(name)) setField(byName.get(name), answers[name] || '');
    }

    // --- repeating rows

    function renumber(block) {
      const body = tbody(block);
      [...body.rows].forEach((tr, i) => {
        const n = i + 1;
        for (const el of tr.querySelectorAll('[data-col]')) {
          const col = block.columns.find((c) => c.id === el.dataset.col);
          el.name = block.id + '_' + n + '_' + col.id;
          el.id = 'tf-' + el.name;
          el.setAttribute('aria-label', col.label + ', row ' + n);
        }
        const number = tr.querySelector('.tool-rownum');
        if (number) number.textContent = n;
        const remove = tr.querySelector('.tool-row-remove');
        if (remove) remove.setAttribute('aria-label', 'Remove row ' + n + ' of ' + block.title);
      });
      const add = body.closest('.tool-rows').querySelector('.tool-row-add');
      if (add) add.disabled = body.rows.length >= block.max_rows;
    }

    function addRow(block) {
      const body = tbody(block);
      const tr = body.rows[0].cloneNode(true);
      for (const el of tr.querySelectorAll('[data-col]')) { el.value = ''; el.style.height = ''; }
      body.append(tr);
      renumber(block);
      return tr;
    }

    function setRowCount(block, rows) {
      const body = tbody(block);
      const wanted = Math.min(Math.max(rows, 1), block.max_rows);
      while (body.rows.length < wanted) addRow(block);
      while (body.rows.length > wanted) body.rows[body.rows.length - 1].remove();
      renumber(block);
    }

    function removeRow(block, tr) {
      const n = tr.sectionRowIndex + 1;
      const filled = [...tr.querySelectorAll('[data-col]')].some((el) => el.value !== '');
      if (filled && !window.confirm('Remove row ' + n + ' of ' + block.title + ' and its answers?')) return;
      const next = tr.nextElementSibling;
      tr.remove();
      renumber(block);
      const container = form.querySelector('[data-rows="' + block.id + '"]');
      (next ? next.querySelector('[data-col]') : container.querySelector('.tool-row-add')).focus();
      schedule();
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

    /** The record in storage now (another tab may have written it); this tab's if unreadable. */
    function readStored() {
      if (!store) return record;
      try {
        const raw = store.getItem(KEY_PREFIX + spec.slug);
        return raw === null ? emptyRecord(spec) : parseRecord(raw);
      } catch (e) {
        return record;
      }
    }

    function save() {
      clearTimeout(timer);
      timer = 0;
      const stored = readStored();
      const { merged, dirty } = merge(stored);
      if (!dirty.length) return;
      record = { version: spec.version, updated: isoNow(), answers: merged, extra: stored.extra };
      persist();
    }

    function persist() {
      if (writeRecord(store, spec.slug, record)) {
        ui.setStatus(record.updated ? 'Saved ' + clock(record.updated) : 'No answers saved');
      } else {
        store = null;
        ui.warn();
      }
    }

    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(save, SAVE_DELAY_MS);
    }

    const flush = () => { if (timer) save(); };

    /** Replaces all answers (import, clear, undo), keeping nothing of the form's current state. */
    function replaceRecord(rec) {
      clearTimeout(timer);
      timer = 0;
      record = rec;
      show(rec.answers, spec.fields.map((f) => f.name), true);
      persist();
    }

    function onStorage(event) {
      if (event.key !== KEY_PREFIX + spec.slug || !store) return;
      let stored;
      try {
        stored = event.newValue === null ? emptyRecord(spec) : parseRecord(event.newValue);
      } catch (e) {
        return;
      }
      merge(stored);
      record = stored;
      ui.setStatus('Updated from another tab ' + clock(isoNow()));
    }

    // --- toolbar actions

    function exportAnswers() {
      flush();
      const current = Object.assign({}, record, { answers: collect() });
      download(answersDocument({ [spec.slug]: exportEntry(spec, current) }),
        'ps-cope-' + spec.slug + '-answers-' + localDay(new Date()) + '.json');
    }

    async function importFile(file) {
      const doc = await readAnswersFile(file);
      const slugs = Object.keys(doc.tools);
      if (!(spec.slug in doc.tools)) {
        const named = slugs.map((s) => names[s] || s.slice(0, 60)).join(', ') || 'no tool';
        throw new Error('“' + file.name + '” holds answers for ' + named + ', not for ' + spec.title
          + '. Load it on that tool’s page or on the tools index page. Nothing was changed.');
      }
      const { answers, extra } = checkEntry(spec, doc.tools[spec.slug]);
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
      const others = slugs.filter((s) => s !== spec.slug).map((s) => names[s] || s.slice(0, 60));
      ui.say('Loaded “' + file.name + '”: ' + change + '.'
        + (extraNames.length ? ' ' + count(extraNames.length, 'answer') + ' for fields this tool does not have '
          + 'were kept aside and will be included in downloads: ' + extraNames.slice(0, 10).join(', ')
          + (extraNames.length > 10 ? ', …' : '') + '.' : '')
        + (others.length ? ' The file also holds answers for ' + others.join(', ')
          + '; load it on the tools index page to restore those.' : ''),
      false, { label: 'Undo import', run: () => { replaceRecord(before); ui.say('Import undone: your previous answers are back.'); } });
    }

    function clearAnswers() {
      flush();
      if (!Object.keys(record.answers).length && !Object.keys(record.extra).length) {
        ui.say('There are no answers to clear.');
        return;
      }
      if (!window.confirm('Clear all your answers to ' + spec.title + ' in this browser?')) return;
      const before = record;
      replaceRecord(emptyRecord(spec));
      ui.say('Answers cleared.', false, { label: 'Undo clear', run: () => { replaceRecord(before); ui.say('Your answers are back.'); } });
    }

    // --- print: every answer in full, empty rows and unchosen options left out

    function beforePrint() {
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
        + (record.updated ? ' · answers last saved ' + new Date(record.updated).toLocaleString() : '');
      const title = document.getElementById('tool');
      if (title) title.after(meta); else form.prepend(meta);
    }

    function afterPrint() {
      for (const el of document.querySelectorAll('[data-print]')) el.remove();
    }

    // --- wiring

    form.addEventListener('input', (event) => {
      const start = performance.now();
      if (!byName.has(event.target.name)) return;
      const el = event.target;
      if (el.tagName === 'TEXTAREA') requestAnimationFrame(() => grow(el)); // layout once a frame
      schedule();
      performance.measure('ps-cope:input', { start });
    }, { signal });
    form.addEventListener('change', (event) => { if (byName.has(event.target.name)) schedule(); }, { signal });
    form.addEventListener('click', (event) => {
      const button = event.target.closest('button');
      if (!button) return;
      const rows = button.closest('[data-rows]');
      const block = rows && rowsById.get(rows.dataset.rows);
      if (button.classList.contains('tool-row-add')) {
        addRow(block).querySelector('[data-col]').focus();
        schedule();
      } else if (button.classList.contains('tool-row-remove')) {
        removeRow(block, button.closest('tr'));
      } else if (button.dataset.action === 'export') exportAnswers();
      else if (button.dataset.action === 'print') window.print();
      else if (button.dataset.action === 'clear') clearAnswers();
    }, { signal });
    onFileChosen(ui, signal, importFile);
    window.addEventListener('storage', onStorage, { signal });
    window.addEventListener('beforeprint', beforePrint, { signal });
    window.addEventListener('afterprint', afterPrint, { signal });
    window.addEventListener('pagehide', flush, { signal });
    document.addEventListener('visibilitychange', () => { if (document.hidden) flush(); }, { signal });
    signal.addEventListener('abort', flush);

    show(record.answers, spec.fields.map((f) => f.name), true);
    for (const el of form.querySelectorAll('textarea')) grow(el);
    if (record.updated) ui.setStatus('Saved ' + clock(record.updated));
    form.classList.add('is-ready');
  }

  // ------------------------------------------------------------------ tools index

  function mountIndex(root, signal) {
    const specs = JSON.parse(root.dataset.specs);
    const ui = toolbar(root, signal);
    const store = openStorage();
    if (!store) ui.warn();
    const saved = (spec) => (store ? loadRecord(store, spec, ui.say) : emptyRecord(spec));

    function exportAll() {
      const tools = {};
      for (const spec of specs) {
        const rec = saved(spec);
        if (Object.keys(rec.answers).length || Object.keys(rec.extra).length) tools[spec.slug] = exportEntry(spec, rec);
      }
      if (!Object.keys(tools).length) {
        ui.say('There are no answers saved in this browser yet.');
        return;
      }
      download(answersDocument(tools), 'ps-cope-all-answers-' + localDay(new Date()) + '.json');
    }

    async function importFile(file) {
      const doc = await readAnswersFile(file);
      const incoming = Object.entries(doc.tools).map(([slug, entry]) => {
        const spec = specs.find((s) => s.slug === slug);
        if (!spec) throw new Error('“' + file.name + '” holds answers for a tool this site does not have ('
          + slug.slice(0, 60) + '). Nothing was changed.');
        return { spec, checked: checkEntry(spec, entry), before: saved(spec) };
      });
      if (!incoming.length) throw new Error('“' + file.name + '” holds no answers. Nothing was changed.');
      const summary = incoming.map(({ spec, checked, before }) => 'Tool ' + spec.number + ': '
        + describeChange(before.answers, checked.answers)).join('; ');
      const replacing = incoming.some(({ before }) => Object.keys(before.answers).length);
      if (replacing && !window.confirm('Replace the answers saved in this browser with the ones in “'
        + file.name + '”?\n' + summary + '.')) {
        ui.say('Nothing was changed.');
        return;
      }
      const writeAll = (pick) => incoming.every((item) => writeRecord(store, item.spec.slug, pick(item)));
      if (!writeAll(({ spec, checked }) => ({ version: spec.version, updated: isoNow(), answers: checked.answers, extra: checked.extra }))) {
        ui.warn();
        throw new Error('This browser did not keep the loaded answers.');
      }
      const extras = incoming.reduce((n, { checked }) => n + Object.keys(checked.extra).length, 0);
      ui.say('Loaded “' + file.name + '”: ' + summary + '.'
        + (extras ? ' ' + count(extras, 'answer') + ' for fields the tools do not have were kept aside.' : ''),
      false, { label: 'Undo import', run: () => { writeAll(({ before }) => before); ui.say('Import undone: your previous answers are back.'); } });
    }

    root.querySelector('[data-action=export]').addEventListener('click', exportAll, { signal });
    onFileChosen(ui, signal, importFile);
    root.classList.add('is-ready');
  }

  // ------------------------------------------------------------------ mounting

  let mounted = null; // AbortController of the current page's listeners

  function mount() {
    if (mounted) mounted.abort();
    mounted = new AbortController();
    const form = document.querySelector('form.tool-form');
    const index = document.querySelector('.tool-all');
    const start = performance.now();
    if (form) {
      mountForm(form, mounted.signal);
      performance.measure('ps-cope:mount', { start }); // read by `make bench`
    } else if (index) mountIndex(index, mounted.signal);
    nameSearchDialog();
  }

  /** Material's search dialog has no accessible name (Lighthouse aria-dialog-name). */
  function nameSearchDialog() {
    const dialog = document.querySelector('.md-search[role="dialog"]:not([aria-label])');
    if (dialog) dialog.setAttribute('aria-label', 'Search');
  }

  if (window.document$) window.document$.subscribe(mount);
  else mount();
})();
