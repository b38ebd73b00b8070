/* The team results page's content, built from the pure results of team-report.js: the files
   read, who answered what, the summary (element profile, checklist shares), then each tool's
   tables and its "team answers" box. Members' text is only ever set as text (dom.js). */

import { el, orNoAnswer } from './dom.js';
import { count } from './format.js';
import { toolName } from './spec.js';
import { extremes } from './stats.js';
import { percent, profileChart, shareChart } from './team-charts.js';
import {
  CHECKLIST_VALUES, answerText, checklistTotals, elementProfile, fixed, formatMedian, itemLabel,
} from './team-report.js';

const STATUS = { counted: 'Counted', duplicate: 'Not counted again', refused: 'Not used' };
const KEEP_TOGETHER_ROWS = 6; // a table this short is not split across printed pages

/** A table in a region that scrolls sideways when it is too wide, reachable by keyboard. */
function scroller(label, table) {
  const keep = table.tBodies[0].rows.length <= KEEP_TOGETHER_ROWS;
  return el('div', { class: 'team-scroll' + (keep ? ' team-keep' : ''), role: 'region', 'aria-label': label,
    tabindex: '0' }, table);
}

/** A header row: strings become column headers, elements go in as they are. */
const headRow = (...cells) => el('thead', {}, el('tr', {},
  ...cells.flat().map((c) => (c instanceof Node ? c : el('th', { scope: 'col' }, c)))));

const memberHeads = (members) => members.map((m) => el('th', { scope: 'col', class: 'team-member' },
  el('span', {}, m.label)));

const link = (href, text) => el('a', { href }, text);

/** The files read: each with the member it counts for, what became of it, and a Remove button. */
export function fileList(team) {
  if (!team.files.length) return [];
  const rows = team.files.map((f, i) => el('tr', {},
    el('th', { scope: 'row' }, f.name),
    el('td', {}, f.member ? f.member.label : ''),
    el('td', {}, el('strong', {}, STATUS[f.status]), f.note ? ' ' + f.note : ''),
    el('td', { class: 'team-noprint' }, el('button', { type: 'button', class: 'tool-button', 'data-action': 'remove',
      'data-file': i, 'aria-label': 'Remove ' + f.name + ' (file ' + (i + 1) + ')' }, 'Remove'))));
  const removeHead = el('th', { scope: 'col', class: 'team-noprint' }, el('span', { class: 'tool-sr' }, 'Remove'));
  return [el('h2', { id: 'team-files-heading' }, 'Files read'),
    scroller('Files read', el('table', { class: 'team-table', 'aria-labelledby': 'team-files-heading' },
      headRow('File', 'Member', 'Result', removeHead), el('tbody', {}, ...rows)))];
}

/** Everything below the file list: who answered what, the summary, one section per tool. */
export function resultsView({ team, results, specs, elements, site }) {
  if (!team.members.length) return [];
  const counted = team.files.filter((f) => f.status === 'counted').length;
  const printed = el('p', { class: 'team-print-meta' }, 'Team report: ' + count(team.members.length, 'member')
    + ', ' + count(counted, 'file') + ', read ' + new Date().toLocaleDateString(undefined, { dateStyle: 'long' })
    + '.');
  return [printed, membersSection(team, results), summarySection(results, specs, elements, site),
    ...results.map((r) => toolSection(r, site))].filter(Boolean);
}

function membersSection(team, results) {
  const rows = team.members.map((m, i) => el('tr', {},
    el('th', { scope: 'row' }, (i + 1) + '. ' + m.label),
    ...results.map((r) => {
      const answers = m.tools[r.spec.slug];
      return el('td', {}, answers ? String(Object.keys(answers).length) : orNoAnswer(''));
    })));
  return el('section', { 'aria-labelledby': 'team-members' },
    el('h2', { id: 'team-members' }, 'Who answered what'),
    el('p', {}, 'Answers each member gave to each tool; a dash means their files hold nothing for that tool.'),
    scroller('Who answered what', el('table', { class: 'team-table', 'aria-labelledby': 'team-members' },
      headRow('Member', results.map((r) => 'Tool ' + r.spec.number)), el('tbody', {}, ...rows))));
}

// ---------------------------------------------------------------------------- summary

function summarySection(results, specs, elements, site) {
  const parts = [];
  for (const r of results) {
    const profile = elementProfile(r);
    if (profile.length) parts.push(...profileSummary(r, profile, specs, elements, site));
  }
  const checklists = results.map((r) => ({ r, totals: checklistTotals(r) })).filter((c) => c.totals);
  if (checklists.length) parts.push(...checklistSummary(checklists));
  if (!parts.length) return null;
  return el('section', { 'aria-labelledby': 'team-summary' }, el('h2', { id: 'team-summary' }, 'Summary'), ...parts);
}

/** A tool's rating grids as a profile of the elements they assess: the strongest and weakest
    named, a chart, and the same figures in a table, with links to each element's chapter
    section and to the tool that serves it. */
function profileSummary(results, profile, specs, elements, site) {
  const id = 'team-profile-' + results.spec.number;
  const about = (e) => (elements[e.code] ? link(new URL(elements[e.code], site).href, 'About ' + e.code) : '');
  const toolLink = (e, short) => {
    const spec = specs.find((s) => s.element === e.code);
    return spec ? link(new URL(spec.page, site).href, short ? 'Tool ' + spec.number : toolName(spec)) : '';
  };
  const named = (label, e) => el('li', {}, el('strong', {}, label + ': '),
    e.heading + ' Team mean ' + fixed(e.mean, 1) + '. ', about(e),
    toolLink(e) ? ['; ', toolLink(e), ' serves it'] : '', '.');
  const { highest, lowest } = extremes(profile, (e) => e.mean);
  const same = highest.length === lowest.length && highest.every((e) => lowest.includes(e));
  let extremesList = [];
  if (same && highest.length) {
    extremesList = [el('p', {}, 'Every rated element has the same team mean, ' + fixed(highest[0].mean, 1) + '.')];
  } else if (!same) {
    extremesList = [el('ul', { class: 'team-extremes' },
      ...highest.map((e) => named('Strongest', e)), ...lowest.map((e) => named('Weakest', e)))];
  }
  const rows = profile.map((e) => el('tr', {},
    el('th', { scope: 'row' }, e.heading),
    el('td', {}, e.mean === null ? orNoAnswer('') : fixed(e.mean, 1)),
    el('td', {}, e.low === null ? orNoAnswer('') : fixed(e.low, 1) + '–' + fixed(e.high, 1)),
    el('td', {}, e.dkShare === null ? orNoAnswer('') : percent(e.dkShare)),
    el('td', {}, String(e.n)),
    el('td', {}, e.disputed + ' of ' + e.items),
    el('td', { class: 'team-links' }, about(e) || orNoAnswer(''), toolLink(e) ? [el('br'), toolLink(e, true)] : '')));
  return [
    el('h3', { id }, toolName(results.spec) + ': profile of the elements'),
    el('p', {}, 'Bars show the team mean from 1 (Strongly Disagree) to 5 (Strongly Agree); the line under each '
      + 'bar runs from the lowest to the highest member average. The table gives the same figures.'),
    ...extremesList,
    el('div', { class: 'team-chart' }, profileChart(profile)),
    scroller('Profile figures', el('table', { class: 'team-table', 'aria-labelledby': id },
      headRow('Element', 'Team mean', 'Member averages (lowest–highest)', 'D/K share', 'Ratings (n)',
        'Items where members disagree', 'Read more'),
      el('tbody', {}, ...rows))),
  ];
}

/** Each yes / in progress / no checklist as the share of each answer: a chart and a table. */
function checklistSummary(checklists) {
  const options = (r) => r.spec.fields.find((f) => f.kind === 'radio'
    && f.options.map((o) => o.value).join() === CHECKLIST_VALUES.join()).options;
  const entries = checklists.map(({ r, totals }) => ({ label: 'Tool ' + r.spec.number, options: options(r),
    ...totals }));
  const share = (totals, value) => totals.counts[value]
    + (totals.answered ? ' (' + percent(totals.counts[value] / totals.answered) + ')' : '');
  const rows = checklists.map(({ r, totals }) => el('tr', {},
    el('th', { scope: 'row' }, toolName(r.spec)),
    ...options(r).map((o) => el('td', {}, share(totals, o.value))),
    el('td', {}, String(totals.answered))));
  return [
    el('h3', { id: 'team-checklists' }, 'Checklists: share of each answer'),
    el('p', {}, 'All members’ answers to all items of each checklist, blanks left out.'),
    el('div', { class: 'team-chart' }, shareChart(entries)),
    scroller('Checklist figures', el('table', { class: 'team-table', 'aria-labelledby': 'team-checklists' },
      headRow('Tool', entries[0].options.map((o) => o.label), 'Answers'), el('tbody', {}, ...rows))),
  ];
}

// ---------------------------------------------------------------------------- one tool

function toolSection(results, site) {
  const { spec, members, missing, parts, unanswered, blanks } = results;
  const id = 'team-tool-' + spec.number;
  const facts = [count(members.length, 'member') + ' answered: ' + members.map((m) => m.label).join(', ') + '.'];
  if (missing.length) facts.push('No answers from ' + missing.map((m) => m.label).join(', ') + '.');
  for (const b of blanks) facts.push(b.member.label + ' left ' + b.blank + ' of ' + b.of + ' option items blank.');
  if (unanswered) {
    facts.push(count(unanswered, 'option item') + ' no member answered ' + (unanswered === 1 ? 'is' : 'are')
      + ' left out below.');
  }
  const shown = new Set();
  const body = parts.flatMap((part) => [...groupHeadings(spec, part.group, shown), partView(spec, members, part)]);
  return el('section', { class: 'team-tool', 'aria-labelledby': id },
    el('h2', { id }, toolName(spec)),
    el('p', {}, facts.join(' '), ' ', link(new URL(spec.page, site).href, 'Open ' + toolName(spec))),
    ...body,
    adoptBox(spec));
}

/** The headings of a part's group and of its parent, each the first time it comes up. */
function groupHeadings(spec, groupId, shown) {
  const out = [];
  const group = spec.groups.find((g) => g.id === groupId);
  if (!group || shown.has(group.id)) return out;
  const parent = group.parent && spec.groups.find((g) => g.id === group.parent);
  if (parent && !shown.has(parent.id)) {
    shown.add(parent.id);
    out.push(el('h3', {}, parent.heading));
  }
  shown.add(group.id);
  out.push(el(parent ? 'h4' : 'h3', {}, group.heading));
  return out;
}

function partView(spec, members, part) {
  if (part.kind === 'rows') return rowsView(part);
  if (part.kind === 'text') return textView(spec, members, part);
  const label = { rating: 'Ratings', tick: 'Tick boxes', choice: 'Answers' }[part.kind];
  const first = part.items[0].field;
  const statsHeads = {
    rating: ['n', 'Mean', 'Median', 'D/K', 'Range', 'Members disagree'],
    tick: ['Ticked', 'Members differ'],
    choice: [...(first.options || []).map((o) => o.label), 'No answer', 'Members differ'],
  }[part.kind];
  const rows = part.items.map((item) => el('tr', { class: flagged(item) ? 'team-flagged' : null },
    el('th', { scope: 'row' }, itemLabel(spec, item.field)),
    ...item.answers.map((a) => el('td', { class: 'team-answer' }, orNoAnswer(answerText(item.field, a)))),
    ...statsCells(item)));
  return scroller(label, el('table', { class: 'team-table team-table--items' },
    el('caption', { class: 'tool-sr' }, label + ', one column per member'),
    headRow('Item', memberHeads(members), statsHeads), el('tbody', {}, ...rows)));
}

const flagged = (item) => (item.kind === 'rating' ? item.stats.disagree : item.stats.differ);
const flag = (on, text) => el('td', { class: on ? 'team-flag' : null }, on ? text : 'No');

function statsCells({ kind, stats, field }) {
  const td = (text) => el('td', {}, text === '' ? orNoAnswer('') : text);
  if (kind === 'rating') {
    return [td(String(stats.n)), td(fixed(stats.mean, 1)), td(formatMedian(stats.median)), td(String(stats.dk)),
      td(stats.n ? stats.low + '–' + stats.high : ''),
      flag(stats.disagree, 'Yes: ' + stats.spread + ' points apart')];
  }
  if (kind === 'tick') return [td(stats.ticked + ' of ' + stats.members), flag(stats.differ, 'Yes')];
  return [...field.options.map((o) => td(String(stats.counts[o.value]))), td(String(stats.blank)),
    flag(stats.differ, 'Yes')];
}

/** Text answers, item by item, each member's under their name. */
function textView(spec, members, part) {
  return el('div', { class: 'team-texts' }, ...part.items.map((item) => el('div', { class: 'team-text' },
    el('p', { class: 'team-text__item' }, itemLabel(spec, item.field)),
    el('dl', {}, ...members.flatMap((m, i) => (item.answers[i] === ''
      ? [] : [el('dt', {}, m.label), el('dd', {}, item.answers[i])]))))));
}

/** A repeating table's filled-in rows, member by member. */
function rowsView({ table, rows }) {
  return scroller(table.title, el('table', { class: 'team-table' },
    el('caption', {}, table.title),
    headRow('Member', 'Row', table.columns.map((c) => c.label)),
    el('tbody', {}, ...rows.map((r) => el('tr', {},
      el('th', { scope: 'row' }, r.member.label), el('td', {}, String(r.n)),
      ...r.cells.map((c) => el('td', { class: 'team-cell-text' }, orNoAnswer(c))))))));
}

// ---------------------------------------------------------------------------- team answers

function adoptBox(spec) {
  const id = 'team-adopt-' + spec.number;
  return el('div', { class: 'team-adopt team-noprint', 'data-slug': spec.slug },
    el('h3', { id }, 'Team answers for this browser'),
    el('p', {}, 'After your discussion, write a starting point from these answers into this browser’s answers '
      + 'to ' + toolName(spec) + ', then finish it on the tool page. How each answer is chosen is set out '
      + 'under ', link('#rules', 'How the figures are worked out'), '.'),
    el('button', { type: 'button', class: 'tool-button', 'data-action': 'review', 'aria-describedby': id },
      'Review team answers'),
    el('div', { class: 'team-review', hidden: true }),
    el('div', { class: 'team-adopt__messages', 'aria-live': 'polite', tabindex: '-1' }));
}

/** What writing the starting point would change, what is left for the team, and the buttons. */
export function reviewView(spec, change, open, replacing) {
  const items = open.map((o) => el('li', {}, o.table ? o.table.title + ' (table)' : itemLabel(spec, o.field)));
  return [
    el('p', { class: 'team-review__summary', tabindex: '-1' }, (replacing
      ? 'This replaces the answers saved in this browser for ' : 'This writes answers for ')
      + toolName(spec) + ': ' + change + '.'),
    ...(open.length
      ? [el('p', {}, 'Left blank for the team to settle (' + count(open.length, 'item') + '):'),
        el('ul', {}, ...items)]
      : [el('p', {}, 'No item is left for the team to settle.')]),
    el('p', { class: 'team-actions' },
      el('button', { type: 'button', class: 'tool-button', 'data-action': 'adopt' },
        'Write team answers to this browser'),
      ' ', el('button', { type: 'button', class: 'tool-button', 'data-action': 'cancel' }, 'Cancel')),
  ];
}
