/* Progress through the tools (pure), counted as a person would: each question once; a
   question-table row, or a whole repeating-rows table, once any of its boxes is filled; optional
   "Notes:" boxes not at all. A field counts toward its spec `unit`; a field without one is
   optional. */

/** The tool's progress units in reading order: {id, names}. */
export function progressUnits(spec) {
  const units = new Map();
  for (const field of spec.fields) {
    if (!field.unit) continue;
    if (!units.has(field.unit)) units.set(field.unit, []);
    units.get(field.unit).push(field.name);
  }
  return [...units].map(([id, names]) => ({ id, names }));
}

const isAnswered = (unit, answers) => unit.names.some((name) => answers[name]);

/** {answered, total} for a tool's answers. */
export function toolProgress(spec, answers) {
  const units = progressUnits(spec);
  return { answered: units.filter((unit) => isAnswered(unit, answers)).length, total: units.length };
}

/** The first field of the first unanswered unit after field `after` (from the top when absent
    or last), or null when every unit is answered. */
export function nextUnanswered(spec, answers, after) {
  const units = progressUnits(spec);
  const start = after ? units.findIndex((unit) => unit.names.includes(after)) + 1 : 0;
  const open = [...units.slice(start), ...units.slice(0, start)].find((unit) => !isAnswered(unit, answers));
  return open ? open.names[0] : null;
}

/** The next tool in the toolkit's order (tool number): the first one started but not finished,
    else the first not started; null when every tool is complete. `progress` maps slug to
    {answered, total}. */
export function suggestedTool(specs, progress) {
  const ordered = [...specs].sort((a, b) => a.number - b.number);
  const open = ordered.filter((spec) => progress[spec.slug].answered < progress[spec.slug].total);
  return open.find((spec) => progress[spec.slug].answered > 0) || open[0] || null;
}
