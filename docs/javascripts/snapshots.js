/* Dated snapshots of this browser's answers (pure, given a Storage): kept under
   KEY_PREFIX + 'snapshots' as one JSON array [{name, taken, tools}], `tools` as in an answers file
   (slug → {version, updated, answers}). Only ever written when the user asks. */

import { FORMAT, answersDocument } from './answers.js';
import { isObject } from './format.js';

export const SNAPSHOTS_KEY = 'snapshots';
export const MAX_SNAPSHOT_NAME = 100;

const isSnapshot = (s) => isObject(s) && typeof s.name === 'string' && typeof s.taken === 'string'
  && isObject(s.tools);

/** The kept snapshots, newest last; unreadable entries are skipped. */
export function loadSnapshots(store, prefix) {
  if (!store) return [];
  try {
    const list = JSON.parse(store.getItem(prefix + SNAPSHOTS_KEY) || '[]');
    return Array.isArray(list) ? list.filter(isSnapshot) : [];
  } catch (e) {
    return [];
  }
}

/** Writes the whole list; throws a plain message (and changes nothing) when the browser refuses. */
export function saveSnapshots(store, prefix, list) {
  if (!store) throw new Error('This browser is not keeping answers, so it cannot keep a snapshot.');
  try {
    store.setItem(prefix + SNAPSHOTS_KEY, JSON.stringify(list));
  } catch (e) {
    throw new Error('This browser has no room left for another snapshot (or refused to keep it), so '
      + 'nothing was changed. Delete an older snapshot, or download all answers to keep them in a file.');
  }
}

/** A name tidied to one line of at most MAX_SNAPSHOT_NAME characters. */
export const tidyName = (name) => String(name).replace(/\s+/g, ' ').trim().slice(0, MAX_SNAPSHOT_NAME);

/** A new snapshot of `tools` (slug → entry); the name defaults to 'Snapshot of <day>'. */
export function makeSnapshot(tools, name, taken) {
  return { name: tidyName(name) || 'Snapshot of ' + taken.slice(0, 10), taken, tools };
}

/** A snapshot as an answers document, to be read like a file (members.js). */
export const snapshotDocument = (snap, site) => Object.assign(answersDocument(snap.tools, site, new Date(snap.taken)),
  { format: FORMAT, exported: snap.taken });

/** `kept` with the `incoming` snapshots it does not have yet (same name and date: the same
    snapshot), in the order they were taken. */
export function mergeSnapshots(kept, incoming) {
  const key = (s) => s.name + '\u0000' + s.taken;
  const known = new Set(kept.map(key));
  const added = incoming.filter((s) => !known.has(key(s)) && known.add(key(s)));
  return [...kept, ...added].sort((a, b) => (a.taken < b.taken ? -1 : a.taken > b.taken ? 1 : 0));
}

/** The snapshots an answers file carries (its optional `snapshots`), those that are readable. */
export const snapshotsIn = (doc) => (Array.isArray(doc.snapshots) ? doc.snapshots.filter(isSnapshot) : []);
