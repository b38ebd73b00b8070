import assert from 'node:assert/strict';
import { test } from 'node:test';

import { carriedAnswers, carriedLines, elementSummary } from '../../docs/javascripts/carried.js';

const SPEC = {
  groups: [{ id: 's1', heading: 'Section 1' }, { id: 'ie1', heading: 'Infrastructure 1', element: 'IE1' },
    { id: 'ie2', heading: 'Infrastructure 2', element: 'IE2' }, { id: 'cc1', heading: 'Component 1', element: 'CC1' }],
  fields: [
    { name: 'a', group: 'ie1' }, { name: 'b', group: 'ie1' },
    { name: 'c', group: 'ie2' }, { name: 'd', group: 'ie2' },
    { name: 'e', group: 'cc1' }, { name: 'notes', group: 's1' },
  ],
};

test('elementSummary: means without D/K; strongest and weakest named; unrated elements left out', () => {
  const summary = elementSummary(SPEC, { a: '4', b: '5', c: '2', d: 'dk', notes: '5' });
  assert.deepEqual(summary.elements.map((e) => [e.element, e.mean, e.rated]), [['IE1', 4.5, 2], ['IE2', 2, 1], ['CC1', null, 0]]);
  assert.deepEqual(summary.strongest.map((e) => e.element), ['IE1']);
  assert.deepEqual(summary.weakest.map((e) => e.element), ['IE2']);
});

test('elementSummary: ties kept together; nothing rated gives empty lists', () => {
  const tied = elementSummary(SPEC, { a: '3', c: '3', e: '1' });
  assert.deepEqual(tied.strongest.map((e) => e.element), ['IE1', 'IE2']);
  assert.deepEqual(tied.weakest.map((e) => e.element), ['CC1']);
  const none = elementSummary(SPEC, { a: 'dk' });
  assert.deepEqual([none.strongest, none.weakest], [[], []]);
});

test('carriedLines and carriedAnswers', () => {
  assert.deepEqual(carriedLines({ x: '  First idea \n\n- Second idea\r\n', y: 'Third' }, ['x', 'y', 'z']),
    ['First idea', '- Second idea', 'Third']);
  assert.deepEqual(carriedAnswers({ g1: 'Goal one', g3: 'Goal three', g2: '' }, ['g1', 'g2', 'g3']),
    [{ name: 'g1', value: 'Goal one' }, { name: 'g3', value: 'Goal three' }]);
});
