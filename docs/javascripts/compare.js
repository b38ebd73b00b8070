/* Progress over time (pure): one tool's answers in an earlier and a later set, each set the
   members of members.js (one file or snapshot is a team of one). Ratings and element means come
   from stats.js as on Team results; a yes / in progress / no item moves forward or back along
   no < in progress < yes. Field specs: docs/schemas/tool-specs-v1.schema.json. */

import { DK, elementStats, mean, ratingStats } from './stats.js';
import { CHECKLIST_VALUES, answerText, fieldClass } from './team-report.js';

/** The order a checklist answer moves along. */
export const ORDER = { no: 0, in_progress: 1, yes: 2 };
const NEAR = 1e-9;

/** later − earlier; null when either is null. */
export const change = (before, after) => (before === null || after === null ? null : after - before);

/** A change as the page and the CSV write it: '+2.0', '-0.5', '0.0' ('' for none). */
export const signed = (x, digits = 1) => {
  if (x === null) return '';
  const text = Math.abs(x).toFixed(digits);
  if (Number(text) === 0) return (0).toFixed(digits);
  return (x > 0 ? '+' : '-') + text;
};

/** Where a side's checklist answers sit on average (no 0, in progress 1, yes 2); null for none. */
export function checklistPosition(answers) {
  const given = answers.filter((a) => a in ORDER).map((a) => ORDER[a]);
  return mean(given);
}

/** 'forward', 'back' or 'same' from two positions or means; null when one side has none. */
export function direction(before, after) {
  const d = change(before, after);
  if (d === null) return null;
  return d > NEAR ? 'forward' : d < -NEAR ? 'back' : 'same';
}

const isChecklist = (field) => field.kind === 'radio'
  && field.options.map((o) => o.value).join() === CHECKLIST_VALUES.join();

/** How one side's answers to an item read: the one answer all gave, or each answer's count
    ('Yes 2, No 1'); text answers of several members each after their member's label. */
export function sideText(field, members, answers) {
  const given = answers.map((a, i) => ({ a, m: members[i] })).filter((x) => x.a !== '');
  if (!given.length) return '';
  const texts = [...new Set(given.map((x) => x.a))];
  if (texts.length === 1 && (members.length === 1 || field.kind === 'radio' || field.kind === 'checkbox')) {
    return answerText(field, texts[0]) + (members.length > 1 && given.length > 1 ? ' (' + given.length + ')' : '');
  }
  if (field.kind === 'radio') {
    return field.options.map((o) => [o, answers.filter((a) => a === o.value).length]).filter(([, n]) => n)
      .map(([o, n]) => answerText(field, o.value) + ' ' + n).join(', ');
  }
  return given.map((x) => x.m.label + ': ' + answerText(field, x.a)).join('\n');
}

/** One tool compared: {spec, before, after (its members on each side), items, elements, moves,
    notCompared, versions}; null when neither side answered it.
    items: {field, kind, before, after (answer texts), present ('both' | 'before' | 'after'),
      stats (ratings: {before, after} of ratingStats), change (ratings: mean change; checklists:
      position change), direction}.
    elements: per rating group with an element: {code, heading, before, after (elementStats),
      change}. moves: for yes / in progress / no items answered on both sides, how many moved
    forward, back or stayed; null for a tool without such items. notCompared: the field names
    whose answers either side gave for fields this version of the tool does not have. */
export function compareTool(spec, beforeTeam, afterTeam) {
  const slug = spec.slug;
  const before = beforeTeam.filter((m) => slug in m.tools);
  const after = afterTeam.filter((m) => slug in m.tools);
  if (!before.length && !after.length) return null;
  const side = (members, field) => members.map((m) => m.tools[slug][field.name] || '');
  const items = [];
  for (const field of spec.fields) {
    const kind = fieldClass(field);
    const b = side(before, field), a = side(after, field);
    const hasB = b.some((x) => x !== ''), hasA = a.some((x) => x !== '');
    if (!hasB && !hasA) continue;
    const item = { field, kind, before: sideText(field, before, b), after: sideText(field, after, a),
      present: hasB && hasA ? 'both' : hasB ? 'before' : 'after', stats: null, change: null, direction: null,
      checklist: isChecklist(field) };
    if (kind === 'rating') {
      item.stats = { before: ratingStats(b), after: ratingStats(a) };
      item.change = change(item.stats.before.mean, item.stats.after.mean);
      item.direction = direction(item.stats.before.mean, item.stats.after.mean);
    } else if (item.checklist) {
      item.change = change(checklistPosition(b), checklistPosition(a));
      item.direction = direction(checklistPosition(b), checklistPosition(a));
    } else if (item.present === 'both') {
      item.direction = item.before === item.after ? 'same' : 'changed';
    }
    items.push(item);
  }
  const elements = spec.groups.filter((g) => g.element).map((group) => {
    const fields = spec.fields.filter((f) => f.group === group.id && fieldClass(f) === 'rating');
    const stats = (members) => elementStats(members.map((m) => fields.map((f) => m.tools[slug][f.name] || '')));
    const s = { code: group.element, heading: group.heading, before: stats(before), after: stats(after) };
    s.change = change(s.before.mean, s.after.mean);
    return s;
  });
  const checklistItems = items.filter((i) => i.checklist && i.present === 'both');
  const moves = spec.fields.some(isChecklist) ? {
    forward: checklistItems.filter((i) => i.direction === 'forward').length,
    back: checklistItems.filter((i) => i.direction === 'back').length,
    same: checklistItems.filter((i) => i.direction === 'same').length,
    onlyBefore: items.filter((i) => i.checklist && i.present === 'before').length,
    onlyAfter: items.filter((i) => i.checklist && i.present === 'after').length,
  } : null;
  const notCompared = [...new Set([...before, ...after].flatMap((m) => (m.extra && m.extra[slug]) || []))].sort();
  const versions = [...new Set([...before, ...after].map((m) => m.versions && m.versions[slug]).filter(Boolean))];
  return { spec, before, after, items, elements, moves, notCompared, versions };
}

/** The elements (of every compared tool) whose mean rose most and least: {most, least}, ties kept
    together; elements without a mean on both sides are left out. */
export function improvedMost(elements) {
  const scored = elements.filter((e) => e.change !== null);
  if (!scored.length) return { most: [], least: [] };
  const top = Math.max(...scored.map((e) => e.change)), bottom = Math.min(...scored.map((e) => e.change));
  return { most: scored.filter((e) => Math.abs(e.change - top) < NEAR),
    least: scored.filter((e) => Math.abs(e.change - bottom) < NEAR) };
}

/** A set's date from its documents: the files' `exported` (a snapshot's `taken`), earliest and
    latest as ISO days {from, to}; null when none carries one. */
export function setDates(isoDates) {
  const days = isoDates.filter((d) => typeof d === 'string' && /^\d{4}-\d\d-\d\d/.test(d)).map((d) => d.slice(0, 10)).sort();
  return days.length ? { from: days[0], to: days[days.length - 1] } : null;
}

export const CSV_HEADER = ['Tool', 'Field', 'Item', 'Earlier', 'Later', 'Answered', 'Earlier mean', 'Later mean',
  'Change', 'Earlier D/K', 'Later D/K', 'Moved'];

const fixed2 = (x) => (x === null ? '' : x.toFixed(2));
const PRESENT = { both: 'both', before: 'earlier only', after: 'later only' };

/** The comparison for a spreadsheet: per compared tool, one row per element ('element' in the
    Field column), then one per item answered in either set. Means have two decimals, changes
    two with their sign. */
export function compareCsvRows(comparisons) {
  const rows = [CSV_HEADER];
  for (const c of comparisons) {
    const tool = 'Tool ' + c.spec.number;
    for (const e of c.elements) {
      if (!e.before.answered && !e.after.answered) continue;
      rows.push([tool, 'element ' + e.code, e.heading, '', '', '', fixed2(e.before.mean), fixed2(e.after.mean),
        signed(e.change, 2), String(e.before.dk), String(e.after.dk), e.change === null ? '' : direction(0, e.change)]);
    }
    for (const i of c.items) {
      const r = i.stats;
      rows.push([tool, i.field.name, i.field.label, i.before, i.after, PRESENT[i.present],
        r ? fixed2(r.before.mean) : '', r ? fixed2(r.after.mean) : '', r ? signed(i.change, 2) : '',
        r ? String(r.before.dk) : '', r ? String(r.after.dk) : '', i.direction || '']);
    }
  }
  return rows;
}

export { DK };
