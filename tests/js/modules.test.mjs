// The pure modules stay pure: no page, no window, and they import only each other.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const PURE = ['answers.js', 'csv.js', 'format.js', 'members.js', 'carried.js', 'migrate.js', 'progress.js', 'records.js', 'spec.js', 'stats.js',
  'storage.js', 'team-report.js'];
const source = (name) => readFileSync(new URL('../../docs/javascripts/' + name, import.meta.url), 'utf8');

for (const name of PURE) {
  test(name + ' uses no DOM and imports only pure modules', () => {
    const code = source(name).replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    assert.doesNotMatch(code, /\b(document|window|navigator|location)\b/);
    for (const [, imported] of code.matchAll(/from '\.\/([^']+)'/g)) {
      assert.ok(PURE.includes(imported), name + ' imports ' + imported);
    }
  });
}
