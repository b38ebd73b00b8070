import assert from 'node:assert/strict';
import { test } from 'node:test';

import { nextUnanswered, progressUnits, suggestedTool, toolProgress } from '../../docs/javascripts/progress.js';

// Hand-made: two questions, a question-table row of two cells, a rows table of 2×2 cells, notes.
const SPEC = {
  slug: '05-x', number: 5, fields: [
    { name: 'q1', kind: 'radio', unit: 'q1' },
    { name: 'q2', kind: 'radio', unit: 'q2' },
    { name: 'row_a_source', kind: 'text', unit: 'row_a' },
    { name: 'row_a_date', kind: 'date', unit: 'row_a' },
    { name: 'team_1_name', kind: 'text', unit: 'team' },
    { name: 'team_1_role', kind: 'text', unit: 'team' },
    { name: 'team_2_name', kind: 'text', unit: 'team' },
    { name: 'team_2_role', kind: 'text', unit: 'team' },
    { name: 'notes', kind: 'long_text' },
  ],
};

test('units: a question, a question-table row, a whole rows table; notes not counted', () => {
  assert.deepEqual(progressUnits(SPEC).map((u) => u.id), ['q1', 'q2', 'row_a', 'team']);
  assert.deepEqual(toolProgress(SPEC, {}), { answered: 0, total: 4 });
  assert.deepEqual(toolProgress(SPEC, { notes: 'only notes' }), { answered: 0, total: 4 });
  assert.deepEqual(toolProgress(SPEC, { q2: 'yes', row_a_date: '2026-01-01', team_2_role: 'Chief' }),
    { answered: 3, total: 4 });
  assert.deepEqual(toolProgress(SPEC, { q1: 'no', q2: 'yes', row_a_source: 'x', team_1_name: 'A' }),
    { answered: 4, total: 4 });
});

test('nextUnanswered goes forward from a field and wraps around', () => {
  const answers = { q2: 'yes', team_1_name: 'A' };
  assert.equal(nextUnanswered(SPEC, answers), 'q1');
  assert.equal(nextUnanswered(SPEC, answers, 'q1'), 'row_a_source');
  assert.equal(nextUnanswered(SPEC, answers, 'row_a_date'), 'q1');
  assert.equal(nextUnanswered(SPEC, { q1: 'a', q2: 'b', row_a_date: 'c', team_2_role: 'd' }), null);
});

test('suggestedTool: the first started and unfinished tool in order, else the first not started', () => {
  const specs = [{ slug: 'c', number: 3 }, { slug: 'a', number: 1 }, { slug: 'b', number: 2 }];
  assert.equal(suggestedTool(specs, { a: { answered: 2, total: 2 }, b: { answered: 0, total: 5 }, c: { answered: 1, total: 4 } }).slug, 'c');
  assert.equal(suggestedTool(specs, { a: { answered: 2, total: 2 }, b: { answered: 0, total: 5 }, c: { answered: 0, total: 4 } }).slug, 'b');
  assert.equal(suggestedTool(specs, { a: { answered: 2, total: 2 }, b: { answered: 5, total: 5 }, c: { answered: 4, total: 4 } }), null);
});
