/* Answers across tool versions (pure). When a tool's definition changes (its `version` is
   raised), answers whose field still exists and still accepts the value carry over; every other
   answer is kept aside (a record's `extra`), shown on the page and included in downloads. */

import { isValidAnswer } from './answers.js';

/** Sorts `answers` (given against any version) for `spec`: {answers, extra}. */
export function sortAnswers(spec, answers) {
  const fields = new Map(spec.fields.map((f) => [f.name, f]));
  const kept = {}, aside = {};
  for (const [name, value] of Object.entries(answers)) {
    if (value === '') continue;
    const field = fields.get(name);
    if (field && isValidAnswer(field, value)) kept[name] = value;
    else aside[name] = value;
  }
  return { answers: kept, extra: aside };
}

/** A saved record of another version as a record of `spec`'s version; what was kept aside
    before may fit again. */
export function migrateRecord(spec, rec) {
  const sorted = sortAnswers(spec, Object.assign({}, rec.extra, rec.answers));
  return { version: spec.version, updated: rec.updated, answers: sorted.answers, extra: sorted.extra };
}

/** The plain report of a migration: how many answers carried over and how many were kept aside. */
export function describeMigration(spec, fromVersion, rec) {
  const carried = Object.keys(rec.answers).length;
  const aside = Object.keys(rec.extra).length;
  return spec.title + ' has changed since these answers were given (tool version ' + String(fromVersion)
    + ', now ' + spec.version + '): ' + carried + ' answer' + (carried === 1 ? '' : 's') + ' carried over'
    + (aside ? '; ' + aside + ' for fields the tool no longer has (or no longer accepts) '
      + (aside === 1 ? 'is' : 'are') + ' kept below and included in your downloads' : '') + '.';
}
