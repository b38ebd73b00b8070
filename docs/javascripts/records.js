/* Saved records (pure): the shape one tool's answers take in browser storage,
   {version, updated, answers, extra}, with `extra` holding answers for fields the tool does not have. */

import { isObject } from './format.js';

export const emptyRecord = (spec) => ({ version: spec.version, updated: null, answers: {}, extra: {} });

/** Whether a record holds nothing worth keeping. */
export const isEmptyRecord = (rec) => !Object.keys(rec.answers).length && !Object.keys(rec.extra).length;

/** A short fingerprint of what a record holds (FNV-1a of its answers and kept-aside answers),
    to tell whether a backup still matches it. */
export function fingerprint(rec) {
  const text = JSON.stringify([rec.answers, rec.extra].map((o) => Object.entries(o).sort()));
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16);
}

/** Whether a record holds answers its last backup ({at, of}: when, and the fingerprint of
    what was backed up; null for none) does not. */
export const needsBackup = (rec, backup) => !isEmptyRecord(rec) && (!backup || backup.of !== fingerprint(rec));

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
