/* Tool field specs (pure): lookups built from the shape in docs/schemas/tool-specs-v1.schema.json. */

/** 'Tool 9: Organizational Assessment'. */
export const toolName = (spec) => 'Tool ' + spec.number + ': ' + spec.title;

/** Field name → [rows table, row number] for every cell a repeating table can have. */
export function rowIndex(spec) {
  const rowOf = new Map();
  for (const table of spec.rows) {
    for (let n = 1; n <= table.max_rows; n++) {
      for (const col of table.columns) rowOf.set(rowFieldName(table.id, n, col.id), [table, n]);
    }
  }
  return rowOf;
}

export const rowFieldName = (tableId, n, columnId) => tableId + '_' + n + '_' + columnId;

/** The answered names in table rows beyond those printed (so not in the tool's PDF). */
export function rowsNotPrinted(spec, answers, rowOf = rowIndex(spec)) {
  return Object.keys(answers).filter((name) => {
    const at = rowOf.get(name);
    return at !== undefined && at[1] > at[0].rows;
  });
}

/** How many rows each table needs to show `answers`: its printed rows, or more for answers
    in later rows; with `fit` false, at least `current(table)` rows are kept. */
export function rowCounts(spec, rowOf, answers, fit, current) {
  const counts = new Map(spec.rows.map((t) => [t, fit ? t.rows : current(t)]));
  for (const name of Object.keys(answers)) {
    const at = rowOf.get(name);
    if (at) counts.set(at[0], Math.max(counts.get(at[0]), at[1]));
  }
  return counts;
}
