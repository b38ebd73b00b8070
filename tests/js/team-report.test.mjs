// Team results and the CSV against hand-computed values (written out here).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { csvCell, csvText } from '../../docs/javascripts/csv.js';
import {
  CSV_HEADER, answerText, checklistTotals, csvRows, elementProfile, fieldClass, itemLabel, startingPoint,
  toolResults,
} from '../../docs/javascripts/team-report.js';
import { SPEC } from './fixtures.mjs';

const SCALE = [['1', 'Strongly Disagree'], ['2', 'Disagree'], ['3', 'Neutral'], ['4', 'Agree'],
  ['5', 'Strongly Agree'], ['dk', 'D/K']].map(([value, label]) => ({ value, label }));
const rating = (name, group, text) => ({ name, kind: 'radio', label: text, options: SCALE, group });
const RATINGS = {
  slug: '09-mini', number: 9, title: 'Mini Assessment', version: 1, element: 'IS2', page: 'tools/09-mini/',
  pdf: 'pdf/x.pdf', chapter: 'x/#is2',
  groups: [{ id: 'section-1', heading: 'Section 1' },
    { id: 'ie1', heading: 'Infrastructure 1: Data.', element: 'IE1', parent: 'section-1' },
    { id: 'ie2', heading: 'Infrastructure 2: Safety.', element: 'IE2', parent: 'section-1' }],
  fields: [rating('a1', 'ie1', 'Infrastructure 1: Data. — has a system'), rating('a2', 'ie1', 'Infrastructure 1: Data. — uses it'),
    rating('b1', 'ie2', 'Infrastructure 2: Safety. — is safe'),
    { name: 'notes', kind: 'long_text', label: 'Notes:', group: 'section-1' }],
  rows: [],
};
const member = (label, tools) => ({ label, key: label.toLowerCase(), files: [label + '.json'], tools });
const TEAM = [
  member('Ana', { '09-mini': { a1: '4', a2: '5', b1: '2', notes: 'Ana note' },
    '02-sample': { safe_space: 'yes', agree: 'yes', people_1_name: 'Kim', people_1_role: 'Chief' } }),
  member('Ben', { '09-mini': { a1: '2', a2: 'dk', b1: '3' },
    '02-sample': { safe_space: 'no', agree: 'yes', reviewed_on: '2026-01-31' } }),
  member('Cy', { '09-mini': { a1: '5', a2: '4', notes: '=cmd' } }),
  member('Dee', {}),
];

test('fields are summed up by kind', () => {
  assert.deepEqual(RATINGS.fields.map(fieldClass), ['rating', 'rating', 'rating', 'text']);
  assert.deepEqual(SPEC.fields.slice(0, 4).map(fieldClass), ['choice', 'text', 'tick', 'text']);
});

test('a rating tool: who answered, the items in reading order with their statistics, blanks', () => {
  const results = toolResults(RATINGS, TEAM);
  assert.deepEqual(results.members.map((m) => m.label), ['Ana', 'Ben', 'Cy']);
  assert.deepEqual(results.missing.map((m) => m.label), ['Dee']);
  assert.deepEqual(results.parts.map((p) => [p.kind, p.group, p.items.map((i) => i.field.name)]),
    [['rating', 'ie1', ['a1', 'a2']], ['rating', 'ie2', ['b1']], ['text', 'section-1', ['notes']]]);
  const [a1, a2] = results.parts[0].items;
  // a1: 4, 2, 5 → mean 11/3, median 4, spread 3; a2: 5, D/K, 4 → mean 4.5, median 4.5.
  assert.deepEqual([a1.stats.n, a1.stats.mean, a1.stats.median, a1.stats.dk, a1.stats.disagree], [3, 11 / 3, 4, 0, true]);
  assert.deepEqual([a2.stats.n, a2.stats.mean, a2.stats.median, a2.stats.dk, a2.stats.disagree], [2, 4.5, 4.5, 1, false]);
  assert.deepEqual(results.parts[2].items[0].answers, ['Ana note', '', '=cmd']);
  assert.deepEqual(results.blanks.map((b) => [b.member.label, b.blank, b.of]), [['Cy', 1, 3]]);
  assert.equal(results.unanswered, 0);
});

test('the element profile: pooled mean, member averages, D/K share, disputed items', () => {
  // IE1: Ana 4 5 (4.5), Ben 2 D/K (2), Cy 5 4 (4.5) → 20 / 5 = 4.0, D/K 1 of 6 answers.
  // IE2: Ana 2, Ben 3, Cy blank → 2.5; no D/K.
  assert.deepEqual(elementProfile(toolResults(RATINGS, TEAM)), [
    { code: 'IE1', heading: 'Infrastructure 1: Data.', items: 2, disputed: 1, n: 5, dk: 1, answered: 6, mean: 4,
      low: 2, high: 4.5, dkShare: 1 / 6 },
    { code: 'IE2', heading: 'Infrastructure 2: Safety.', items: 1, disputed: 0, n: 2, dk: 0, answered: 2, mean: 2.5,
      low: 2, high: 3, dkShare: 0 },
  ]);
});

test('the starting point: medians rounded down, disagreements and differing text left open', () => {
  const point = startingPoint(toolResults(RATINGS, TEAM));
  assert.deepEqual(point.answers, { a2: '4', b1: '2' }); // a2 median 4.5 → 4; b1 median 2.5 → 2
  assert.deepEqual(point.open.map((o) => o.field.name), ['a1', 'notes']);
});

test('a checklist with a date, a tick box and a table: counts, shares and the starting point', () => {
  const results = toolResults(SPEC, TEAM);
  assert.deepEqual(results.members.map((m) => m.label), ['Ana', 'Ben']);
  assert.deepEqual(results.parts.map((p) => p.kind), ['choice', 'text', 'tick', 'rows']);
  assert.deepEqual(results.parts[0].items[0].stats.counts, { yes: 1, in_progress: 0, no: 1 });
  assert.equal(results.parts[0].items[0].stats.differ, true);
  assert.deepEqual(results.parts[3].rows.map((r) => [r.member.label, r.n, r.cells]), [['Ana', 1, ['Kim', 'Chief']]]);
  assert.deepEqual(checklistTotals(results), { counts: { yes: 1, in_progress: 0, no: 1 }, answered: 2, items: 1 });
  assert.equal(checklistTotals(toolResults(RATINGS, TEAM)), null);
  const point = startingPoint(results);
  assert.deepEqual(point.answers, { reviewed_on: '2026-01-31', agree: 'yes', people_1_name: 'Kim', people_1_role: 'Chief' });
  assert.deepEqual(point.open.map((o) => o.field.name), ['safe_space']);
});

test('tables filled in differently by two members are left for the team', () => {
  const two = [member('A', { '02-sample': { people_1_name: 'Kim' } }), member('B', { '02-sample': { people_2_name: 'Lee' } })];
  const point = startingPoint(toolResults(SPEC, two));
  assert.deepEqual(point.answers, {});
  assert.deepEqual(point.open.map((o) => o.table.id), ['people']);
});

test('an empty tool: nothing to show or adopt, and one member alone is the team', () => {
  const empty = toolResults(RATINGS, [member('Solo', { '09-mini': {} })]);
  assert.deepEqual(empty.parts, []);
  assert.equal(empty.unanswered, 3);
  assert.deepEqual(startingPoint(empty), { answers: {}, open: [] });
  const solo = toolResults(RATINGS, [member('Solo', { '09-mini': { a1: '3', a2: 'dk', notes: 'x' } })]);
  assert.deepEqual(startingPoint(solo).answers, { a1: '3', a2: 'dk', notes: 'x' });
});

test('labels drop the group heading shown above them; answers read as on the form', () => {
  assert.equal(itemLabel(RATINGS, RATINGS.fields[0]), 'has a system');
  assert.equal(itemLabel(RATINGS, RATINGS.fields[3]), 'Notes:');
  assert.equal(answerText(RATINGS.fields[0], 'dk'), 'D/K');
  assert.equal(answerText(RATINGS.fields[0], '4'), '4');
  assert.equal(answerText(SPEC.fields[0], 'in_progress'), 'In Progress');
  assert.equal(answerText(SPEC.fields[2], 'yes'), 'Ticked');
  assert.equal(answerText(SPEC.fields[3], ''), '');
});

test('the CSV: one row per member per answered field, then the item’s statistics', () => {
  const rows = csvRows([toolResults(RATINGS, TEAM)]);
  const blank9 = ['', '', '', '', '', '', '', '', ''];
  assert.deepEqual(rows[0], CSV_HEADER);
  assert.deepEqual(rows.slice(1, 5), [
    ['answer', 'Tool 9', 'a1', 'Infrastructure 1: Data. — has a system', 'Ana', '4', ...blank9],
    ['answer', 'Tool 9', 'a1', 'Infrastructure 1: Data. — has a system', 'Ben', '2', ...blank9],
    ['answer', 'Tool 9', 'a1', 'Infrastructure 1: Data. — has a system', 'Cy', '5', ...blank9],
    ['statistics', 'Tool 9', 'a1', 'Infrastructure 1: Data. — has a system', 'All members', '',
      '3', '3', '3.67', '4', '0', '2', '5', '1: 0; 2: 1; 3: 0; 4: 1; 5: 1; D/K: 0', 'yes'],
  ]);
  assert.deepEqual(rows[8], ['statistics', 'Tool 9', 'a2', 'Infrastructure 1: Data. — uses it', 'All members', '',
    '3', '2', '4.50', '4.5', '1', '4', '5', '1: 0; 2: 0; 3: 0; 4: 1; 5: 1; D/K: 1', 'no']);
  assert.deepEqual(rows.slice(13).map((r) => [r[0], r[2], r[4], r[5]]), [
    ['answer', 'notes', 'Ana', 'Ana note'], ['answer', 'notes', 'Ben', ''], ['answer', 'notes', 'Cy', '=cmd']]);
  assert.equal(rows.length, 16);
  const checklist = csvRows([toolResults(SPEC, TEAM)]);
  assert.deepEqual(checklist[3], ['statistics', 'Tool 2', 'safe_space', '1. Safe space', 'All members', '',
    '2', '', '', '', '', '', '', 'Yes: 1; In Progress: 0; No: 1', 'yes']);
  assert.deepEqual(checklist.find((r) => r[0] === 'statistics' && r[2] === 'agree').slice(6),
    ['2', '', '', '', '', '', '', 'Ticked: 2', 'no']);
});

test('CSV text: BOM, every cell quoted, quotes doubled, formulas kept as text, CRLF', () => {
  assert.equal(csvCell('=1+1'), '"\'=1+1"');
  for (const start of ['+', '-', '@']) assert.equal(csvCell(start + 'x'), '"\'' + start + 'x"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('3.67'), '"3.67"');
  assert.equal(csvText([['a', 'b'], ['line\nbreak', 'é']]), '\uFEFF"a","b"\r\n"line\nbreak","é"\r\n');
});
