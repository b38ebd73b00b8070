/* Page elements built in code. Text only ever goes in as text nodes, never parsed as HTML. */

/** An element with attributes (true: present and empty; false or null: left out) and children
    (strings become text; null and false are skipped). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children.flat().filter((c) => c !== null && c !== false && c !== undefined));
  return node;
}

/** A cell's text, or a dash read out as 'No answer' when it is empty. */
export const orNoAnswer = (text) => (text !== ''
  ? text : [el('span', { 'aria-hidden': 'true' }, '—'), el('span', { class: 'tool-sr' }, 'No answer')]);

/** A message line as the toolbars show them (tools.css), with any links or buttons after it. */
export const messageLine = (text, isError, ...more) => el('p',
  { class: 'tool-message' + (isError ? ' tool-message--error' : '') }, text, ...more);
