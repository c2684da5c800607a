/** A priority as a rank, 0 the most urgent: `P0`/`critical` 0, `P1`/`high` 1, `P2`/`medium` 2, `P3`/`low` 3, `P4`+/`someday` 4. */
export interface PriorityRank {
  rank: number;
  /** As written. */
  raw: string;
}

/** The rank an entry without a written priority counts as, when others in its list have one: medium, P2. */
export const DEFAULT_PRIORITY_RANK = 2;

/** The first priority word decides: `⚠️ High` is high, `P1 MVP` is P1. */
const PRIORITY_WORDS =
  /\b(?:p(\d{1,2})|priority\s?#?(\d{1,2})|(critical|blocker|urgent|highest|top)|(high|must(?:[- ]have)?)|(medium|med|normal|moderate|should(?:[- ]have)?)|(lowest|won'?t(?:[- ]have)?|someday)|(low|could(?:[- ]have)?|nice[- ]to[- ]have))\b/iu;
/** Colour marks, read only where a priority is expected (a Priority column or label, a priority heading). */
const PRIORITY_MARKS: ReadonlyArray<[string, number]> = [
  ['🔥', 0],
  ['🔴', 1],
  ['🟠', 2],
  ['🟡', 2],
  ['🟢', 3],
];
const WORD_RANKS = [0, 1, 2, 4, 3];

/**
 * The rank of a priority as written (`P0`, `High`, `Must-have`, `Priority 1`, `🔥 Critical`, `🟡`); undefined for
 * a value that is no priority govern knows (`DEFERRED`). Words win over colour marks.
 */
export function normalisePriority(raw: string | undefined): PriorityRank | undefined {
  if (raw === undefined) return undefined;
  const text = raw.trim();
  if (text.length === 0 || text.length > 200) return undefined;
  const match = PRIORITY_WORDS.exec(text);
  if (match) {
    const number = match[1] ?? match[2];
    if (number !== undefined) return { rank: Math.min(Number(number), 4), raw: text };
    const group = match.slice(3).findIndex((g) => g !== undefined);
    if (group >= 0) return { rank: WORD_RANKS[group]!, raw: text };
  }
  for (const [mark, rank] of PRIORITY_MARKS) if (text.includes(mark)) return { rank, raw: text };
  return undefined;
}
