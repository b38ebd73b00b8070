import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  emptyRecord, fingerprint, isEmptyRecord, needsBackup, parseRecord,
} from '../../docs/javascripts/records.js';
import {
  keyPrefix, lastBackup, loadRecord, noteBackup, openStorage, readRecord, removeKeys, restoreKeys,
  setAsideCopies, siteKeys, toolKeys, writeRecord, writeRecords,
} from '../../docs/javascripts/storage.js';
import { MemoryStorage, SPEC } from './fixtures.mjs';

const PREFIX = 'ps-cope:/copy/:';
const KEY = PREFIX + SPEC.slug;
const saved = (answers, version = 3) => JSON.stringify({ version, updated: '2026-11-01T08:00:00Z', answers, extra: {} });

test('keys are per site copy: the path of its base URL', () => {
  assert.equal(keyPrefix('https://owner.github.io/copy/'), 'ps-cope:/copy/:');
  assert.equal(keyPrefix('http://127.0.0.1:8000/'), 'ps-cope:/:');
});

test('parseRecord accepts records and refuses anything else', () => {
  assert.deepEqual(parseRecord('{"version":1,"answers":{"a":"x"}}'),
    { version: 1, updated: null, answers: { a: 'x' }, extra: {} });
  for (const raw of ['{', 'null', '[]', '{"answers":[]}', '{"answers":{"a":1}}', '{"answers":{},"extra":{"b":false}}']) {
    assert.throws(() => parseRecord(raw), undefined, raw);
  }
});

test('an empty record is empty; one with only kept-aside answers is not', () => {
  assert.ok(isEmptyRecord(emptyRecord(SPEC)));
  assert.ok(!isEmptyRecord({ ...emptyRecord(SPEC), extra: { old: 'x' } }));
  assert.deepEqual(emptyRecord(SPEC), { version: 3, updated: null, answers: {}, extra: {} });
});

test('openStorage returns a writable store and null for a refusing one', () => {
  const store = new MemoryStorage();
  assert.equal(openStorage(PREFIX, store), store);
  assert.equal(store.map.size, 0, 'the probe is removed');
  assert.equal(openStorage(PREFIX, new MemoryStorage({}, true)), null);
  assert.equal(openStorage(PREFIX, null), null);
});

test('loadRecord returns the saved record of the current version', () => {
  const store = new MemoryStorage({ [KEY]: saved({ notes: 'n' }) });
  const reports = [];
  const rec = loadRecord(store, PREFIX, SPEC, (...args) => reports.push(args));
  assert.deepEqual(rec.answers, { notes: 'n' });
  assert.deepEqual(reports, []);
});

test('loadRecord migrates a record of another version and keeps the original aside', () => {
  const raw = JSON.stringify({ version: 2, updated: '2026-01-05T10:00:00Z',
    answers: { notes: 'n', safe_space: 'maybe', gone: 'x' }, extra: { agree: 'yes' } });
  const older = new MemoryStorage({ [KEY]: raw });
  const reports = [];
  const rec = loadRecord(older, PREFIX, SPEC, (...a) => reports.push(a), 1700000000000);
  assert.deepEqual(rec, { version: 3, updated: '2026-01-05T10:00:00Z',
    answers: { notes: 'n', agree: 'yes' }, extra: { safe_space: 'maybe', gone: 'x' } });
  assert.deepEqual(JSON.parse(older.getItem(KEY)), rec);
  assert.equal(older.getItem(KEY + ':v2:1700000000000'), raw);
  assert.deepEqual(reports, [['Sample Checklist has changed since these answers were given (tool version 2, now 3): '
    + '2 answers carried over; 2 for fields the tool no longer has (or no longer accepts) are kept below and '
    + 'included in your downloads. The answers as they were saved are kept too (see below).', false]]);
});

test('loadRecord sets a corrupt record aside and starts empty', () => {
  const corrupt = new MemoryStorage({ [KEY]: '{"answers": 7' });
  const reports = [];
  assert.deepEqual(loadRecord(corrupt, PREFIX, SPEC, (...a) => reports.push(a), 5), emptyRecord(SPEC));
  assert.equal(corrupt.getItem(KEY), null);
  assert.equal(corrupt.getItem(KEY + ':corrupt:5'), '{"answers": 7');
  assert.deepEqual(reports, [['The answers saved in this browser for Sample Checklist could not be read. '
    + 'They were moved aside (you can download them below); the form starts empty.', true]]);
});

test('setAsideCopies lists this tool\'s set-aside copies, newest first', () => {
  const store = new MemoryStorage({
    [KEY + ':v2:100']: 'a', [KEY + ':corrupt:300']: 'b', [KEY + ':v1:200']: 'c', [KEY]: 'd',
    [PREFIX + '02-sample-other:v1:400']: 'e', [KEY + ':v1:x']: 'f', [PREFIX + 'backup:' + SPEC.slug]: 'g',
  });
  assert.deepEqual(setAsideCopies(store, PREFIX, SPEC.slug), [
    { key: KEY + ':corrupt:300', kind: 'corrupt', version: null, time: 300 },
    { key: KEY + ':v1:200', kind: 'version', version: 1, time: 200 },
    { key: KEY + ':v2:100', kind: 'version', version: 2, time: 100 },
  ]);
});

test('backup times are kept per tool', () => {
  const store = new MemoryStorage();
  const rec = { version: 3, updated: null, answers: { a: 'b' }, extra: {} };
  assert.equal(lastBackup(store, PREFIX, SPEC.slug), null);
  noteBackup(store, PREFIX, { [SPEC.slug]: rec, other: emptyRecord(SPEC) }, '2026-11-26T10:00:00Z');
  assert.deepEqual(lastBackup(store, PREFIX, SPEC.slug), { at: '2026-11-26T10:00:00Z', of: fingerprint(rec) });
  assert.equal(lastBackup(null, PREFIX, SPEC.slug), null);
  assert.equal(lastBackup(new MemoryStorage({ [PREFIX + 'backup:x']: '2026-01-01' }), PREFIX, 'x'), null);
  noteBackup(new MemoryStorage({}, true), PREFIX, { [SPEC.slug]: rec }, 'x'); // a refusing store does not throw
});

test('needsBackup: the answers differ from what the last backup held, whatever the clock says', () => {
  const rec = { version: 3, updated: '2026-11-26T10:00:00Z', answers: { a: 'b', c: 'd' }, extra: {} };
  const sameContent = { ...rec, updated: '2026-11-27T00:00:00Z', answers: { c: 'd', a: 'b' } };
  const changedSameSecond = { ...rec, answers: { a: 'b', c: 'e' } };
  const backup = { at: '2026-11-26T10:00:00Z', of: fingerprint(rec) };
  assert.ok(needsBackup(rec, null));
  assert.ok(!needsBackup(rec, backup));
  assert.ok(!needsBackup(sameContent, backup));
  assert.ok(needsBackup(changedSameSecond, backup));
  assert.ok(needsBackup({ ...rec, extra: { old: 'x' } }, backup));
  assert.ok(!needsBackup(emptyRecord(SPEC), null));
  assert.notEqual(fingerprint(rec), fingerprint(changedSameSecond));
});

test('loadRecord still reports when the store refuses to set aside', () => {
  const store = new MemoryStorage({ [KEY]: 'garbage' }, true);
  const reports = [];
  assert.deepEqual(loadRecord(store, PREFIX, SPEC, (...a) => reports.push(a), 1), emptyRecord(SPEC));
  assert.equal(reports.length, 1);
});

test('readRecord gives the stored record, an empty one, or null when unreadable', () => {
  assert.deepEqual(readRecord(new MemoryStorage(), PREFIX, SPEC), emptyRecord(SPEC));
  assert.deepEqual(readRecord(new MemoryStorage({ [KEY]: saved({ a: 'b' }) }), PREFIX, SPEC).answers, { a: 'b' });
  assert.equal(readRecord(new MemoryStorage({ [KEY]: '{' }), PREFIX, SPEC), null);
});

test('writeRecord stores, removes when empty, and reports refusals', () => {
  const store = new MemoryStorage();
  const rec = { version: 3, updated: '2026-11-26T00:00:00Z', answers: { notes: 'n' }, extra: {} };
  assert.ok(writeRecord(store, PREFIX, SPEC.slug, rec));
  assert.deepEqual(JSON.parse(store.getItem(KEY)), rec);
  assert.ok(writeRecord(store, PREFIX, SPEC.slug, emptyRecord(SPEC)));
  assert.equal(store.getItem(KEY), null);
  assert.equal(writeRecord(null, PREFIX, SPEC.slug, rec), false);
  assert.equal(writeRecord(new MemoryStorage({}, true), PREFIX, SPEC.slug, rec), false);
});

/** A storage with room for `capacity` characters of keys and values (a quota). */
class QuotaStorage extends MemoryStorage {
  constructor(entries, capacity) {
    super(entries);
    this.capacity = capacity;
  }
  setItem(key, value) {
    const used = [...this.map].reduce((n, [k, v]) => n + (k === key ? 0 : k.length + v.length), 0);
    if (used + key.length + String(value).length > this.capacity) throw new Error('QuotaExceededError');
    super.setItem(key, value);
  }
}

const record = (answers) => ({ version: 1, updated: '2026-11-02T10:00:00Z', answers, extra: {} });

test('writeRecords writes every record, or none when the browser refuses one', () => {
  const before = { [PREFIX + 'a']: saved({ x: 'old' }), [PREFIX + 'other']: 'kept' };
  const size = Object.entries(before).reduce((n, [k, v]) => n + k.length + v.length, 0);
  const full = new QuotaStorage(before, size + 10); // room for the new 'a', not for 'b' besides
  assert.equal(writeRecords(full, PREFIX, { a: record({ x: 'new' }), b: record({ y: 'new' }) }), false);
  assert.deepEqual(Object.fromEntries(full.map), before); // 'a' put back, 'b' never left behind

  const roomy = new MemoryStorage(before);
  assert.equal(writeRecords(roomy, PREFIX, { a: record({ x: 'new' }), b: record({ y: 'new' }) }), true);
  assert.deepEqual(JSON.parse(roomy.getItem(PREFIX + 'a')).answers, { x: 'new' });
  assert.deepEqual(JSON.parse(roomy.getItem(PREFIX + 'b')).answers, { y: 'new' });
  assert.equal(writeRecords(null, PREFIX, { a: record({}) }), false);
});

test('toolKeys names a tool\'s record, set-aside copies and backup note, and nothing of other tools or copies', () => {
  const store = new MemoryStorage({
    [KEY]: saved({ safe_space: 'yes' }),
    [KEY + ':v2:1700000000000']: saved({}, 2),
    [KEY + ':corrupt:1700000000001']: '{broken',
    [PREFIX + 'backup:' + SPEC.slug]: '{"at":"2026-11-01T08:00:00Z","of":"x"}',
    [PREFIX + 'backup:03-other']: '{}',
    [PREFIX + '03-other']: saved({}),
    [PREFIX + 'snapshots']: '[]',
    ['ps-cope:/copy/sub/:' + SPEC.slug]: saved({}), // another site copy on the same origin
  });
  assert.deepEqual(toolKeys(store, PREFIX, SPEC.slug).sort(), [
    KEY, KEY + ':corrupt:1700000000001', KEY + ':v2:1700000000000', PREFIX + 'backup:' + SPEC.slug].sort());
  assert.deepEqual(siteKeys(store, PREFIX).sort(), [
    KEY, KEY + ':corrupt:1700000000001', KEY + ':v2:1700000000000', PREFIX + '03-other',
    PREFIX + 'backup:' + SPEC.slug, PREFIX + 'backup:03-other', PREFIX + 'snapshots'].sort());
});

test('removeKeys returns what it removed and restoreKeys puts it back exactly', () => {
  const entries = { [KEY]: saved({ safe_space: 'no' }), [KEY + ':corrupt:5']: '{x', [PREFIX + 'snapshots']: '[]' };
  const store = new MemoryStorage(entries);
  const held = removeKeys(store, [KEY, KEY + ':corrupt:5']);
  assert.deepEqual(held, { [KEY]: entries[KEY], [KEY + ':corrupt:5']: '{x' });
  assert.deepEqual(Object.fromEntries(store.map), { [PREFIX + 'snapshots']: '[]' });
  assert.equal(restoreKeys(store, held), true);
  assert.deepEqual(Object.fromEntries(store.map), entries);
  assert.equal(removeKeys(new MemoryStorage(entries, true), [KEY]), null); // refused: nothing lost
});
