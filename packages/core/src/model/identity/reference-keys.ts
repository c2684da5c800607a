/**
 * What a reference, as written in any document, says about the feature it names: ids, a spec folder,
 * a bare number, names. The first step of feature identity (docs/identity.md).
 */
import { memoise } from '../memo.js';
import { asciiFirst, isAscii } from '../../text/ascii.js';
import { slugify } from '../../text/plain-text.js';
import { storyLabel } from '../../text/spec-numbers.js';

/** An id written in a reference, normalised: `F-003`, `f3`, `F_3` → prefix `F`, number `3`. */
export interface IdToken {
  /** Upper-case letters before the number; empty for a bare numeric id. */
  prefix: string;
  /** The number without leading zeros. */
  number: string;
  /** As written. */
  raw: string;
}

/** What a reference says about the feature it names. */
export interface ReferenceKeys {
  /** Ids in the order written. */
  ids: IdToken[];
  /** A spec folder, agent spec or Conductor track the reference points at (`specs/003-tags`, `.agent/specs/tags.md`, `tracks/tags_20260101`). */
  spec?: { folder: string; number?: string; slug: string };
  /** A reference that is only a number (`3`, `#3`, `003`). */
  number?: string;
  /** Normalised names, most specific first: the whole text, then the text without ids and numbering. */
  names: string[];
}

/** Prefixes that all mean "feature", so `FEAT-3` finds `F-003` when nothing is literally called `FEAT-3`. */
export const FEATURE_FAMILY = new Set(['F', 'FEAT', 'FEATURE']);

const MAX_REFERENCE = 500;

/** Words that say "no reference" where a dependency or entry was expected. */
export const NOTHING = new Set(['', 'none', 'n-a', 'na', 'nothing', 'tbd']);

/** `003` → `3`; dotted ids keep their parts: `1.02` → `1.2`. */
export function stripZeros(digits: string): string {
  if (!digits.includes('.')) return digits.startsWith('0') ? digits.replace(/^0+(?=\d)/, '') : digits;
  return digits
    .split('.')
    .map((part) => part.replace(/^0+(?=\d)/, ''))
    .join('.');
}

export function idKey(prefix: string, number: string): string {
  return `${prefix}-${number}`;
}

/** Links, emphasis, code marks and HTML removed; link targets returned separately because they may name spec folders. */
export function stripMarkdown(text: string): { text: string; targets: string[] } {
  const targets: string[] = [];
  let out = text.replace(/!?\[([^\][\n]*)\]\(([^()\s]*)(?:[^\S\n][^()\n]*)?\)/g, (_m, label: string, url: string) => {
    targets.push(url);
    return label;
  });
  out = out.replace(/<([^<>\s]+)>/g, (_m, inner: string) => {
    if (/^[a-z][\w+.-]*:|\//i.test(inner) || inner.includes('specs/')) targets.push(inner);
    return ' ';
  });
  out = out.replace(/\[([^\][\n]*)\]\[[^\][\n]*\]/g, '$1');
  out = out.replace(/\*+|`+|~~/g, '');
  return { text: out.replace(/\s+/g, ' ').trim(), targets };
}

/**
 * The text without its priority tags: `[P1]` and `(P2)` beside a name (`01 [P1][Test] Add the failing tests`)
 * rank it; they are not the id `P-1`, nor part of its name. Read as ids, every entry of one priority would be one
 * feature. A text that is only a tag keeps it.
 */
export function withoutPriorityTags(text: string): string {
  if (!text.includes('P')) return text;
  const untagged = text.replace(/[[(]P\d[)\]]/gu, ' ');
  return untagged.trim() === '' ? text : untagged;
}

/** Emoji, keycaps and variation selectors: decoration that must not change what a title means. */
export function stripEmoji(text: string): string {
  // Keycaps and pictographs are not ASCII: ASCII text has none, and skips compiling the classes.
  if (isAscii(text)) return text;
  return text.replace(/[0-9#*]\uFE0F?\u20E3/gu, ' ').replace(/[\p{Extended_Pictographic}\uFE0E\uFE0F\u200D]/gu, ' ');
}

/** `1. Tags`, `2) Tags`, `(3) Tags`, `4 — Tags`, `5: Tags` → `Tags`. */
export function stripNumbering(text: string): string {
  return text.replace(/^\s*(?:\(\d{1,4}\)|\d{1,4}[.)](?!\d)|\d{1,4}\s*[-–—:](?=\s))\s*/u, '');
}

/** `Feature Specification: Tags` (the Spec Kit title), `Track Specification: Tags` (Conductor's) → `Tags`. */
export function stripSpecTitleLabel(text: string): string {
  return text.replace(/^\s*(?:(?:(?:feature|track)\s+)?spec(?:ification)?|story\s+\d{1,3}(?:[.-][a-z]?\d{1,3}[a-z]?){0,2}|功能规格(?:说明)?|功能規格(?:說明)?|機能仕様書?)\s*[:：—–-]\s*/iu, '');
}

/** How many answers `normaliseName`, `referenceKeys` and whole ids keep (see `memoise`). */
export const MEMO_LIMIT = 50_000;

/** Zeros that pad a number (`Phase 06`, `Sprint 007`), not those of a decimal part (`v1.05`). */
const paddingZeros = asciiFirst(String.raw`(?<![\p{L}\p{N}.,])0+(?=\d)`, 'gu');

/**
 * The key titles and names are compared by: case, punctuation, emoji, markup, leading numbering and the zeros that
 * pad a number ignored (`Phase 6` is `Phase 06`); CJK kept.
 */
export const normaliseName: (text: string) => string = memoise((text) => {
  const name = stripNumbering(stripEmoji(stripMarkdown(text).text)).trim();
  return slugify(name.includes('0') ? name.replace(paddingZeros(name), '') : name);
}, MEMO_LIMIT);

// `RW_0.1a` is one id with a letter at its end, not `RW_0` followed by words: a part of the number is never left behind.
// `FE-TX-001` is one id of the scheme `FE-TX`, not `TX-001`: a table that numbers each area apart (`FE-001`, `FE-TX-001`,
// `TX-001`) keeps them apart, and so is `PX-M0-01`, task 1 of the scheme `PX-M0`, not milestone M0. Only upper-case parts
// join, so `release-phase-2` stays `phase-2`.
const idPattern = asciiFirst(String.raw`(?<![\p{L}\p{N}])([A-Z]{1,8}(?:[-_][A-Z]{1,8}\d{0,3}){1,2}(?=[-_]\d)|[A-Za-z]{1,8})([-_]?)(\d{1,9}(?:\.\d{1,9}){0,4})(?![\p{L}\p{N}]|\.\d)`, 'gu');
const featureWordPattern = asciiFirst(String.raw`(?<![\p{L}\p{N}])(feature|feat)\s+#?(\d{1,9})(?![\p{L}\p{N}])`, 'giu');
const speckitPath = asciiFirst(String.raw`specs\/(\d{1,6})([a-z]?)([-_])([\p{L}\p{N}][\p{L}\p{N}_-]*)`, 'u');
const agentPath = asciiFirst(String.raw`\.agent\/specs\/([\p{L}\p{N}][\p{L}\p{N}_.-]*)`, 'u');
/** A Conductor track's folder (`conductor/tracks/csv_export_20260102`, `./archive/csv_export_20260102/` from the registry). */
const trackPath = asciiFirst(String.raw`(?:^|\/)(?:tracks|archive)\/([\p{L}\p{N}][\p{L}\p{N}_-]*)`, 'u');
/** A Conductor track id as a whole: a name, then the date the track was made. */
const TRACK_ID = /^([a-z0-9][a-z0-9_-]*)[-_]\d{8}$/i;
/**
 * A spec folder written as Kiro's, in `.kiro/specs/` or a `.specs/` folder, or in a `features/` folder beside it
 * (`.specs/features/integration/spec.md`, `../features/integration/`, `.kiro/specs/sharing/tasks.md`).
 */
const featureFolderPath = asciiFirst(String.raw`(?:(?:^|\/)\.kiro\/specs\/|(?:^|\/)\.specs\/(?:features\/)?|(?:^|\/)features\/)([\p{L}\p{N}][\p{L}\p{N}_-]*)\/(?:(?:spec|requirements|design|tasks)\.md)?$`, 'u');
const folderOnly = asciiFirst(String.raw`^(\d{1,6})([-_])([\p{L}\p{N}][\p{L}\p{N}_-]*)\/?$`, 'u');

/**
 * An id-shaped token is one a person wrote as an id: an upper-case prefix (`F003`, `US1`) or a separator
 * (`f-3`). Mixed-case words with digits (`OAuth2`, `v2`) are names, not ids.
 */
function isIdShaped(prefix: string, separator: string): boolean {
  return separator !== '' || prefix === prefix.toUpperCase();
}

/** The area and number after a glued prefix: the `-IMP-263` of `VS3-IMP-263`. */
const AREA_ID = /^-([A-Za-z]{1,8})-(\d{1,9})(?![\p{L}\p{N}]|\.\d)/u;

const SUB_NUMBER = /^-(\d{1,3})(?![\p{L}\p{N}_]|[.-]\d)/u;

/** One capital letter after an id's number and a hyphen: the part of the item it names (`TASK-14-B`). */
const LETTER_PART = /^-([A-Z])(?![\p{L}\p{N}_-])/u;

/**
 * The item number after an id's own (`P11-5`: item 5 of P11, read as `P11.5`), so the items of one group stay
 * apart. Two zero-padded numbers (`T001-005`) are a range, not an item.
 */
function subNumber(number: string, text: string, end: number): string | undefined {
  if (text.charCodeAt(end) !== 45 || number.includes('.')) return undefined;
  const sub = SUB_NUMBER.exec(text.slice(end, end + 6))?.[1];
  if (sub === undefined || (number.startsWith('0') && sub.startsWith('0'))) return undefined;
  return sub;
}

export function findIds(text: string): Array<IdToken & { start: number; end: number }> {
  const found: Array<IdToken & { start: number; end: number }> = [];
  for (const m of text.matchAll(featureWordPattern(text))) {
    const digits = m[2] ?? '';
    found.push({ prefix: 'FEATURE', number: stripZeros(digits), raw: m[0], start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(idPattern(text))) {
    const prefix = m[1] ?? '';
    const separator = m[2] ?? '';
    if (!isIdShaped(prefix, separator)) continue;
    if (found.some((f) => m.index >= f.start && m.index < f.end)) continue;
    const end = m.index + m[0].length;
    const area = separator === '' && prefix === prefix.toUpperCase() ? AREA_ID.exec(text.slice(end, end + 24)) : null;
    if (area) {
      // `VS3-IMP-263` is one id of the scheme `VS3-IMP`, not `VS3` followed by words: every row of such a table would
      // otherwise share the id `VS3`.
      found.push({ prefix: `${prefix.toUpperCase()}${m[3]}-${(area[1] ?? '').toUpperCase()}`, number: stripZeros(area[2] ?? ''), raw: `${m[0]}${area[0]}`, start: m.index, end: end + area[0].length });
      continue;
    }
    const sub = subNumber(m[3] ?? '', text, end);
    // `TASK-14-B`: part B of task 14, as `F-014b` is; each part is an id of its own.
    const letter = sub === undefined && separator !== '' ? LETTER_PART.exec(text.slice(end, end + 3))?.[1] : undefined;
    const digits = sub !== undefined ? `${m[3]}.${sub}` : letter !== undefined ? `${m[3]}${letter.toLowerCase()}` : (m[3] ?? '');
    const raw = sub !== undefined ? text.slice(m.index, end + 1 + sub.length) : letter !== undefined ? text.slice(m.index, end + 2) : m[0];
    found.push({ prefix: prefix.toUpperCase(), number: stripZeros(digits), raw, start: m.index, end: m.index + raw.length });
  }
  return found.sort((a, b) => a.start - b.start);
}

function specFromText(text: string): ReferenceKeys['spec'] {
  // A track id alone (`core_logic_20260217`, a registry table's Track ID cell) names that track's folder.
  const bare = TRACK_ID.exec(text.trim());
  if (bare) return { folder: bare[0].toLowerCase(), slug: bare[1]! };
  if (text.includes('tracks/') || text.includes('archive/')) {
    // A track id ends in the date it was made (`csv_export_20260102`); under `conductor/` any folder is a track.
    const track = trackPath(text).exec(text);
    const id = track?.[1];
    const dated = id ? /[-_]\d{8}$/.exec(id) : null;
    if (id && (dated || text.includes('conductor/'))) return { folder: id, slug: dated && dated.index > 0 ? id.slice(0, dated.index) : id };
  }
  if (text.includes('specs/') || text.includes('features/')) {
    const folder = featureFolderPath(text).exec(text.trim());
    if (folder) return { folder: folder[1]!, slug: folder[1]! };
  }
  // Both paths contain `specs/`: text without it skips compiling their classes.
  if (!text.includes('specs/')) return undefined;
  const kit = speckitPath(text).exec(text);
  if (kit) {
    const number = kit[1] ?? '';
    const slug = (kit[4] ?? '').replace(/(?<![-_])[-_]+$/, '');
    // `specs/009b-audit/`: a folder put between 009 and 010 is named by its whole folder, not by 009's number.
    if (kit[2]) return { folder: `${number}${kit[2]}${kit[3] ?? '-'}${slug}`, slug };
    return { folder: `${number}${kit[3] ?? '-'}${slug}`, number: stripZeros(number), slug };
  }
  const agent = agentPath(text).exec(text);
  if (agent) {
    const slug = (agent[1] ?? '').replace(/\.md$/i, '').replace(/(?<![._-])[._-]+$/, '');
    return { folder: `.agent/specs/${slug}`, slug };
  }
  return undefined;
}

/** `referenceKeys`, shared: callers here only read it. */
export const keysOf: (reference: string) => Readonly<ReferenceKeys> = memoise(computeReferenceKeys, MEMO_LIMIT);

/** What a reference, as written in any document, says about the feature it names. */
export function referenceKeys(reference: string): ReferenceKeys {
  const shared = keysOf(reference);
  const keys: ReferenceKeys = { ids: shared.ids.map((id) => ({ ...id })), names: [...shared.names] };
  if (shared.spec) keys.spec = { ...shared.spec };
  if (shared.number !== undefined) keys.number = shared.number;
  return keys;
}

/** Whether the text after an id goes on to a part of it: `/P1`, `/S02` (another prefix than the id's own). */
function partOf(after: string, prefix: string): boolean {
  const part = /^\/([A-Za-z]{1,3})\d/u.exec(after);
  return part !== null && part[1]!.toUpperCase() !== prefix.toUpperCase();
}

function computeReferenceKeys(written: string): ReferenceKeys {
  // A reference is a name or a short label; a longer text is a paragraph, and the cap keeps every pattern cheap.
  const capped = written.length > MAX_REFERENCE ? written.slice(0, MAX_REFERENCE) : written;
  const { text, targets } = stripMarkdown(withoutPriorityTags(capped));
  const keys: ReferenceKeys = { ids: [], names: [] };

  for (const candidate of [text, ...targets]) {
    const spec = specFromText(candidate);
    if (spec) {
      keys.spec = spec;
      break;
    }
  }
  const cleaned = stripEmoji(text).trim();
  if (!keys.spec) {
    const folder = folderOnly(cleaned).exec(cleaned);
    if (folder) {
      const number = folder[1] ?? '';
      const slug = (folder[3] ?? '').replace(/(?<![-_])[-_]+$/, '');
      keys.spec = { folder: `${number}${folder[2] ?? '-'}${slug}`, number: stripZeros(number), slug };
    }
  }

  // Spec paths contain digits; they are read above and must not also be read as ids or names.
  const withoutPaths = !cleaned.includes('specs/')
    ? cleaned
    : cleaned
        .replace(/(?:\.{0,2}\/)?(?:(?<![\w.-])[\w.-]{1,100}\/)?specs\/\d{1,6}[-_][\p{L}\p{N}_-]*(?:\/[^\s)]*)?/gu, ' ')
        .replace(/(?:\.{0,2}\/)?\.agent\/specs\/[\p{L}\p{N}_.-]*/gu, ' ');

  const bare = /^#?(\d{1,9})$/.exec(withoutPaths.trim());
  if (bare && !keys.spec) keys.number = stripZeros(bare[1] ?? '');
  // `Story 2.3`, as BMAD's epics head a story: the story numbered 2.3, whatever its file is called.
  const story = bare ? undefined : storyLabel(withoutPaths.trim());
  if (story && story.length === withoutPaths.trim().length && !keys.spec) keys.number = story.number;

  // `M4/P1 agent brief` names phase 1 of M4, a part, not M4: an id followed by `/` and an id of another prefix is left out.
  const ids = bare ? [] : findIds(withoutPaths).filter((id) => !partOf(withoutPaths.slice(id.end, id.end + 8), id.prefix));
  keys.ids = ids.map(({ prefix, number, raw }) => ({ prefix, number, raw }));

  const full = normaliseName(withoutPaths);
  let stripped = withoutPaths;
  for (const id of [...ids].reverse()) stripped = stripped.slice(0, id.start) + ' ' + stripped.slice(id.end);
  stripped = stripped.replace(/[()[\]{}（）【】]/gu, ' ').replace(/^[\s:：—–|,-]+|(?<![\s:：—–|,-])[\s:：—–|,-]+$/gu, '');
  const short = normaliseName(stripped);
  for (const name of [full, short]) if (name && !keys.names.includes(name) && !/^\d+$/.test(name)) keys.names.push(name);
  return keys;
}

