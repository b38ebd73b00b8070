/* Team statistics (pure): what several members' answers to one item, or to one element's items,
   add up to. A rating is a numbered option ('1' … '5'); D/K answers and blanks ('') are counted
   apart and never enter a mean, a median or a spread. */

export const DK = 'dk';
/** Ratings this many points apart or more (highest − lowest) mark an item where members disagree. */
const DISAGREEMENT_SPREAD = 2;

const isRating = (answer) => /^\d+$/.test(answer);

export function mean(numbers) {
  return numbers.length ? numbers.reduce((a, b) => a + b, 0) / numbers.length : null;
}

/** The middle value, or the mean of the two middle values; null for no values. */
export function median(numbers) {
  if (!numbers.length) return null;
  const sorted = [...numbers].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** How often each of `values` was answered. */
export function countAnswers(answers, values) {
  const counts = Object.fromEntries(values.map((v) => [v, 0]));
  for (const answer of answers) if (answer in counts) counts[answer]++;
  return counts;
}

/** One rating item, from each member's answer ('' for none). `n` counts ratings, D/K apart. */
export function ratingStats(answers) {
  const ratings = answers.filter(isRating).map(Number);
  const dk = answers.filter((a) => a === DK).length;
  const low = ratings.length ? Math.min(...ratings) : null;
  const high = ratings.length ? Math.max(...ratings) : null;
  const spread = ratings.length ? high - low : null;
  return {
    members: answers.length, n: ratings.length, dk, blank: answers.length - ratings.length - dk,
    mean: mean(ratings), median: median(ratings), low, high, spread,
    disagree: spread !== null && spread >= DISAGREEMENT_SPREAD,
  };
}

/** One choice item (yes / in progress / no, …): counts per value; members differ when they gave
    more than one answer between them (blanks aside). */
export function choiceStats(answers, values) {
  const counts = countAnswers(answers, values);
  const answered = Object.values(counts).reduce((a, b) => a + b, 0);
  return { members: answers.length, counts, answered, blank: answers.length - answered,
    differ: values.filter((v) => counts[v] > 0).length > 1 };
}

/** One tick box: how many members ticked it; they differ when some did and some did not. */
export function tickStats(answers) {
  const ticked = answers.filter((a) => a === 'yes').length;
  return { members: answers.length, ticked, differ: ticked > 0 && ticked < answers.length };
}

/** The team's starting point for a rating item: the median of the ratings, a half point rounded
    down (3.5 → 3); D/K when every answer was D/K; '' (left for the team) when nobody answered,
    when ratings spread DISAGREEMENT_SPREAD points or more, or when D/K answers are at least as
    many as ratings. */
export function startingRating(stats) {
  if (stats.n === 0) return stats.dk > 0 ? DK : '';
  if (stats.disagree || stats.dk >= stats.n) return '';
  return String(Math.floor(stats.median));
}

/** One element (several rating items), from each member's answers to its items. Its mean pools
    every rating given (each counts once); `low` and `high` are the lowest and highest member
    average; `dkShare` is the D/K answers' share of the answers given. */
export function elementStats(memberAnswers) {
  const ratings = [];
  const memberMeans = [];
  let dk = 0;
  for (const answers of memberAnswers) {
    const own = answers.filter(isRating).map(Number);
    ratings.push(...own);
    if (own.length) memberMeans.push(mean(own));
    dk += answers.filter((a) => a === DK).length;
  }
  const answered = ratings.length + dk;
  return {
    n: ratings.length, dk, answered, mean: mean(ratings),
    low: memberMeans.length ? Math.min(...memberMeans) : null,
    high: memberMeans.length ? Math.max(...memberMeans) : null,
    dkShare: answered ? dk / answered : null,
  };
}

/** The entries with the highest and the lowest `score` (ties kept together; null scores left out). */
export function extremes(entries, score) {
  const scored = entries.filter((e) => score(e) !== null);
  if (!scored.length) return { highest: [], lowest: [] };
  const values = scored.map(score);
  const top = Math.max(...values), bottom = Math.min(...values);
  const near = (a, b) => Math.abs(a - b) < 1e-9;
  return { highest: scored.filter((e) => near(score(e), top)), lowest: scored.filter((e) => near(score(e), bottom)) };
}
