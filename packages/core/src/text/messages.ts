/**
 * What govern's messages share: links to its documentation (a user has govern installed, not a copy
 * of its repository, so a message names a page by URL), the closest known name for a misspelt one,
 * and text cut to a length with a mark that it was cut.
 */

/** govern's repository. */
export const REPOSITORY_URL = 'https://github.com/govern-dev/govern';

/** A page of govern's documentation (`docs/<page>` in the repository), by URL: `docsUrl('formats/state.md')`. */
export function docsUrl(page: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/${page}`;
}

/** The config schema by absolute URL, for a config whose directory has no installed copy of it. */
export const CONFIG_SCHEMA_URL = 'https://raw.githubusercontent.com/govern-dev/govern/main/packages/core/schema/config.schema.json';

/** `text` whole when it has at most `max` characters, else its first `max - 1` and `…`. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * The known name a misspelt `name` most likely meant: the nearest by edits, ignoring case, when at
 * most a third of the shorter word differs (a word under three characters may differ only in case).
 * `key` reduces each name to what is compared (`--json` and `-j` compare as `json` and `j`); on a tie
 * the earlier known name wins.
 */
export function closestName(name: string, known: readonly string[], key: (name: string) => string = (n) => n): string | undefined {
  const typed = key(name).toLowerCase();
  if (typed.length > 100) return undefined;
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const compared = key(candidate).toLowerCase();
    const shorter = Math.min(typed.length, compared.length);
    const distance = editDistance(typed, compared);
    if (distance > (shorter < 3 ? 0 : Math.max(1, Math.floor(shorter / 3)))) continue;
    if (!best || distance < best.distance) best = { name: candidate, distance };
  }
  return best?.name;
}

/** `; did you mean "<closest>"?` when a known name is close to `name`, else ''. */
export function didYouMean(name: string, known: readonly string[], key?: (name: string) => string): string {
  const closest = closestName(name, known, key);
  return closest === undefined ? '' : `; did you mean "${closest}"?`;
}

/** Names joined for a sentence: `a`, `a and b`, `a, b and c`. */
export function andList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
