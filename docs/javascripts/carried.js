/* Answers carried forward from one tool to another (pure): what a later tool shows of an
   earlier tool's answers, as declared by a block's `carry` in the tool YAML. */

import { elementStats, extremes } from './stats.js';

/** The source tool's elements with their mean rating (D/K left out), and the strongest and
    weakest of those rated: {elements, strongest, weakest}. */
export function elementSummary(spec, answers) {
  const elements = spec.groups.filter((g) => g.element).map((group) => {
    const given = spec.fields.filter((f) => f.group === group.id).map((f) => answers[f.name] || '');
    const stats = elementStats([given]);
    return { id: group.id, element: group.element, heading: group.heading, mean: stats.mean, rated: stats.n };
  });
  const { highest, lowest } = extremes(elements, (e) => e.mean);
  return { elements, strongest: highest, weakest: lowest };
}

/** Each non-empty line of the source fields' text, in order. */
export function carriedLines(answers, fields) {
  return fields.flatMap((name) => (answers[name] || '').split('\n')).map((line) => line.trim()).filter(Boolean);
}

/** Each source field's answer that is not empty: {name, value}. */
export function carriedAnswers(answers, fields) {
  return fields.filter((name) => answers[name]).map((name) => ({ name, value: answers[name] }));
}
