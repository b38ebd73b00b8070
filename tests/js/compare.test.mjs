// Progress over time against hand-computed values (written out here, never computed by compare.js).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  change, checklistPosition, compareCsvRows, compareTool, direction, improvedMost, setDates, signed,
} from '../../docs/javascripts/compare.js';
import { csvCell } from '../../docs/javascripts/csv.js';
import { buildTeam } from '../../docs/javascripts/members.js';
import { MemoryStorage, SPEC } from './fixtures.mjs';
import {
  loadSnapshots, makeSnapshot, saveSnapshots, snapshotDocument, snapshotsIn,
} from '../../docs/javascripts/snapshots.js';

const SCALE = ['1', '2', '3', '4', '5'].map((v) => ({ value: v, label: v })).concat({ value: 'dk', label: 'D/K' });
const RATING = {
  slug: '09-sample', number: 9, title: 'Sample Assessment', version: 2, element: 'IS2', page: 'tools/09-sample/',
  groups: [{ id: 'ie1', heading: 'Infrastructure 1', element: 'IE1' }, { id: 'ie2', heading: 'Infrastructure 2', element: 'IE2' }],
  rows: [],
  fields: [
    { name: 'a', kind: 'radio', label: 'A', group: 'ie1', options: SCALE },
    { name: 'b', kind: 'radio', label: 'B', group: 'ie1', options: SCALE },
    { name: 'c', kind: 'radio', label: 'C', group: 'ie2', options: SCALE },
    { name: 'notes', kind: 'long_text', label: 'Notes' },
  ],
};
const member = (label, tools, extra = {}, versions = {}) => ({ label, tools, extra, versions });

test('a change carries its sign and one decimal; none when a side has no mean', () => {
  assert.equal(signed(change(2, 4)), '+2.0');
  assert.equal(signed(change(3.5, 3)), '-0.5');
  assert.equal(signed(change(3, 3)), '0.0');
  assert.equal(signed(-0.0001), '0.0');
  assert.equal(signed(change(null, 3)), '');
  assert.equal(signed(0.125, 2), '+0.13');
  assert.equal(direction(1, 2), 'forward');
  assert.equal(direction(2, 1), 'back');
  assert.equal(direction(1, 1), 'same');
  assert.equal(direction(null, 1), null);
});

test('checklist position: no 0, in progress 1, yes 2, blanks aside', () => {
  assert.equal(checklistPosition(['no', 'yes', '']), 1);
  assert.equal(checklistPosition(['in_progress']), 1);
  assert.equal(checklistPosition(['']), null);
});

test('ratings of one member each side, with D/K on one side only and an item answered only later', () => {
  const before = [member('Jan', { [RATING.slug]: { a: '2', b: 'dk', notes: 'old' } })];
  const after = [member('Jul', { [RATING.slug]: { a: '4', b: '3', c: '5', notes: 'new' } })];
  const c = compareTool(RATING, before, after);
  const [a, b, cc, notes] = c.items;
  assert.deepEqual([a.before, a.after, a.present, signed(a.change)], ['2', '4', 'both', '+2.0']);
  // b: D/K before, 3 after: no mean before, so no change; the D/K counted apart.
  assert.deepEqual([b.before, b.after, b.change, b.stats.before.dk, b.stats.after.dk], ['D/K', '3', null, 1, 0]);
  assert.deepEqual([cc.before, cc.after, cc.present], ['', '5', 'after']);
  assert.deepEqual([notes.before, notes.after, notes.direction], ['old', 'new', 'changed']);
  // IE1 before: ratings {2} (D/K apart) → 2.0; after {4, 3} → 3.5; change +1.5. IE2: only after (5).
  const [ie1, ie2] = c.elements;
  assert.deepEqual([ie1.before.mean, ie1.before.dk, ie1.after.mean, ie1.after.dk, ie1.change], [2, 1, 3.5, 0, 1.5]);
  assert.deepEqual([ie2.before.mean, ie2.after.mean, ie2.change], [null, 5, null]);
  assert.equal(c.moves, null);
  const { most, least } = improvedMost(c.elements);
  assert.deepEqual([most.map((e) => e.code), least.map((e) => e.code)], [['IE1'], ['IE1']]);
});

test('several members each side pool their ratings as Team results does', () => {
  const t = (a, b) => ({ [RATING.slug]: { a, b } });
  const before = [member('Ana', t('1', '2')), member('Ben', t('3', 'dk'))];
  const after = [member('Ana', t('4', '4')), member('Ben', t('dk', 'dk')), member('Cy', t('5', ''))];
  const c = compareTool(RATING, before, after);
  // a: before (1+3)/2 = 2.0, after (4+5)/2 = 4.5, +2.5; D/K after 1.
  assert.deepEqual([c.items[0].stats.before.mean, c.items[0].stats.after.mean, signed(c.items[0].change)], [2, 4.5, '+2.5']);
  assert.equal(c.items[0].stats.after.dk, 1);
  assert.equal(c.items[0].after, '4 1, 5 1, D/K 1');
  // IE1 pooled: before {1,2,3} → 2.0 (1 D/K); after {4,4,5} → 4.333…; change 2.333…
  const ie1 = c.elements[0];
  assert.equal(ie1.before.mean, 2);
  assert.equal(ie1.before.dk, 1);
  assert.ok(Math.abs(ie1.after.mean - 13 / 3) < 1e-12);
  assert.equal(ie1.after.dk, 2);
  assert.equal(signed(ie1.change), '+2.3');
});

test('checklist items move forward, back or stay; answered on one side only counted apart', () => {
  const CL = { ...SPEC, fields: [SPEC.fields[0], { ...SPEC.fields[0], name: 'two', label: '2. Two' },
    { ...SPEC.fields[0], name: 'three', label: '3. Three' }, { ...SPEC.fields[0], name: 'four', label: '4. Four' }] };
  const before = [member('x', { [SPEC.slug]: { safe_space: 'no', two: 'yes', three: 'in_progress' } })];
  const after = [member('y', { [SPEC.slug]: { safe_space: 'yes', two: 'in_progress', three: 'in_progress', four: 'no' } })];
  const c = compareTool(CL, before, after);
  assert.deepEqual(c.items.map((i) => [i.before, i.after, i.direction]), [
    ['No', 'Yes', 'forward'], ['Yes', 'In Progress', 'back'], ['In Progress', 'In Progress', 'same'], ['', 'No', null]]);
  assert.deepEqual(c.moves, { forward: 1, back: 1, same: 1, onlyBefore: 0, onlyAfter: 1 });
});

test('answers of an older tool version compare on the fields both share, the rest named', () => {
  const team = buildTeam([{ name: 'old.json', doc: { format: 'ps-cope-answers', version: 1, exported: '2026-01-10T09:00:00Z',
    site: 'x', tools: { [RATING.slug]: { version: 1, updated: null, answers: { a: '3', gone: '4', b: '9' } } } } }], [RATING]);
  const after = [member('Jul', { [RATING.slug]: { a: '4' } })];
  const c = compareTool(RATING, team.members, after);
  assert.deepEqual(c.items.map((i) => [i.field.name, i.before, i.after]), [['a', '3', '4']]);
  assert.deepEqual(c.notCompared, ['b', 'gone']);
  assert.deepEqual(c.versions, [1]);
  assert.equal(compareTool(SPEC, team.members, after), null);
});

test('the CSV rows: elements then items, two decimals, signed changes kept as numbers', () => {
  const before = [member('Jan', { [RATING.slug]: { a: '2', b: 'dk' } })];
  const after = [member('Jul', { [RATING.slug]: { a: '4', b: '3' } })];
  const rows = compareCsvRows([compareTool(RATING, before, after)]);
  assert.deepEqual(rows.slice(1), [
    ['Tool 9', 'element IE1', 'Infrastructure 1', '', '', '', '2.00', '3.50', '+1.50', '1', '0', 'forward'],
    ['Tool 9', 'a', 'A', '2', '4', 'both', '2.00', '4.00', '+2.00', '0', '0', 'forward'],
    ['Tool 9', 'b', 'B', 'D/K', '3', 'both', '', '3.00', '', '1', '0', ''],
  ]);
  assert.equal(csvCell('+1.50'), '"+1.50"');
  assert.equal(csvCell('-0.50'), '"-0.50"');
  assert.equal(csvCell('-1+cmd'), '"\'-1+cmd"');
});

test('a set is dated by its files: the earliest and latest day', () => {
  assert.deepEqual(setDates(['2026-07-02T10:00:00Z', '2026-07-01T08:00:00Z', null]), { from: '2026-07-01', to: '2026-07-02' });
  assert.equal(setDates([null]), null);
});

test('snapshots: kept, read back, a refusal reported and nothing lost', () => {
  const store = new MemoryStorage();
  const snap = makeSnapshot({ [SPEC.slug]: { version: 3, updated: null, answers: { safe_space: 'no' } } }, '  January\n review ',
    '2026-01-15T10:00:00Z');
  assert.equal(snap.name, 'January review');
  assert.equal(makeSnapshot({}, '', '2026-01-15T10:00:00Z').name, 'Snapshot of 2026-01-15');
  saveSnapshots(store, 'p:', [snap]);
  assert.deepEqual(loadSnapshots(store, 'p:'), [snap]);
  store.refuse = true;
  assert.throws(() => saveSnapshots(store, 'p:', [snap, snap]), /no room left/);
  assert.equal(loadSnapshots(store, 'p:').length, 1);
  const doc = snapshotDocument(snap, 'x');
  assert.equal(doc.exported, '2026-01-15T10:00:00Z');
  assert.deepEqual(snapshotsIn({ snapshots: [snap, { name: 3 }] }), [snap]);
  assert.deepEqual(loadSnapshots(new MemoryStorage({ 'p:snapshots': '{bad' }), 'p:'), []);
});
