import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  answersDocument, changedNames, checkEntry, checkFileSize, describeChange, exportEntry,
  isValidAnswer, parseAnswersFile,
} from '../../docs/javascripts/answers.js';
import { SPEC } from './fixtures.mjs';

const entry = (answers, version = 3) => ({ version, updated: null, answers });
const refusal = (fn) => { try { fn(); } catch (e) { return e.message; } return null; };

test('parseAnswersFile reads a version 1 answers file', () => {
  const doc = parseAnswersFile('a.json', '{"format":"ps-cope-answers","version":1,"tools":{}}');
  assert.deepEqual(doc.tools, {});
});

test('parseAnswersFile refuses what is not an answers file, with one plain sentence', () => {
  assert.equal(refusal(() => parseAnswersFile('a.json', '{not json')),
    '“a.json” is not an answers file (it is not valid JSON). Nothing was changed.');
  for (const text of ['[]', 'null', '"x"', '{"format":"other","version":1,"tools":{}}',
    '{"format":"ps-cope-answers","version":1,"tools":[]}', '{"format":"ps-cope-answers","version":1}']) {
    assert.equal(refusal(() => parseAnswersFile('a.json', text)),
      '“a.json” is not a PS-COPE answers file. Nothing was changed.', text);
  }
  assert.equal(refusal(() => parseAnswersFile('b.json', '{"format":"ps-cope-answers","version":2,"tools":{}}')),
    '“b.json” uses answers format version 2; this site reads version 1. Nothing was changed.');
});

test('checkFileSize refuses files over 1 MB before they are read', () => {
  assert.equal(refusal(() => checkFileSize('ok.json', 1024 * 1024)), null);
  assert.equal(refusal(() => checkFileSize('big.json', 1024 * 1024 + 1)),
    '“big.json” is too large (1.0 MB). An answers file is at most 1 MB. Nothing was changed.');
});

test('checkEntry keeps valid answers, drops empty ones and keeps unknown fields aside', () => {
  const checked = checkEntry(SPEC, entry({
    safe_space: 'in_progress', reviewed_on: '2026-01-31', agree: 'yes', notes: '<b>x</b>',
    people_3_role: 'Chief', gone_field: 'old answer', notes_2: '',
  }));
  assert.deepEqual(checked.answers, {
    safe_space: 'in_progress', reviewed_on: '2026-01-31', agree: 'yes', notes: '<b>x</b>', people_3_role: 'Chief',
  });
  assert.deepEqual(checked.extra, { gone_field: 'old answer' });
});

test('checkEntry refuses hostile and invalid entries', () => {
  const cases = [
    [null, 'are not in the expected form.'],
    [{ version: 3, answers: [] }, 'are not in the expected form.'],
    [entry({}, '3'), 'are not in the expected form.'],
    [entry({}, 0), 'are not in the expected form.'],
    [entry({}, 2.5), 'are not in the expected form.'],
    [entry({ 'Bad Name': 'x' }), 'include an invalid field name.'],
    [entry({ ['a'.repeat(121)]: 'x' }), 'include an invalid field name.'],
    [JSON.parse('{"version":3,"answers":{"__proto__":"x"}}'), 'include an invalid field name.'],
    [entry({ notes: 5 }), 'include a value for “notes” that is not text.'],
    [entry({ notes: { toString: 'x' } }), 'include a value for “notes” that is not text.'],
    [entry({ notes: 'x'.repeat(100001) }), 'include a value for “notes” that is not text.'],
    [entry({ safe_space: 'maybe' }), 'include “maybe” for “safe_space”, which is not a valid answer there.'],
    [entry({ agree: 'no' }), 'include “no” for “agree”, which is not a valid answer there.'],
    [entry({ reviewed_on: '31/01/2026' }), 'include “31/01/2026” for “reviewed_on”, which is not a valid answer there.'],
  ];
  for (const [bad, why] of cases) {
    assert.equal(refusal(() => checkEntry(SPEC, bad)),
      'The answers for Sample Checklist ' + why + ' Nothing was changed.', JSON.stringify(bad));
  }
  assert.equal(Object.prototype.x, undefined);
});

test('checkEntry takes answers given against another tool version, keeping aside what no longer fits', () => {
  const checked = checkEntry(SPEC, entry({
    safe_space: 'maybe', reviewed_on: '2026-02-03', agree: 'true', removed_item: 'yes', notes: 'n',
  }, 1));
  assert.deepEqual(checked.answers, { reviewed_on: '2026-02-03', notes: 'n' });
  assert.deepEqual(checked.extra, { safe_space: 'maybe', agree: 'true', removed_item: 'yes' });
  assert.equal(checked.fromVersion, 1);
  assert.equal(checkEntry(SPEC, entry({ notes: 'n' })).fromVersion, null);
  assert.equal(refusal(() => checkEntry(SPEC, entry({ notes: 7 }, 1))),
    'The answers for Sample Checklist include a value for “notes” that is not text. Nothing was changed.');
});

test('a long invalid value is quoted only in part', () => {
  const message = refusal(() => checkEntry(SPEC, entry({ safe_space: 'y'.repeat(60) })));
  assert.ok(message.includes('“' + 'y'.repeat(40) + '”'));
});

test('isValidAnswer knows each kind', () => {
  const [radio, date, box, text] = SPEC.fields;
  assert.ok(isValidAnswer(radio, 'no') && !isValidAnswer(radio, 'No'));
  assert.ok(isValidAnswer(date, '2026-12-01') && !isValidAnswer(date, '2026-12-1'));
  assert.ok(isValidAnswer(box, 'yes') && !isValidAnswer(box, 'true'));
  assert.ok(isValidAnswer(text, 'anything at all'));
});

test('describeChange counts added, changed and removed answers', () => {
  assert.deepEqual(changedNames({ a: '1', b: '2' }, { a: '1', b: '3', c: '4' }), ['b', 'c']);
  assert.equal(describeChange({}, { a: '1' }), '1 answer added, 0 changed, 0 removed');
  assert.equal(describeChange({ a: '1', b: '2', c: '3' }, { a: '9', d: '4', e: '5' }),
    '2 answers added, 1 changed, 2 removed');
  assert.equal(describeChange({ a: '1' }, { a: '1' }), '0 answers added, 0 changed, 0 removed');
});

test('answersDocument and exportEntry make the published format', () => {
  const rec = { version: 3, updated: '2026-11-26T10:00:00Z', answers: { notes: 'n' }, extra: { old: 'o', notes: 'stale' } };
  const doc = answersDocument({ [SPEC.slug]: exportEntry(SPEC, rec) }, 'https://example.org/site/',
    new Date(Date.UTC(2026, 10, 26, 14, 5, 7, 345)));
  assert.deepEqual(doc, {
    format: 'ps-cope-answers', version: 1, exported: '2026-11-26T14:05:07Z', site: 'https://example.org/site/',
    tools: { '02-sample': { version: 3, updated: '2026-11-26T10:00:00Z', answers: { old: 'o', notes: 'n' } } },
  });
});
