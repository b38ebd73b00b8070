/* The team summary's charts, in HTML and CSS (team.css): they scale with the text, take their
   colours from Material's variables (light and dark schemes) and print, as their bars are
   borders. To a screen reader each chart is one image whose name gives its figures; the table
   under it gives the same figures. */

import { el } from './dom.js';
import { fixed } from './team-report.js';

const SCALE = [1, 2, 3, 4, 5];
/** Where a rating sits along the chart's 1–5 scale, 0 to 1. */
const along = (x) => (x - SCALE[0]) / (SCALE[SCALE.length - 1] - SCALE[0]);
export const percent = (share) => Math.round(share * 100) + '%';

const placed = (tag, cls, vars, ...children) => {
  const node = el(tag, { class: cls }, ...children);
  for (const [name, value] of Object.entries(vars)) node.style.setProperty('--' + name, String(value));
  return node;
};

const gridLines = () => SCALE.map((n) => placed('span', 'team-profile__line', { at: along(n) }));

/** Each element's team mean as a bar along the 1–5 scale, under it the range of member
    averages, then the mean and the D/K share as text. */
export function profileChart(profile) {
  const axis = [el('span'), el('span', { class: 'team-profile__track team-profile__scale' },
    ...SCALE.map((n) => placed('span', 'team-profile__tick', { at: along(n) }, String(n)))), el('span'), el('span')];
  const rows = profile.map((e) => {
    const track = el('span', { class: 'team-profile__track' }, ...gridLines());
    if (e.mean !== null) {
      track.append(placed('span', 'team-profile__bar', { to: along(e.mean) }),
        placed('span', 'team-profile__range', { from: along(e.low), to: along(e.high) }));
    }
    return [el('span', { class: 'team-profile__code' }, e.code), track,
      el('span', { class: 'team-profile__value' }, e.mean === null ? 'no ratings' : fixed(e.mean, 1)),
      el('span', { class: 'team-profile__dk' }, e.dkShare === null ? '' : 'D/K ' + percent(e.dkShare))];
  });
  const name = 'Team mean per element on the 1 to 5 scale: ' + profile.map((e) => e.code + ' '
    + (e.mean === null ? 'no ratings' : fixed(e.mean, 1) + ' (member averages ' + fixed(e.low, 1) + ' to '
      + fixed(e.high, 1) + ', D/K ' + percent(e.dkShare) + ')')).join('; ') + '.';
  return el('div', { class: 'team-profile', role: 'img', 'aria-label': name }, ...axis, ...rows.flat());
}

/** Each checklist's answers as one bar split into its options' shares, with the shares as text.
    `entries`: [{label, options: [{value, label}], counts, answered}]. */
export function shareChart(entries) {
  const rows = entries.map(({ label, options, counts, answered }) => {
    const shares = options.map((o) => ({ ...o, share: answered ? counts[o.value] / answered : 0 }));
    const bar = el('span', { class: 'team-share__bar' },
      ...shares.filter((s) => s.share > 0).map((s) => placed('span', 'team-share__part team-share__part--' + s.value,
        { share: s.share })));
    const text = answered ? shares.map((s) => s.label + ' ' + percent(s.share)).join(' · ') : 'no answers';
    return { label, bar, text };
  });
  const name = 'Share of each answer: ' + rows.map((r) => r.label + ': ' + r.text).join('; ') + '.';
  const legend = entries.length ? entries[0].options.map((o) => el('span', { class: 'team-share__key' },
    el('span', { class: 'team-share__swatch team-share__part--' + o.value }), o.label)) : [];
  return el('div', { class: 'team-share', role: 'img', 'aria-label': name },
    el('p', { class: 'team-share__legend' }, ...legend),
    ...rows.map((r) => el('div', { class: 'team-share__row' }, el('span', { class: 'team-share__label' }, r.label),
      r.bar, el('span', { class: 'team-share__text' }, r.text))));
}
