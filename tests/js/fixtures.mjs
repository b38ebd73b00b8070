// A small hand-written tool spec in the tool-specs-v1 shape, shared by the unit tests.

export const SPEC = {
  slug: '02-sample', number: 2, title: 'Sample Checklist', version: 3, element: 'IE2',
  page: 'tools/02-sample/', pdf: 'pdf/ps-cope-tool-02-sample.pdf', chapter: 'x/#ie2',
  groups: [{ id: 'ie2', heading: 'Infrastructure 2', element: 'IE2' }],
  fields: [
    { name: 'safe_space', kind: 'radio', label: '1. Safe space', group: 'ie2',
      options: [{ value: 'yes', label: 'Yes' }, { value: 'in_progress', label: 'In Progress' }, { value: 'no', label: 'No' }] },
    { name: 'reviewed_on', kind: 'date', label: 'Reviewed on' },
    { name: 'agree', kind: 'checkbox', label: 'We agree' },
    { name: 'notes', kind: 'long_text', label: 'Notes' },
    { name: 'people_1_name', kind: 'text', label: 'Row 1: Name' },
    { name: 'people_1_role', kind: 'text', label: 'Row 1: Role' },
    { name: 'people_2_name', kind: 'text', label: 'Row 2: Name' },
    { name: 'people_2_role', kind: 'text', label: 'Row 2: Role' },
    { name: 'people_3_name', kind: 'text', label: 'Row 3: Name' },
    { name: 'people_3_role', kind: 'text', label: 'Row 3: Role' },
  ],
  rows: [{ id: 'people', title: 'People', rows: 1, max_rows: 3,
    columns: [{ id: 'name', label: 'Name', kind: 'text' }, { id: 'role', label: 'Role', kind: 'text' }] }],
};

/** A Storage stand-in; `refuse` makes every write throw like a full or blocked store. */
export class MemoryStorage {
  constructor(entries = {}, refuse = false) {
    this.map = new Map(Object.entries(entries));
    this.refuse = refuse;
  }
  get length() { return this.map.size; }
  key(i) { return [...this.map.keys()][i] ?? null; }
  getItem(key) { return this.map.has(key) ? this.map.get(key) : null; }
  setItem(key, value) {
    if (this.refuse) throw new Error('QuotaExceededError');
    this.map.set(key, String(value));
  }
  removeItem(key) {
    if (this.refuse) throw new Error('SecurityError');
    this.map.delete(key);
  }
}
