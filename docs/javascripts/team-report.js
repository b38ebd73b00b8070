/* Team results (pure): one tool's answers from several members laid out as the team page and the
   CSV show them (rating items, choices, tick boxes, text, table rows, in reading order), with the
   statistics of stats.js, the element profile of a rating tool, the share of each answer in a
   yes / in progress / no checklist, and the team's starting point. Field specs:
   docs/schemas/tool-specs-v1.schema.json; members: members.js. */

import { rowIndex } from './spec.js';
import {
  DK, choiceStats, countAnswers, elementStats, ratingStats, startingRating, tickStats,
} from './stats.js';

export const CHECKLIST_VALUES = ['yes', 'in_progress', 'no'];
const NUMBER = /^\d+$/;

/** How a field is summed up: 'rating' (numbered options, maybe D/K), 'choice' (other options),
    'tick' (a checkbox) or 'text' (text, long text, date). */
export function fieldClass(field) {
  if (field.kind === 'checkbox') return 'tick';
  if (field.kind !== 'radio') return 'text';
  const values = field.options.map((o) => o.value);
  return values.some((v) => NUMBER.test(v)) && values.every((v) => NUMBER.test(v) || v === DK) ? 'rating' : 'choice';
}

const isChecklistField = (field) => field.kind === 'radio' && optionValues(field) === CHECKLIST_VALUES.join();

function itemStats(field, kind, answers) {
  if (kind === 'rating') return ratingStats(answers);
  if (kind === 'choice') return choiceStats(answers, field.options.map((o) => o.value));
  if (kind === 'tick') return tickStats(answers);
  return null;
}

/** Whether anyone answered an item (a tick box always counts: unticked is an answer). */
const hasAnswers = (item) => item.kind === 'tick' || item.answers.some((a) => a !== '');

/** One tool across the team: `members` who answered it (in team order), `missing` members who
    did not, `parts` in reading order ({kind, group, items} runs of one kind, or {kind: 'rows',
    group, table, rows}), `unanswered` (items no member answered) and `blanks` (per member, the
    option items they left blank). Items and table rows nobody filled in are left out of `parts`. */
export function toolResults(spec, members) {
  const answered = members.filter((m) => spec.slug in m.tools);
  const missing = members.filter((m) => !(spec.slug in m.tools));
  const own = (m) => m.tools[spec.slug];
  const rowOf = rowIndex(spec);
  const parts = [];
  const tables = new Set();
  let unanswered = 0;
  for (const field of spec.fields) {
    const group = field.group || null;
    const cell = rowOf.get(field.name);
    if (cell) {
      const table = cell[0];
      if (tables.has(table.id)) continue;
      tables.add(table.id);
      const rows = tableRows(table, answered, own);
      if (rows.length) parts.push({ kind: 'rows', group, table, rows });
      continue;
    }
    const kind = fieldClass(field);
    const answers = answered.map((m) => own(m)[field.name] || '');
    const item = { field, kind, answers, stats: itemStats(field, kind, answers) };
    if (!hasAnswers(item)) {
      if (kind !== 'text') unanswered++;
      continue;
    }
    const last = parts[parts.length - 1];
    const joins = last && last.kind === kind && last.group === group && sameOptions(last.items[0].field, field);
    if (joins) last.items.push(item);
    else parts.push({ kind, group, items: [item] });
  }
  const optionFields = spec.fields.filter((f) => f.kind === 'radio');
  const blanks = answered.map((m) => ({ member: m, blank: optionFields.filter((f) => !own(m)[f.name]).length,
    of: optionFields.length })).filter((b) => b.blank > 0);
  return { spec, members: answered, missing, parts, unanswered, blanks };
}

const optionValues = (field) => (field.options || []).map((o) => o.value).join();
const sameOptions = (a, b) => optionValues(a) === optionValues(b);

/** The filled-in rows of a repeating table, member by member: {member, n, cells} with one value
    per column. */
function tableRows(table, members, own) {
  const rows = [];
  for (const member of members) {
    for (let n = 1; n <= table.max_rows; n++) {
      const cells = table.columns.map((c) => own(member)[table.id + '_' + n + '_' + c.id] || '');
      if (cells.some((c) => c !== '')) rows.push({ member, n, cells });
    }
  }
  return rows;
}

/** Each element a tool's rating grids assess (its groups with an `element`): the element stats
    of stats.js plus how many of its items there are and how many members disagree on. */
export function elementProfile(results) {
  const { spec, members } = results;
  return spec.groups.filter((g) => g.element).map((group) => {
    const fields = spec.fields.filter((f) => f.group === group.id && fieldClass(f) === 'rating');
    const answersTo = (f) => members.map((m) => m.tools[spec.slug][f.name] || '');
    const disputed = fields.filter((f) => ratingStats(answersTo(f)).disagree).length;
    return Object.assign({ code: group.element, heading: group.heading, items: fields.length, disputed },
      elementStats(members.map((m) => fields.map((f) => m.tools[spec.slug][f.name] || ''))));
  });
}

/** A yes / in progress / no checklist's answers pooled over its items and members:
    {counts, answered, items}; null for a tool with no such item. */
export function checklistTotals(results) {
  const { spec, members } = results;
  const fields = spec.fields.filter(isChecklistField);
  if (!fields.length) return null;
  const answers = fields.flatMap((f) => members.map((m) => m.tools[spec.slug][f.name] || ''));
  const { counts, answered } = choiceStats(answers, CHECKLIST_VALUES);
  return { counts, answered, items: fields.length };
}

/** The answers all members who gave one gave alike (blanks aside), or '' when they differ. */
function commonAnswer(answers) {
  const given = new Set(answers.filter((a) => a !== ''));
  return given.size === 1 ? [...given][0] : '';
}

/** The team's starting point for a tool, to write into this browser's answers: {answers, open}.
    Ratings: startingRating (stats.js). Choices, dates and text: the answer every member who gave
    one gave alike. Tick boxes: ticked when every member ticked. A repeating table: its rows when
    only one member filled it in, or all who did filled it in alike. `open` lists the items and
    tables left for the team because members differ (its entries: {field} or {table}). */
export function startingPoint(results) {
  const { spec, members, parts } = results;
  const answers = {};
  const open = [];
  for (const part of parts) {
    if (part.kind === 'rows') {
      const own = (m) => m.tools[spec.slug];
      const fillers = members.filter((m) => part.rows.some((r) => r.member === m));
      const sets = new Set(fillers.map((m) => JSON.stringify(tableRows(part.table, [m], own)
        .map((r) => [r.n, r.cells]))));
      if (sets.size > 1) { open.push({ table: part.table }); continue; }
      for (const row of part.rows.filter((r) => r.member === fillers[0])) {
        part.table.columns.forEach((c, i) => {
          if (row.cells[i] !== '') answers[part.table.id + '_' + row.n + '_' + c.id] = row.cells[i];
        });
      }
      continue;
    }
    for (const item of part.items) {
      let value;
      if (item.kind === 'rating') value = startingRating(item.stats);
      else if (item.kind === 'tick') value = item.stats.ticked === item.stats.members ? 'yes' : '';
      else value = commonAnswer(item.answers);
      if (value) answers[item.field.name] = value;
      else if (item.kind !== 'tick' || item.stats.differ) open.push({ field: item.field });
    }
  }
  return { answers, open };
}

// ---------------------------------------------------------------------------- wording

/** A field's label without the heading of its group when it starts with it (the page shows the
    heading above); the label is the tool's wording otherwise untouched. */
export function itemLabel(spec, field) {
  const group = spec.groups.find((g) => g.id === field.group);
  if (!group || !field.label.startsWith(group.heading)) return field.label;
  const rest = field.label.slice(group.heading.length).replace(/^\s*—\s*/, '').trim();
  return rest || field.label;
}

/** How an answer reads: an option's label (a rating's number, D/K), 'Ticked', or the text. */
export function answerText(field, value) {
  if (value === '') return '';
  if (field.kind === 'checkbox') return 'Ticked';
  if (field.kind !== 'radio') return value;
  if (fieldClass(field) === 'rating') return value === DK ? 'D/K' : value;
  const option = field.options.find((o) => o.value === value);
  return option ? option.label : value;
}

/** A number with `digits` decimals ('' for none); a median stays whole or ends in .5. */
export const fixed = (x, digits) => (x === null ? '' : x.toFixed(digits));
export const formatMedian = (x) => (x === null ? '' : String(x));

// ---------------------------------------------------------------------------- CSV

export const CSV_HEADER = ['Row', 'Tool', 'Field', 'Item', 'Member', 'Answer', 'Answered', 'Rated (n)',
  'Mean', 'Median', 'D/K', 'Lowest', 'Highest', 'Counts', 'Members disagree'];

/** The combined table for a spreadsheet: per tool and field anyone answered, one 'answer' row per
    member who answered the tool, then (option items and tick boxes) one 'statistics' row. Table
    cells count as fields. Means have two decimals. */
export function csvRows(allResults) {
  const rows = [CSV_HEADER];
  for (const results of allResults) {
    const { spec, members } = results;
    const tool = 'Tool ' + spec.number;
    const items = new Map(results.parts.flatMap((p) => (p.items || []).map((i) => [i.field.name, i])));
    for (const field of spec.fields) {
      const answers = members.map((m) => m.tools[spec.slug][field.name] || '');
      const item = items.get(field.name);
      if (!item && answers.every((a) => a === '')) continue;
      const start = [tool, field.name, field.label];
      members.forEach((m, i) => rows.push(['answer', ...start, m.label, answerText(field, answers[i]),
        '', '', '', '', '', '', '', '', '']));
      if (item && item.stats) rows.push(['statistics', ...start, 'All members', '', ...statsCells(item)]);
    }
  }
  return rows;
}

function statsCells({ field, kind, answers, stats }) {
  const none = ['', '', '', '', '', ''];
  const tally = countAnswers(answers, field.options ? field.options.map((o) => o.value) : []);
  const counts = (label) => field.options.map((o) => label(o) + ': ' + tally[o.value]).join('; ');
  if (kind === 'rating') {
    return [String(stats.n + stats.dk), String(stats.n), fixed(stats.mean, 2), formatMedian(stats.median),
      String(stats.dk), stats.low === null ? '' : String(stats.low), stats.high === null ? '' : String(stats.high),
      counts((o) => answerText(field, o.value)), stats.disagree ? 'yes' : 'no'];
  }
  if (kind === 'choice') {
    return [String(stats.answered), ...none, counts((o) => o.label), stats.differ ? 'yes' : 'no'];
  }
  return [String(stats.members), ...none, 'Ticked: ' + stats.ticked, stats.differ ? 'yes' : 'no'];
}
