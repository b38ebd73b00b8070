// Team statistics against hand-computed values (written out here, never computed by stats.js).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  choiceStats, countAnswers, elementStats, extremes, mean, median, ratingStats, startingRating, tickStats,
} from '../../docs/javascripts/stats.js';

test('mean and median, odd and even counts, unsorted input', () => {
  assert.equal(mean([2, 4, 5]), 11 / 3);
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([5, 1, 3, 2]), 2.5); // 1 2 | 3 5
  assert.equal(mean([]), null);
  assert.equal(median([]), null);
});

test('a rating item with D/K, a blank and a disagreement', () => {
  // Ratings 2, 4, 5: n 3, mean 11/3, median 4, spread 5 − 2 = 3 ≥ 2.
  assert.deepEqual(ratingStats(['2', '4', 'dk', '5', '']), {
    members: 5, n: 3, dk: 1, blank: 1, mean: 11 / 3, median: 4, low: 2, high: 5, spread: 3, disagree: true,
  });
});

test('D/K only: no mean, no median, no spread, and the starting point is D/K', () => {
  const stats = ratingStats(['dk', 'dk', '']);
  assert.deepEqual(stats, {
    members: 3, n: 0, dk: 2, blank: 1, mean: null, median: null, low: null, high: null, spread: null, disagree: false,
  });
  assert.equal(startingRating(stats), 'dk');
});

test('one member: their answer is the team’s', () => {
  const stats = ratingStats(['4']);
  assert.equal(stats.mean, 4);
  assert.equal(stats.median, 4);
  assert.equal(stats.spread, 0);
  assert.equal(startingRating(stats), '4');
});

test('an empty tool or item: nothing to count, nothing to adopt', () => {
  for (const answers of [[], ['', '']]) {
    const stats = ratingStats(answers);
    assert.equal(stats.n, 0);
    assert.equal(stats.mean, null);
    assert.equal(stats.disagree, false);
    assert.equal(startingRating(stats), '');
  }
});

test('starting point: a half-point median (a tie) is rounded down; spread 2 is left for the team', () => {
  assert.equal(ratingStats(['3', '4']).median, 3.5);
  assert.equal(startingRating(ratingStats(['3', '4'])), '3');
  assert.equal(startingRating(ratingStats(['4', '5', '5'])), '5'); // spread 1: adopted
  assert.equal(ratingStats(['3', '5']).disagree, true); // spread exactly 2
  assert.equal(startingRating(ratingStats(['3', '5'])), '');
  assert.equal(startingRating(ratingStats(['dk', '4'])), ''); // as many D/K as ratings
  assert.equal(startingRating(ratingStats(['dk', '4', '4', ''])), '4');
});

test('choices: counts per value and whether members differ', () => {
  const values = ['yes', 'in_progress', 'no'];
  assert.deepEqual(choiceStats(['yes', 'no', '', 'yes', 'in_progress'], values), {
    members: 5, counts: { yes: 2, in_progress: 1, no: 1 }, answered: 4, blank: 1, differ: true,
  });
  assert.equal(choiceStats(['yes', 'yes', ''], values).differ, false);
  assert.equal(choiceStats([], values).answered, 0);
  assert.deepEqual(countAnswers(['1', 'dk', '1', ''], ['1', '2', 'dk']), { 1: 2, 2: 0, dk: 1 });
});

test('tick boxes: how many ticked, and whether members differ', () => {
  assert.deepEqual(tickStats(['yes', '', 'yes']), { members: 3, ticked: 2, differ: true });
  assert.deepEqual(tickStats(['yes', 'yes']), { members: 2, ticked: 2, differ: false });
  assert.deepEqual(tickStats(['', '']), { members: 2, ticked: 0, differ: false });
});

test('an element pools every rating and spans the members’ averages', () => {
  // A: 4, 5, D/K → average 4.5; B: 2, blank, 3 → 2.5; C: D/K ×3 → no average.
  // Pooled: 4 + 5 + 2 + 3 = 14 over 4 ratings = 3.5; D/K 4 of 8 answers given = 0.5.
  assert.deepEqual(elementStats([['4', '5', 'dk'], ['2', '', '3'], ['dk', 'dk', 'dk']]), {
    n: 4, dk: 4, answered: 8, mean: 3.5, low: 2.5, high: 4.5, dkShare: 0.5,
  });
  assert.deepEqual(elementStats([['', '']]), { n: 0, dk: 0, answered: 0, mean: null, low: null, high: null, dkShare: null });
});

test('extremes keep ties together and leave out what has no score', () => {
  const entries = [{ id: 'a', m: 3.5 }, { id: 'b', m: 4.5 }, { id: 'c', m: null }, { id: 'd', m: 4.5 }, { id: 'e', m: 2 }];
  const { highest, lowest } = extremes(entries, (e) => e.m);
  assert.deepEqual(highest.map((e) => e.id), ['b', 'd']);
  assert.deepEqual(lowest.map((e) => e.id), ['e']);
  assert.deepEqual(extremes([{ m: null }], (e) => e.m), { highest: [], lowest: [] });
});
