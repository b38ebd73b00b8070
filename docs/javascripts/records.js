/* Saved records (pure): the shape one tool's answers take in browser storage,
   {version, updated, answers, extra}, with `extra` holding answers for fields the tool does not have. */

import { isObject } from './format.js';

export const emptyRecord = (spec) => ({ version: spec.version, updated: null, answers: {}, extra: {} });

/** Whether a record holds nothing worth keeping. */
export const isEmptyRecord = (rec) => !Object.keys(rec.answers).length && !Object.keys(rec.extra).length;

/** Whether a record has changes not in a backup made at `lastBackup` (ISO time, or null). */
export const needsBackup = (rec, lastBackup) => !isEmptyRecord(rec) && !!rec.updated
  && (!lastBackup || rec.updated > lastBackup);

/** A stored record from its JSON text, or throws if it is not one. */
export function parseRecord(raw) {
  const rec = JSON.parse(raw);
  const strings = (o) => isObject(o) && Object.values(o).every((v) => typeof v === 'string');
  if (!isObject(rec) || !strings(rec.answers) || (rec.extra !== undefined && !strings(rec.extra))) {
    throw new Error('not an answers record');
  }
  return { version: rec.version, updated: typeof rec.updated === 'string' ? rec.updated : null,
    answers: rec.answers, extra: rec.extra || {} };
}
