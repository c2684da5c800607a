/** A story's number: an epic's, a story's and perhaps a part's, up to three digits each and a letter (`1.12`, `3.6a`, `2.1.D10`). */
const STORY_NUMBER = /^(\d{1,3})\.(\d{1,3})([a-z]?)(?:\.[a-z]?(\d{1,3})([a-z]?))?$/i;

/**
 * Where a spec's number puts it in the order of work: `003` is 3; a story's `1.12` (epic 1, story 12) comes after
 * `1.2` and before `2.1`, its parts (`3.1.2`) and lettered stories (`3.1a`) after it. Undefined for none.
 */
export function specOrdinal(number: string | undefined): number | undefined {
  if (number === undefined) return undefined;
  if (/^\d+$/.test(number)) return Number.parseInt(number, 10);
  const story = STORY_NUMBER.exec(number);
  if (!story) return undefined;
  const letter = (suffix: string | undefined): number => (suffix ? (suffix.toLowerCase().charCodeAt(0) - 96) / 100 : 0);
  return Number(story[1]) * 1e6 + (Number(story[2]) + letter(story[3])) * 1e3 + Number(story[4] ?? 0) + letter(story[5]);
}

/** A story named by its epic's and its own number, as BMAD's epics head one (`Story 2.3: Checkout`, `story 3.6a`). */
const STORY_LABEL = /^story\s+(\d{1,3}\.\d{1,3}(?:\.\d{1,3})?[a-z]?)(?![\w.])/iu;

/** The story number a label starts with (`2.3` of `Story 2.3: Checkout`), and how long the `Story 2.3` part is. */
export function storyLabel(text: string): { number: string; length: number } | undefined {
  const found = STORY_LABEL.exec(text);
  return found ? { number: found[1]!.toLowerCase(), length: found[0].length } : undefined;
}
