/* Browser storage of saved records: one localStorage key per tool, `ps-cope:<site path>:<slug>`,
   so copies of the site on one origin keep separate answers. Works on any object with the
   Storage interface (tests pass a stand-in); refusals by the browser never throw from here. */

import { describeMigration, migrateRecord } from './migrate.js';
import { emptyRecord, fingerprint, isEmptyRecord, parseRecord } from './records.js';

/** The key prefix of a site copy served at `siteUrl`. */
export const keyPrefix = (siteUrl) => 'ps-cope:' + new URL(siteUrl).pathname + ':';

/** `candidate` (localStorage by default) if it can be written, else null (blocked, disabled or full). */
export function openStorage(prefix, candidate) {
  try {
    const store = candidate === undefined ? globalThis.localStorage : candidate;
    store.setItem(prefix + 'probe', '1');
    store.removeItem(prefix + 'probe');
    return store;
  } catch (e) {
    return null;
  }
}

/** This tool's saved record, reported through `report(message, isError)` when it needed care:
    one saved for another version of the tool is migrated (migrate.js) and its original copy
    set aside; an unreadable one is set aside and the form starts empty. Set-aside copies keep
    their text under `<key>:v<version>:<time>` or `<key>:corrupt:<time>` (setAsideCopies). */
export function loadRecord(store, prefix, spec, report, now = Date.now()) {
  const key = prefix + spec.slug;
  const raw = store.getItem(key);
  if (raw === null) return emptyRecord(spec);
  let rec = null;
  try {
    rec = parseRecord(raw);
    if (rec.version === spec.version) return rec;
  } catch (e) { /* set aside below */ }
  const aside = key + (rec ? ':v' + rec.version : ':corrupt') + ':' + now;
  const migrated = rec && migrateRecord(spec, rec);
  try {
    store.setItem(aside, raw);
    if (migrated) store.setItem(key, JSON.stringify(migrated));
    else store.removeItem(key);
  } catch (e) { /* the report below still stands */ }
  if (migrated) {
    report(describeMigration(spec, rec.version, migrated) + ' The answers as they were saved are kept too '
      + '(see below).', false);
    return migrated;
  }
  report('The answers saved in this browser for ' + spec.title + ' could not be read. They were moved '
    + 'aside (you can download them below); the form starts empty.', true);
  return emptyRecord(spec);
}

/** The copies of this tool's saved answers set aside in `store`, newest first:
    {key, kind: 'version' | 'corrupt', version, time (ms)}. */
export function setAsideCopies(store, prefix, slug) {
  const base = prefix + slug + ':';
  const copies = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    const match = key && key.startsWith(base) && key.slice(base.length).match(/^(?:v(\d+)|corrupt):(\d+)$/);
    if (match) {
      copies.push({ key, kind: match[1] ? 'version' : 'corrupt', version: match[1] ? Number(match[1]) : null,
        time: Number(match[2]) });
    }
  }
  return copies.sort((a, b) => b.time - a.time);
}

/** This tool's last download or copy to a file: {at: ISO time, of: fingerprint of the answers
    it held}, or null. */
export function lastBackup(store, prefix, slug) {
  try {
    const backup = JSON.parse(store.getItem(prefix + 'backup:' + slug));
    return backup && typeof backup.at === 'string' ? backup : null;
  } catch (e) {
    return null;
  }
}

/** Notes backups made at `iso` of these records (slug → record). */
export function noteBackup(store, prefix, records, iso) {
  try {
    for (const [slug, rec] of Object.entries(records)) {
      store.setItem(prefix + 'backup:' + slug, JSON.stringify({ at: iso, of: fingerprint(rec) }));
    }
  } catch (e) { /* the nudge will simply stay */ }
}

/** The record stored now (another tab may have written it), or null if unreadable. */
export function readRecord(store, prefix, spec) {
  try {
    const raw = store.getItem(prefix + spec.slug);
    return raw === null ? emptyRecord(spec) : parseRecord(raw);
  } catch (e) {
    return null;
  }
}

/** Writes a record (or removes it when empty); false if the browser refused. */
export function writeRecord(store, prefix, slug, rec) {
  if (!store) return false;
  try {
    if (isEmptyRecord(rec)) store.removeItem(prefix + slug);
    else store.setItem(prefix + slug, JSON.stringify(rec));
    return true;
  } catch (e) {
    return false;
  }
}

/** Writes several tools' records, all or none: if the browser refuses one, every key written
    is put back as it was and false is returned. `records`: slug → record. */
export function writeRecords(store, prefix, records) {
  if (!store) return false;
  const before = {};
  for (const slug of Object.keys(records)) before[prefix + slug] = store.getItem(prefix + slug);
  if (Object.entries(records).every(([slug, rec]) => writeRecord(store, prefix, slug, rec))) return true;
  restoreKeys(store, before);
  return false;
}

/** Every key this site copy keeps for one tool: its record, the copies set aside, its last backup. */
export function toolKeys(store, prefix, slug) {
  const keys = [prefix + slug, prefix + 'backup:' + slug, ...setAsideCopies(store, prefix, slug).map((c) => c.key)];
  return keys.filter((key) => store.getItem(key) !== null);
}

/** Every key this site copy keeps (all tools, snapshots, the member name); other copies' keys,
    on the same origin, start with another prefix. */
export function siteKeys(store, prefix) {
  const keys = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key && key.startsWith(prefix)) keys.push(key);
  }
  return keys;
}

/** Removes `keys`, returning what they held (key → text) for restoreKeys; null if the browser
    refused (whatever was removed is put back). */
export function removeKeys(store, keys) {
  const held = {};
  for (const key of keys) held[key] = store.getItem(key);
  try {
    for (const key of keys) store.removeItem(key);
    return held;
  } catch (e) {
    restoreKeys(store, held);
    return null;
  }
}

/** Puts back what removeKeys returned (a key that held nothing is removed); every key is
    removed first, so a full quota has room for the texts that fitted before. */
export function restoreKeys(store, held) {
  try {
    for (const key of Object.keys(held)) store.removeItem(key);
    for (const [key, text] of Object.entries(held)) if (text !== null) store.setItem(key, text);
    return true;
  } catch (e) {
    return false;
  }
}
