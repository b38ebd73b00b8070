import assert from 'node:assert/strict';
import { test } from 'node:test';

import { describeMigration, migrateRecord, sortAnswers } from '../../docs/javascripts/migrate.js';
import { SPEC } from './fixtures.mjs';

test('sortAnswers keeps what the tool still has and accepts, and keeps the rest aside', () => {
  assert.deepEqual(sortAnswers(SPEC, {
    safe_space: 'no', agree: 'no', reviewed_on: 'soon', old_question: 'text', notes: '', people_3_name: 'Ann',
  }), {
    answers: { safe_space: 'no', people_3_name: 'Ann' },
    extra: { agree: 'no', reviewed_on: 'soon', old_question: 'text' },
  });
});

test('migrateRecord moves a record to the current version; answers kept aside before may fit again', () => {
  const rec = { version: 1, updated: '2025-06-01T00:00:00Z', answers: { dropped: 'x' }, extra: { notes: 'back again' } };
  assert.deepEqual(migrateRecord(SPEC, rec), {
    version: 3, updated: '2025-06-01T00:00:00Z', answers: { notes: 'back again' }, extra: { dropped: 'x' },
  });
});

test('describeMigration says what carried over and what was kept aside', () => {
  assert.equal(describeMigration(SPEC, 1, { answers: { a: '1' }, extra: {} }),
    'Sample Checklist has changed since these answers were given (tool version 1, now 3): 1 answer carried over.');
  assert.equal(describeMigration(SPEC, 2, { answers: {}, extra: { b: '2' } }),
    'Sample Checklist has changed since these answers were given (tool version 2, now 3): 0 answers carried '
    + 'over; 1 for fields the tool no longer has (or no longer accepts) is kept below and included in your downloads.');
});
