/* Answers files (pure): read and check the ps-cope-answers format, describe changes, build
   downloads. Format: docs/schemas/answers-v1.schema.json. Messages are plain sentences for
   the user; nothing here touches the page or storage. */

import { count, isObject, isoNow } from './format.js';

export const FORMAT = 'ps-cope-answers';
export const MAX_FILE_BYTES = 1024 * 1024;
/** The longest member name (who gave the answers, for Team results) a file may carry. */
export const MAX_MEMBER_LENGTH = 100;
const MAX_VALUE_LENGTH = 100000;
const FIELD_NAME = /^[a-z0-9_]+$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Throws the plain refusal for a file over the size limit. */
export function checkFileSize(name, size) {
  if (size > MAX_FILE_BYTES) {
    throw new Error('“' + name + '” is too large (' + (size / 1048576).toFixed(1)
      + ' MB). An answers file is at most 1 MB. Nothing was changed.');
  }
}

/** Parses and checks an answers file's envelope; throws an Error with a plain message. */
export function parseAnswersFile(name, text) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error('“' + name + '” is not an answers file (it is not valid JSON). Nothing was changed.');
  }
  if (!isObject(doc) || doc.format !== FORMAT || !isObject(doc.tools)) {
    throw new Error('“' + name + '” is not a PS-COPE answers file. Nothing was changed.');
  }
  if (doc.version !== 1) {
    throw new Error('“' + name + '” uses answers format version ' + String(doc.version)
      + '; this site reads version 1. Nothing was changed.');
  }
  if (Object.hasOwn(doc, 'member') && (typeof doc.member !== 'string' || doc.member.length > MAX_MEMBER_LENGTH)) {
    throw new Error('“' + name + '” has a member name that is not a short text. Nothing was changed.');
  }
  return doc;
}

/** Checks one tool's entry against its spec: {answers, extra, fromVersion}, or throws a plain
    message. Answers for names the tool does not have go to `extra`; empty values are dropped.
    Answers given against another version of the tool are not refused: `fromVersion` names it,
    and an answer this version no longer accepts is kept in `extra` (migrate.js) instead. */
export function checkEntry(spec, entry) {
  const fail = (why) => { throw new Error('The answers for ' + spec.title + ' ' + why + ' Nothing was changed.'); };
  if (!isObject(entry) || !isObject(entry.answers) || !Number.isInteger(entry.version) || entry.version < 1) {
    fail('are not in the expected form.');
  }
  const sameVersion = entry.version === spec.version;
  const fields = new Map(spec.fields.map((f) => [f.name, f]));
  const answers = {}, extra = {};
  for (const [name, value] of Object.entries(entry.answers)) {
    if (!FIELD_NAME.test(name) || name.length > 120 || name === '__proto__') fail('include an invalid field name.');
    if (typeof value !== 'string' || value.length > MAX_VALUE_LENGTH) fail('include a value for “' + name + '” that is not text.');
    if (value === '') continue;
    const field = fields.get(name);
    if (field && isValidAnswer(field, value)) answers[name] = value;
    else if (!field || !sameVersion) extra[name] = value;
    else fail('include “' + value.slice(0, 40) + '” for “' + name + '”, which is not a valid answer there.');
  }
  return { answers, extra, fromVersion: sameVersion ? null : entry.version };
}

/** Whether `value` may be stored for `field` (text is any text). */
export function isValidAnswer(field, value) {
  if (field.kind === 'radio') return field.options.some((o) => o.value === value);
  if (field.kind === 'checkbox') return value === 'yes';
  if (field.kind === 'date') return ISO_DATE.test(value);
  return true;
}

/** Names whose values differ between two answer maps. */
export function changedNames(a, b) {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((n) => (a[n] || '') !== (b[n] || ''));
}

/** 'n answers added, n changed, n removed' between two answer maps. */
export function describeChange(before, after) {
  let added = 0, changed = 0, removed = 0;
  for (const name of changedNames(before, after)) {
    if (!(name in before)) added++;
    else if (!(name in after)) removed++;
    else changed++;
  }
  return count(added, 'answer') + ' added, ' + changed + ' changed, ' + removed + ' removed';
}

/** A whole answers file holding `tools` (slug → entry), and the member's name if they gave one. */
export function answersDocument(tools, site, now = new Date(), member = '') {
  return Object.assign({ format: FORMAT, version: 1, exported: isoNow(now), site }, member ? { member } : {}, { tools });
}

/** One tool's entry for a download: its answers plus any kept for fields it does not have. */
export function exportEntry(spec, rec) {
  return { version: spec.version, updated: rec.updated, answers: Object.assign({}, rec.extra, rec.answers) };
}
