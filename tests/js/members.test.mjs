import assert from 'node:assert/strict';
import { test } from 'node:test';

import { answersDocument, parseAnswersFile } from '../../docs/javascripts/answers.js';
import { buildTeam, memberName } from '../../docs/javascripts/members.js';
import { SPEC } from './fixtures.mjs';

const doc = (answers, member, extraTools = {}) => ({
  format: 'ps-cope-answers', version: 1, exported: '2026-11-26T10:00:00Z', site: 'x',
  ...(member === undefined ? {} : { member }),
  tools: { [SPEC.slug]: { version: SPEC.version, updated: null, answers }, ...extraTools },
});
const summary = (team) => team.files.map((f) => [f.name, f.status, f.member ? f.member.label : null]);

test('an answers file carries the member’s name only when they gave one', () => {
  const now = new Date(Date.UTC(2026, 10, 26, 14, 5, 7));
  assert.deepEqual(answersDocument({}, 's', now, 'Ana'),
    { format: 'ps-cope-answers', version: 1, exported: '2026-11-26T14:05:07Z', site: 's', member: 'Ana', tools: {} });
  assert.ok(!('member' in answersDocument({}, 's', now)));
  assert.ok(!('member' in answersDocument({}, 's', now, '')));
});

test('a file’s member name must be short text, or the file is refused', () => {
  const file = (member) => JSON.stringify({ format: 'ps-cope-answers', version: 1, member, tools: {} });
  assert.equal(parseAnswersFile('a.json', file('Ana')).member, 'Ana');
  assert.equal(parseAnswersFile('a.json', file('x'.repeat(100))).member.length, 100);
  for (const bad of ['x'.repeat(101), 5, null, ['Ana'], { name: 'Ana' }]) {
    assert.throws(() => parseAnswersFile('a.json', file(bad)),
      { message: '“a.json” has a member name that is not a short text. Nothing was changed.' }, String(bad));
  }
});

test('memberName tidies the name a file carries and ignores anything else', () => {
  assert.equal(memberName({ member: '  Ana \n Ruiz ' }), 'Ana Ruiz');
  assert.equal(memberName({ member: 'x'.repeat(150) }).length, 100);
  assert.equal(memberName({ member: 5 }), '');
  assert.equal(memberName({}), '');
});

test('good files are counted, a bad one among them is listed with its reason', () => {
  const team = buildTeam([
    { name: 'ana.json', doc: doc({ safe_space: 'yes' }, 'Ana') },
    { name: 'bad.json', doc: doc({ safe_space: 'maybe' }, 'Bo') },
    { name: 'broken.json', error: new Error('“broken.json” is not a PS-COPE answers file. Nothing was changed.') },
    { name: 'other.json', doc: { ...doc({}), tools: { '99-nope': { version: 1, answers: {} } } } },
    { name: 'empty.json', doc: { ...doc({}), tools: {} } },
    { name: 'ben.json', doc: doc({ safe_space: 'no', notes: 'n' }, 'Ben') },
  ], [SPEC]);
  assert.deepEqual(summary(team), [
    ['ana.json', 'counted', 'Ana'], ['bad.json', 'refused', null], ['broken.json', 'refused', null],
    ['other.json', 'refused', null], ['empty.json', 'refused', null], ['ben.json', 'counted', 'Ben'],
  ]);
  assert.deepEqual(team.files.map((f) => f.note).slice(1, 5), [
    'The answers for Sample Checklist include “maybe” for “safe_space”, which is not a valid answer there.',
    '“broken.json” is not a PS-COPE answers file.',
    '“other.json” holds answers for a tool this site does not have (99-nope).',
    '“empty.json” holds no answers.',
  ]);
  assert.deepEqual(team.members.map((m) => [m.label, m.tools]), [
    ['Ana', { [SPEC.slug]: { safe_space: 'yes' } }],
    ['Ben', { [SPEC.slug]: { safe_space: 'no', notes: 'n' } }],
  ]);
});

test('the same answers loaded twice are counted once, even re-exported later', () => {
  const again = { ...doc({ safe_space: 'yes' }, 'ana'), exported: '2026-12-01T00:00:00Z' };
  const team = buildTeam([
    { name: 'ana.json', doc: doc({ safe_space: 'yes' }, 'Ana') },
    { name: 'ana (1).json', doc: again },
    { name: 'x.pdf', doc: doc({ safe_space: 'no' }) },
    { name: 'y.pdf', doc: doc({ safe_space: 'no' }) },
  ], [SPEC]);
  assert.deepEqual(summary(team), [
    ['ana.json', 'counted', 'Ana'], ['ana (1).json', 'duplicate', 'Ana'], ['x.pdf', 'counted', 'x'], ['y.pdf', 'duplicate', 'x'],
  ]);
  assert.equal(team.files[1].note, 'Same answers as “ana.json”: counted once.');
  assert.equal(team.members.length, 2);
});

test('files of one member merge; other answers under the same name count as another member', () => {
  const tool9 = { '09-other': { version: 1, updated: null, answers: { a: '4' } } };
  const spec9 = { ...SPEC, slug: '09-other', version: 1, fields: [{ name: 'a', kind: 'radio', label: 'A',
    options: [{ value: '4', label: '4' }, { value: '5', label: '5' }] }] };
  const team = buildTeam([
    { name: 'ana-2.json', doc: doc({ safe_space: 'yes' }, 'Ana') },
    { name: 'ana-9.json', doc: { ...doc({}, 'Ana'), tools: tool9 } },
    { name: 'officer-a.json', doc: doc({ safe_space: 'no' }, 'Officer') },
    { name: 'officer-b.json', doc: doc({ safe_space: 'in_progress' }, 'officer') },
    { name: 'unnamed.json', doc: doc({}) },
    { name: 'unnamed.json', doc: doc({ notes: 'x' }) },
  ], [SPEC, spec9]);
  assert.deepEqual(summary(team), [
    ['ana-2.json', 'counted', 'Ana'], ['ana-9.json', 'counted', 'Ana'], ['officer-a.json', 'counted', 'Officer'],
    ['officer-b.json', 'counted', 'officer (2)'], ['unnamed.json', 'counted', 'unnamed'],
    ['unnamed.json', 'counted', 'unnamed (2)'],
  ]);
  assert.deepEqual(team.members[0].tools, { [SPEC.slug]: { safe_space: 'yes' }, '09-other': { a: '4' } });
  assert.deepEqual(team.members[0].files, ['ana-2.json', 'ana-9.json']);
  assert.equal(team.files[3].note, '“officer-a.json” has other answers from “officer” to the same tool, so this '
    + 'file counts as another member. Remove one of them if they are the same person.');
  assert.equal(team.files[4].note, 'The file carries no name, so it is shown by its file name.');
});

test('answers for fields a tool does not have are left out and said so', () => {
  const team = buildTeam([{ name: 'a.json', doc: doc({ safe_space: 'yes', gone: 'x', gone_too: 'y' }, 'A') }], [SPEC]);
  assert.deepEqual(team.members[0].tools[SPEC.slug], { safe_space: 'yes' });
  assert.equal(team.files[0].note, '2 answers for fields the tools do not have were left out.');
});
