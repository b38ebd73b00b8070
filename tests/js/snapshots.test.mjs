import assert from 'node:assert/strict';
import { test } from 'node:test';

import { mergeSnapshots } from '../../docs/javascripts/snapshots.js';

const snap = (name, taken) => ({ name, taken, tools: {} });

test('mergeSnapshots adds the snapshots not kept yet, in the order they were taken', () => {
  const kept = [snap('January', '2026-01-15T10:00:00Z'), snap('July', '2026-07-15T10:00:00Z')];
  const incoming = [snap('July', '2026-07-15T10:00:00Z'), snap('March', '2026-03-01T09:00:00Z'),
    snap('March', '2026-03-01T09:00:00Z'), snap('January', '2026-01-20T10:00:00Z')];
  assert.deepEqual(mergeSnapshots(kept, incoming).map((s) => s.name + ' ' + s.taken.slice(0, 10)), [
    'January 2026-01-15', 'January 2026-01-20', 'March 2026-03-01', 'July 2026-07-15']);
  assert.deepEqual(mergeSnapshots(kept, []), kept);
});
