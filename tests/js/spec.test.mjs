import assert from 'node:assert/strict';
import { test } from 'node:test';

import { clock, count, isObject, isoNow, localDay } from '../../docs/javascripts/format.js';
import { rowCounts, rowFieldName, rowIndex, rowsNotPrinted, toolName } from '../../docs/javascripts/spec.js';
import { SPEC } from './fixtures.mjs';

test('toolName and rowFieldName', () => {
  assert.equal(toolName(SPEC), 'Tool 2: Sample Checklist');
  assert.equal(rowFieldName('idea_1_actions', 3, 'lead'), 'idea_1_actions_3_lead');
});

test('rowIndex maps every cell up to max_rows to its table and row', () => {
  const rowOf = rowIndex(SPEC);
  assert.equal(rowOf.size, 6);
  assert.deepEqual(rowOf.get('people_3_role'), [SPEC.rows[0], 3]);
  assert.equal(rowOf.get('people_4_role'), undefined);
  assert.equal(rowOf.get('notes'), undefined);
});

test('rowCounts: printed rows when fitting, more for answers in later rows, never fewer than shown', () => {
  const rowOf = rowIndex(SPEC);
  const table = SPEC.rows[0];
  const counts = (answers, fit, shown) => rowCounts(SPEC, rowOf, answers, fit, () => shown).get(table);
  assert.equal(counts({}, true, 3), 1);
  assert.equal(counts({ people_2_name: 'x' }, true, 3), 2);
  assert.equal(counts({}, false, 3), 3);
  assert.equal(counts({ people_3_name: 'x', notes: 'y' }, false, 1), 3);
});

test('format helpers', () => {
  assert.equal(isoNow(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 999))), '2026-01-02T03:04:05Z');
  assert.equal(localDay(new Date(2026, 0, 2, 23, 59)), '2026-01-02');
  assert.equal(clock(new Date(2026, 0, 2, 7, 5).toISOString()), '07:05');
  assert.equal(count(1, 'answer'), '1 answer');
  assert.equal(count(0, 'answer'), '0 answers');
  assert.ok(isObject({}) && !isObject([]) && !isObject(null) && !isObject('x'));
});

test('rowsNotPrinted names answers in rows beyond the printed ones', () => {
  assert.deepEqual(rowsNotPrinted(SPEC, { people_1_name: 'a', people_2_role: 'b', people_3_name: 'c', notes: 'n' }),
    ['people_2_role', 'people_3_name']);
  assert.deepEqual(rowsNotPrinted(SPEC, { people_1_name: 'a', notes: 'n' }), []);
});
