/* CSV text for spreadsheets (pure): UTF-8 with a byte-order mark so Excel reads accents, every
   cell quoted, CRLF line ends, and any cell a spreadsheet would run as a formula kept as text. */

const FORMULA_START = /^[=+\-@\t\r]/;
/** A signed number ('+2.00', '-0.5') is a number to a spreadsheet, never a formula. */
const SIGNED_NUMBER = /^[+-]\d+(\.\d+)?$/;

/** One cell: quoted with inner quotes doubled; text starting with = + - @ (or a tab or carriage
    return) gets a leading apostrophe so that it is never run as a formula. */
export function csvCell(value) {
  const text = String(value);
  return '"' + (FORMULA_START.test(text) && !SIGNED_NUMBER.test(text) ? "'" + text : text).replace(/"/g, '""') + '"';
}

/** The whole file's text, from rows of cells. */
export function csvText(rows) {
  return '\uFEFF' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
