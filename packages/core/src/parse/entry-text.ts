import type { List, ListItem, Node, Paragraph, PhrasingContent, Root, RootContent, Table } from 'mdast';
import { bracketNote, plainText, splitAround } from '../text/plain-text.js';
import { bracketedState, isMarkMatch, leadingStateWord, stateMarkIn, type StateWordMatch } from '../text/state-words.js';
import { asciiFirst } from '../text/ascii.js';
import { clip } from '../text/messages.js';
import { findIds } from '../model/identity/reference-keys.js';

/**
 * The words of one list item, heading or table row that name a feature, its state and what it depends on.
 * Shared by the sequence and state parsers so both read `- [x] F-001 Tags (depends on F-000)` alike.
 */

/** `F-001`, `FEAT-3`, `B-010`, `F-018a`, `US-12`, `T-2.1`. Common acronyms with numbers are not feature ids. */
const HYPHEN_ID = String.raw`(?<![\p{L}\p{N}_/.-])([A-Z][A-Z0-9]{0,9}-\d{1,5}(?:\.\d{1,4}){0,2}[a-z]?)(?![\p{L}\p{N}_-])`;
const hyphenId = asciiFirst(HYPHEN_ID, 'u');
const hyphenIdAll = asciiFirst(HYPHEN_ID, 'gu');
/** `T012`, `F001`, `US12`: only at the start of an entry, where they cannot be a product name. */
/** `F012`, `M07`, `M07.4` (a sub-milestone of its own, not M07): letters, then two digits or more, then sub-numbers. */
const compactId = asciiFirst(String.raw`^([A-Z]{1,4}\d{2,5}(?:\.\d{1,3}){0,2}[a-z]?)(?![\p{L}\p{N}_-]|\.\d)`, 'u');
const issueRef = asciiFirst(String.raw`^(#\d{1,6})(?![\p{L}\p{N}_-])`, 'u');
/** What COMPACT_ID needs at the start: text without it skips compiling the pattern. */
const COMPACT_START = /^[A-Z]{1,4}\d{2}/;
/** `003-tags`, `specs/003-tags/`, `.agent/specs/tags.md` style folders start with a three- or four-digit number. */
const LONG_WORD = 1000;
const LONG_WORDS = new RegExp(`(?<!\\S)\\S{${LONG_WORD + 1},}`, 'g');
const SPEC_REF = /(?:^|[\s(\[`'"]|(?<![\w.-])\/)(?:[\w.-]+\/)*?(\d{3,4}-[a-z][a-z0-9]*(?:-[a-z0-9]+)*)(?:\/[\w./-]*)?(?=$|[\s)\]`'",.;:])/u;
const NOT_IDS = new Set(['UTF', 'ISO', 'SHA', 'AES', 'RSA', 'MD', 'TLS', 'SSL', 'IPV', 'HTTP', 'X', 'H', 'V', 'COVID', 'GPT', 'ES', 'ECMA', 'WCAG', 'PEP', 'GB', 'KB', 'MB', 'TB']);

const FEATURE_PREFIX = /^(?:feature|feat|step|item|story|epic|change|task)\s*#?\d+[a-z]?\s*(?:[:)\]]|\.(?!\d)|[—–-])\s*/iu;
/**
 * `Track: CSV export`, as Conductor's registry names every track, `Feature: Offline mode`, `Bug: Login loop`:
 * a label that says what kind of work the entry is, not its name.
 */
const TRACK_LABEL = /^(?:track|feature|feat|epic|story|user story|bug|bugfix|fix|chore|enhancement|improvement|funcionalidad|funcionalidade|fonctionnalité|функция|功能|機能|기능)\s*[:：]\s*/iu;
/** `P4-6` is an id (the sixth item of phase 4), not the priority P4 before a dash: a digit after the dash says so. */
const PRIORITY_TAG = /^(?:\[(?:P\d|epic|feature|bug|chore|fix|spike)\]|\((?:P\d)\)|P\d\s*(?:[:—–]|-(?!\d)))\s*/iu;

export type ReferenceKind = 'id' | 'spec' | 'issue' | 'link' | 'bold' | 'name';

export interface ReferenceMatch {
  reference: string;
  kind: ReferenceKind;
  /** For `Topic: what to do`, the name with its topic kept: used when several entries share the topic. */
  qualified?: string;
}

export interface ReferenceOptions {
  /** Lower-cased topic names that several entries of the document share (see `sharedTopics`). */
  topics?: ReadonlySet<string>;
  /** The ids inside the text are mentions in passing (`mentionsInPassing`): only one that leads it names the entry. */
  mentions?: boolean;
}

export interface DependencyMatch {
  value: string;
  /** Index in the text given. */
  index: number;
}

/**
 * Where a dependency clause starts, and where its list of references begins. The list starts with a
 * character that is not a space (and the colon is optional as a whole, `(?::\s*)?`), so the spaces
 * before it belong to one part only: a clause that fails is not tried again from every split of them.
 */
const DEPENDENCY_CLAUSES: ReadonlyArray<(text: string) => RegExp> = [
  // The keyword is a word of its own: `(needs_bye)` is an identifier, not "needs bye".
  asciiFirst(String.raw`\(\s*(?:depends on|dependency|dependencies|requires|needs|after|blocked by)(?![\p{L}\p{N}_])\s*(?::\s*)?([^()\s][^()]{0,299})\)`, 'iu'),
  asciiFirst(String.raw`(?:→|->|=>|⟶)\s*(?:requires|depends on|needs|after)(?![\p{L}\p{N}_])\s*(?::\s*)?(\S.{0,299})$`, 'iu'),
  asciiFirst(String.raw`(?<![\p{L}])(?:depends on|dependencies|depends|requires|prerequisites|blocked by|after)\s*:\s*(\S.{0,299})$`, 'iu'),
  asciiFirst(String.raw`(?<![\p{L}])(?:depends on|blocked by)\s+(\S.{0,299})$`, 'iu'),
  asciiFirst(String.raw`[（(]\s*(?:依赖|依賴|前置|依存)\s*(?:[:：]\s*)?([^（）()\s][^（）()]{0,299})[）)]`, 'u'),
];
/** A word every clause above contains, under the same flags: text without one skips compiling them. */
const DEPENDENCY_WORD = /depend|requires|prerequisites|blocked by|after|needs|依赖|依賴|前置|依存/iu;

/** `independent of Phases 2-4`: a part of the list that says what the unit does not wait for. */
const NOT_DEPENDENT = /^(?:independent(?:ly)? of|regardless of|unabhängig von|indépendante? de|independiente de|independente de|не зависит от)\s/iu;
/** `Phase 2.5 ideally — but mock data can proceed without`: a wish, not a dependency that holds the work back. */
const SOFT_DEPENDENCY = /\b(?:ideally|optionally|optional|nice to have|preferably|if possible|can (?:proceed|start|go ahead) without|not (?:strictly )?required|informed by|inspired by|related to|see also)\b/iu;
/** `008 (final shapes). **Governed by:** C-07`: a sentence's end and a bold label open another field of the entry. */
const NEXT_FIELD = /\.\s+\*\*/u;
const EMPTY_DEPENDENCY = /^(?:none|n\/a|na|nothing|-+|—|–|no dependencies|no deps|tbd|\(none\))$/iu;
/** A plural unit word and a list of numbers: `Phases 3 and 4`, `Sprints 12, 13`, `Fases 5, 6 y 7`, `Этапы 2 и 3`. */
const PLURAL_UNITS =
  /(?<![\p{L}\p{N}])(phases|stages|sprints|milestones|releases|iterations|waves|parts|fases|etapas|étapes|etappen|stufen|этапы|спринты)\s+(\d+(?:\.\d+)*(?:\s?[✓✔✅☑]\uFE0F?)?(?:\s*(?:,|&|\+|\band\b|\by\b|\be\b|\bet\b|\bund\b|и|\bve\b)\s*\d+(?:\.\d+)*(?:\s?[✓✔✅☑]\uFE0F?)?)+)/giu;
/** `Ninguna. Es el punto de partida`, `Keine — erster Schritt`: a list that starts by saying there is none. */
function startsWithNone(list: string): boolean {
  const text = list.trimStart().replace(/^(?:\*\*|__)/u, '');
  let end = 0;
  while (end < text.length && end < 40 && !/[\s.,;:—–(*_-]/u.test(text[end]!)) end++;
  const word = text.slice(0, end).toLowerCase();
  return word === 'none' || word === 'nothing' || EMPTY_WORDS.has(word);
}

/** The dependency clause in `text`, with the index where the clause starts (the name ends before it). */
export function findDependencies(text: string): { clauseIndex: number; dependencies: DependencyMatch[] } | undefined {
  let best: { clauseIndex: number; listIndex: number; list: string } | undefined;
  if (!DEPENDENCY_WORD.test(text)) return undefined;
  for (const pattern of DEPENDENCY_CLAUSES) {
    const match = pattern(text).exec(text);
    if (!match || match[1] === undefined) continue;
    const listIndex = match.index + match[0].indexOf(match[1]);
    if (!best || match.index < best.clauseIndex) best = { clauseIndex: match.index, listIndex, list: match[1] };
  }
  if (!best) return undefined;
  // `(the retry depends on it)`: a pronoun points back into the sentence; the clause names no other work.
  if (/^\s*(?:it|this|that|them|these|those|which)(?![\p{L}\p{N}])/iu.test(best.list)) return undefined;
  return { clauseIndex: best.clauseIndex, dependencies: splitDependencies(best.list, best.listIndex) };
}

/** `F-001, F-002 and Tags` → three dependencies, each with its index in the original text. */
export function splitDependencies(list: string, baseIndex: number): DependencyMatch[] {
  const out: DependencyMatch[] = [];
  if (startsWithNone(list)) return out;
  const field = NEXT_FIELD.exec(list);
  if (field) list = list.slice(0, field.index);
  // `Phases 3 and 4`, `Fases 5, 6 y 7 completadas`, `Phases 3 ✓ + 5`: one dependency per number, each named by the
  // word in the singular.
  for (const match of list.slice(0, 2000).matchAll(PLURAL_UNITS)) {
    // Every plural here is its singular and one more letter: phases, fases, étapes, etappen, этапы.
    const singular = match[1]!.slice(0, -1);
    const numbers = /\d+(?:\.\d+)*/gu;
    let number: RegExpExecArray | null;
    while ((number = numbers.exec(match[2]!)) !== null) {
      out.push({ value: `${singular} ${number[0]}`, index: baseIndex + match.index! + match[0].indexOf(match[2]!) + number.index });
    }
    list = list.slice(0, match.index!) + ' '.repeat(match[0].length) + list.slice(match.index! + match[0].length);
  }
  for (const part of listParts(list)) {
    // `(uses the note pad)` left after `Phases 3 + 5`: a note on the dependencies before it, not one of them.
    if (/^\s*\(/u.test(part.text) && out.length > 0) continue;
    // ` and ` splits too, but only between words, never inside one (`Brand and Tags` stays two), and never
    // inside brackets (`Phase 9 (the column and the service already exist)` is one).
    const pieces = splitAroundOutsideBrackets(part.text, /(?<=\s)and(?=\s)/giu);
    let offset = part.index;
    for (const piece of pieces) {
      const local = part.text.indexOf(piece, offset - part.index);
      const start = part.index + (local < 0 ? 0 : local);
      offset = start + piece.length;
      if (SOFT_DEPENDENCY.test(piece)) continue;
      const cleaned = cleanDependency(piece);
      if (!cleaned.value || EMPTY_DEPENDENCY.test(cleaned.value) || isFinishedWord(cleaned.value) || NOT_DEPENDENT.test(cleaned.value)) continue;
      out.push({ value: cleaned.value, index: baseIndex + start + cleaned.lead });
    }
  }
  return out;
}

/** `splitAround`, but a match inside brackets does not split: the text is split with its bracketed parts masked. */
function splitAroundOutsideBrackets(text: string, pattern: RegExp): string[] {
  let depth = 0;
  let masked = '';
  for (const char of text) {
    if (OPENERS.includes(char)) depth++;
    // One mask unit per UTF-16 unit, so that indexes in the masked text are indexes in the text.
    masked += depth > 0 ? '\u0001'.repeat(char.length) : char;
    if (CLOSERS.includes(char)) depth = Math.max(0, depth - 1);
  }
  let cursor = 0;
  return splitAround(masked, pattern).map((piece) => {
    const at = masked.indexOf(piece, cursor);
    cursor = at + piece.length;
    return text.slice(at, cursor);
  });
}

const OPENERS = '([（';
const CLOSERS = ')]）';
const SEPARATORS = ',;&+';

/**
 * The parts of a dependency list, split at `,` `;` `&` `+` outside brackets: `Phase 5 (tests, 96%+ covered)`
 * is one part, its note read by `withoutNote`. A bracket left open splits everywhere, as if none were written.
 */
function listParts(list: string): Array<{ text: string; index: number }> {
  const depthAfter = (depth: number, char: string): number => (OPENERS.includes(char) ? depth + 1 : CLOSERS.includes(char) ? Math.max(0, depth - 1) : depth);
  let open = 0;
  for (const char of list) open = depthAfter(open, char);
  const brackets = open === 0;
  const parts: Array<{ text: string; index: number }> = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= list.length; i++) {
    const char = list[i];
    if (char !== undefined && brackets) depth = depthAfter(depth, char);
    if (char === undefined || (depth === 0 && SEPARATORS.includes(char))) {
      if (i > start) parts.push({ text: list.slice(start, i), index: start });
      start = i + 1;
    }
  }
  return parts;
}

function cleanDependency(piece: string): { value: string; lead: number } {
  const lead = piece.length - piece.replace(/^[\s*_`"'([]+/u, '').length;
  let value = withoutNote(withoutStateNote(piece.slice(lead).replace(/(?<![\s*_`"'.])[\s*_`"'.]+$/u, '')));
  value = value.replace(/(?<![\s*_`"')\].])[\s*_`"')\].]+$/u, '');
  value = value.replace(/^(?:on|the)\s+/iu, '');
  return { value: withoutFinishedWord(value.trim()), lead };
}

/**
 * A dependency without a note in brackets after it: `Stage 5 (in production)` and `Phase 3 (the data layer)`
 * name `Stage 5` and `Phase 3`, and so does `Stage 5 (live` where a comma in the note split the list. One word
 * in closed brackets may be part of the name (`Import (CSV)`) and stays; resolving it falls back to the name
 * before the brackets (`Stage 5 (live)`).
 */
function withoutNote(text: string): string {
  const note = bracketNote(text);
  return note && (!note.closed || /\S\s+\S/u.test(note.note)) ? note.name : text;
}

/** `Phase 0 completed`, `Fase 1 completada`, `F-003 done`: the state it must reach is not part of its name. */
function withoutFinishedWord(value: string): string {
  const space = value.lastIndexOf(' ');
  if (space <= 0) return value;
  return isFinishedWord(value.slice(space + 1)) ? value.slice(0, space).trimEnd() : value;
}

/** `done`, `completed`, `completadas`: a word (or its plural) that says the work is finished. */
function isFinishedWord(text: string): boolean {
  const word = leadingStateWord(text) ?? leadingStateWord(text.replace(/(?:es|s)$/u, ''));
  return word !== undefined && word.state === 'done' && word.index === 0 && /^(?:es|s)?$/u.test(text.slice(word.length));
}

/**
 * A dependency without the state written after it: `ENROLL-1 (DONE)`, `M3.5 ✅`, `Search (in progress)`
 * name `ENROLL-1`, `M3.5` and `Search`.
 */
function withoutStateNote(text: string): string {
  let value = text.trimEnd();
  // Trailing marks, one code point at a time (an end-anchored pattern would rescan a long run of them).
  for (;;) {
    const last = value.codePointAt(value.length - 1) ?? 0;
    const width = last > 0xffff ? 2 : 1;
    const tail = value.slice(value.length - width);
    if (tail === '\uFE0F' || (tail !== '' && stateMarkIn(tail) !== undefined)) value = value.slice(0, -width).trimEnd();
    else break;
  }
  const open = value.lastIndexOf('(');
  if (open > 0) {
    const note = value.slice(open + 1).replace(/\)\s*$/u, '');
    if (note.length <= 40 && leadingStateWord(note) !== undefined) value = value.slice(0, open).trimEnd();
  }
  return value;
}

const leadingMarks = asciiFirst(String.raw`^(?:[\s*_]|[\p{Extended_Pictographic}\u2190-\u2bff\uFE0E\uFE0F\u200D])+`, 'u');

/** Text with a leading checkbox or state mark, priority tag and list decoration removed. */
export function stripLead(text: string): string {
  let rest = text.replace(/^\s*\[[ xX/~-]\]\s*/u, '');
  rest = rest.replace(/^\d{1,3}[.)]\s+/u, '');
  // State marks and decorative emoji before the name (`✅ F-001`, `🛡️ [Epic] Data Trust`).
  rest = rest.replace(leadingMarks(rest), '');
  for (let i = 0; i < 3; i++) {
    const tag = PRIORITY_TAG.exec(rest);
    if (!tag) break;
    rest = rest.slice(tag[0].length);
  }
  return rest.trim();
}

/** `Feature 1 — Quick capture` → `Quick capture`, Conductor's `Track: CSV export` or `Feature: CSV export` → `CSV export`; a bare `Feature 1` stays as it is. */
export function stripFeaturePrefix(name: string): string {
  const match = FEATURE_PREFIX.exec(name) ?? TRACK_LABEL.exec(name);
  if (!match) return name;
  const rest = name.slice(match[0].length).trim();
  return rest.length > 0 ? rest : name;
}

/** `Feature: CSV export` → `CSV export`: the name without the label that says what kind of work it is. */
export function stripKindLabel(name: string): string {
  const match = TRACK_LABEL.exec(name);
  const rest = match ? name.slice(match[0].length).trim() : '';
  return rest.length > 0 ? rest : name;
}

/** After an id that opens an entry, what parts it from the entry's name: `H-2 · Slow list`, `X-1: Crash`, `V-3 — Export`. */
const NAME_AFTER_ID = /^\s*(?:[·•:：—–)]|-\s)/u;

/**
 * Whether a hyphenated token is an id: any prefix but the words that name standards and units (`UTF-8`, `SHA-256`,
 * `H-264`), and even those where the token opens the entry and a separator parts it from a name (`H-2 · Slow list`, as
 * reviews number their high, medium and low findings).
 */
function isIdAt(text: string, hyphen: RegExpExecArray): boolean {
  if (!NOT_IDS.has(hyphen[1]!.split('-')[0]!)) return true;
  return hyphen.index === 0 && NAME_AFTER_ID.test(text.slice(hyphen[0].length));
}

/** A feature id (`F-001`, `T012`, `#3`) at or near the start of the text. */
export function findId(text: string, options: { anywhere?: boolean } = {}): string | undefined {
  const lead = stripLead(text);
  const compact =
    (COMPACT_START.test(lead) ? compactId(lead).exec(lead) : null) ?? (lead.startsWith('#') ? issueRef(lead).exec(lead) : null);
  if (compact) return compact[1];
  const head = options.anywhere ? lead : lead.slice(0, 40);
  // Every hyphenated id has a hyphen before a digit: text without one skips compiling the pattern.
  if (!/-\d/.test(head)) return undefined;
  const hyphen = hyphenId(head).exec(head);
  if (hyphen && isIdAt(head, hyphen)) return hyphen[1];
  if (options.anywhere) {
    const all = hyphenIdAll(lead);
    all.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = all.exec(lead)) !== null) {
      if (!NOT_IDS.has(match[1]!.split('-')[0]!)) return match[1];
    }
  }
  return undefined;
}

/** A spec folder (`003-tags`) named in the text. */
export function findSpecRef(text: string): string | undefined {
  // A spec folder is named in a word of a few dozen characters. Longer words are blanked first: the
  // expression tries every folder of a long path as the spec's and scans the rest of it from each.
  const words = text.length > LONG_WORD ? text.replace(LONG_WORDS, (word) => ' '.repeat(word.length)) : text;
  return SPEC_REF.exec(words)?.[1];
}

/** Whether an item's words open with a bold or emphasised name (`**Pantry sync** : …`). */
export function leadsWithEmphasis(phrasing: readonly PhrasingContent[] | undefined): boolean {
  const lead = leadingPhrasing(phrasing);
  return lead?.type === 'strong' || lead?.type === 'emphasis';
}

/** Whether the text starts with something that names a feature on its own: an id or a spec folder. */
export function hasFeatureMark(text: string): boolean {
  const lead = stripLead(text);
  if (COMPACT_START.test(lead) && compactId(lead).test(lead)) return true;
  const head = lead.slice(0, 40);
  const hyphen = /-\d/.test(head) ? hyphenId(head).exec(head) : null;
  if (hyphen && isIdAt(head, hyphen)) return true;
  const spec = SPEC_REF.exec(lead.slice(0, 80));
  return spec !== null;
}

/** Entries of this many words or more are sentences, whose ids may be mentions rather than names. */
const SENTENCE_WORDS = 12;

/**
 * Whether the entry is a sentence that mentions items in passing (`Closed B-012 by widening the overlap sweep to
 * …`, `Continued B-003/B-007 on later pages …`): a log of work done, not the name of one item. Ids that lead the
 * entry, or close it (`… as a CSV file (F-012)`, `… (F-002, F-003).`), name it however long the entry is.
 */
export function mentionsInPassing(text: string): boolean {
  const lead = stripLead(text).trim();
  let words = 0;
  for (const part of lead.split(' ')) if (part !== '' && ++words >= SENTENCE_WORDS) break;
  if (words < SENTENCE_WORDS) return false;
  const ids = findIds(lead);
  if (ids.length === 0 || ids[0]!.start === 0) return false;
  // Closing ids: from the end back, each followed only by punctuation and the closing ids after it.
  let end = lead.length;
  for (let i = ids.length - 1; i >= 0; i--) {
    if (!CLOSING.test(lead.slice(ids[i]!.end, end))) return true;
    end = ids[i]!.start;
  }
  return false;
}

/** What may stand between closing ids, and after the last: brackets, commas, marks. */
const CLOSING = /^[\s()[\].,;:*`'"/&-]*$/u;

const NAME_SEPARATORS = [' — ', ' – ', ' -- ', ' - ', ': ', ' (', '. ', ' | ', '：', '（', ' ✅', ' 🚧'];

/**
 * The part of an entry that names the feature: an id, a spec folder, a leading link's text,
 * a leading bold name, or the words before the first separator.
 */
export function extractReference(text: string, phrasing?: readonly PhrasingContent[], options: ReferenceOptions = {}): ReferenceMatch | undefined {
  const deps = findDependencies(text);
  const namePart = (deps ? text.slice(0, deps.clauseIndex) : text).trim();
  if (!namePart) return undefined;
  const id = findId(namePart, { anywhere: options.mentions !== true });
  if (id) return { reference: id, kind: id.startsWith('#') ? 'issue' : 'id' };
  const spec = findSpecRef(namePart);
  if (spec) return { reference: spec, kind: 'spec' };
  const lead = leadingPhrasing(phrasing);
  if (lead?.type === 'link') {
    const linkText = cleanName(plainText(lead));
    if (linkText) return { reference: linkText, kind: 'link' };
  }
  // `**[MEDIUM]** Add export`, `**P1** (parser): …`: a tag, bold, is the entry's priority or kind, not its name.
  const boldTag = (lead?.type === 'strong' || lead?.type === 'emphasis') && BOLD_TAG.test(plainText(lead));
  if ((lead?.type === 'strong' || lead?.type === 'emphasis') && !boldTag) {
    const bold = cleanName(stripFeaturePrefix(stripLead(plainText(lead))));
    if (bold) return { reference: bold, kind: 'bold' };
  }
  const written = stripFeaturePrefix(stripLead(boldTag ? namePart.replace(LEADING_TAG, '') : namePart));
  // `Now — Stabilization (v0.2)`: a bucket of a now / next / later plan leads the words that name the work.
  const bucket = BUCKET_LEAD.exec(written);
  const full = bucket && bucket[0].length < written.length ? written.slice(bucket[0].length) : written;
  const cut = cleanName(cutAtSeparator(full));
  // `存储重构已完成`: the state glued to the end is not part of the name.
  const glued = trailingCjkState(cut);
  const name = glued ? cleanName(cut.slice(0, glued.index)) : cut;
  if (!name) return undefined;
  const match: ReferenceMatch = { reference: name, kind: 'name' };
  // `Podcast: re-voice…` and `Podcast: re-tag…` name two items under one topic, not one feature twice.
  const topic = /^(.{1,60}?)(?:: |：)/u.exec(full);
  if (topic && cleanName(topic[1]!) === name) {
    const rest = cleanName(cutAtSeparator(full.slice(topic[0].length)));
    if (rest) match.qualified = `${name}: ${rest}`;
  }
  if (match.qualified && options.topics?.has(name.toLowerCase())) return { reference: match.qualified, kind: 'name' };
  return match;
}

/** A tag and nothing else: in brackets (`[MEDIUM]`, `[BUG]`), or a priority or severity (`P1`, `High`). */
const BOLD_TAG = /^\s*(?:\[[^\]\n]{1,24}\]|P\d|(?:high|medium|low|critical|urgent|blocker|major|minor)(?: priority)?)\s*(?::\s*)?$/iu;
/** The same tag leading an entry's words, with the markup around it. */
const LEADING_TAG = /^[\s*_]*(?:\[[^\]\n]{1,24}\]|P\d|(?:high|medium|low|critical|urgent|blocker|major|minor)(?: priority)?)[\s*_]*:?[\s*_]*/iu;

/** A bucket of a now / next / later plan before a dash or colon (`Now — `, `Up next: `), which names no work of its own. */
const BUCKET_LEAD = /^(?:now|next|up next|later|soon|someday|current|upcoming)(?:\s[—–-]\s|[:：]\s?)\s*(?=\S)/iu;

/** The words before the first separator that ends a name (` — `, `: `, ` (`, …). */
function cutAtSeparator(text: string): string {
  let name = text;
  for (const separator of NAME_SEPARATORS) {
    const at = name.indexOf(separator);
    if (at > 0) name = name.slice(0, at);
  }
  // `Watering reminders ~70% complete`: the share said done is its state, not part of its name.
  const share = trailingShare(name);
  return share && share.index > 0 ? name.slice(0, share.index) : name;
}

/**
 * Topics (`Podcast` in `- Podcast: re-tag the title`) that lead two or more list items with different
 * words after them. Such items are told apart by their qualified name, in every parser of the document.
 */
export function sharedTopics(root: Root): ReadonlySet<string> {
  const seen = new Map<string, Set<string>>();
  const stack: Array<{ node: Node; depth: number }> = [{ node: root, depth: 0 }];
  let guard = 0;
  while (stack.length > 0 && guard++ < 200_000) {
    const { node, depth } = stack.pop()!;
    if (node.type === 'listItem') {
      const parts = listItemParts(node as ListItem);
      const line = firstLine(parts.text);
      // Only an item with a colon can have a topic; the rest need no reading here.
      const match = /: |：/u.test(line) ? extractReference(line, parts.paragraph?.children as PhrasingContent[] | undefined) : undefined;
      if (match?.qualified) {
        const key = match.reference.toLowerCase();
        const forms = seen.get(key) ?? new Set<string>();
        forms.add(match.qualified.toLowerCase());
        seen.set(key, forms);
      }
    }
    if (depth < 64 && 'children' in node && Array.isArray(node.children)) {
      for (const child of node.children as Node[]) {
        if (child.type === 'list' || child.type === 'listItem' || child.type === 'blockquote') stack.push({ node: child, depth: depth + 1 });
      }
    }
  }
  const shared = new Set<string>();
  for (const [topic, forms] of seen) if (forms.size > 1) shared.add(topic);
  return shared;
}

/** The first phrasing node that carries words, skipping a leading checkbox, emoji or tag text. */
function leadingPhrasing(phrasing: readonly PhrasingContent[] | undefined): PhrasingContent | undefined {
  if (!phrasing) return undefined;
  for (const node of phrasing) {
    if (node.type === 'text') {
      if (stripLead(node.value).length === 0) continue;
      return node;
    }
    if (node.type === 'break' || node.type === 'html') continue;
    return node;
  }
  return undefined;
}

const pictographs = asciiFirst(String.raw`[\p{Extended_Pictographic}\uFE0E\uFE0F\u200D]+`, 'gu');

/** Trailing state marks and words, markup and punctuation off a name: `Tags ✅` → `Tags`. */
export function cleanName(name: string): string {
  let out = name.replace(pictographs(name), ' ').replace(/\s+/gu, ' ').trim();
  out = out.replace(/^[\s*_`~:;,.\-–—|]+|(?<![\s*_`~:;,.\-–—|])[\s*_`~:;,.\-–—|]+$/gu, '');
  out = clip(out, 120);
  return out;
}

/** The mark that states an entry: a leading checkbox/mark/word, or a trailing mark or `(done)`. */
export function entryState(text: string, checked?: boolean | null): StateWordMatch | undefined {
  if (checked === true) {
    // `- [x] Phase 19 — SKIPPED (not needed)`: the box says it was dealt with, the word how: set aside, not built.
    const trailing = trailingState(text);
    return trailing?.state === 'cancelled' && !isMarkMatch(trailing) ? trailing : { state: 'done', raw: '[x]', index: 0, length: 3, rest: '' };
  }
  const lead = leadingStateWord(text);
  if (lead && (lead.raw.startsWith('[') || lead.length <= 3 || /^\s*[\p{Extended_Pictographic}\u2190-\u2bff]/u.test(text))) {
    // A written state in the entry's own trailing slot is more precise than a leading mark: `✅ 003-x (in progress)`.
    if (isMarkMatch(lead)) {
      const trailing = trailingState(text.slice(lead.index + lead.length));
      if (trailing && !isMarkMatch(trailing)) return { ...trailing, index: trailing.index + lead.index + lead.length };
    }
    return lead;
  }
  const trailing = trailingState(text) ?? stateAfterId(text);
  if (trailing) return trailing;
  if (checked === false) return { state: 'todo', raw: '[ ]', index: 0, length: 3, rest: '' };
  return undefined;
}

/** An id that leads an entry: `NGR-090` of `NGR-090 (DONE): residency manager`, `BUG_12` of `BUG_12 [in progress] — …`. */
const LEADING_ID = /^\s*[A-Z][A-Z0-9]{0,9}[-_]\d{1,5}[a-z]?/u;

/** The state written in brackets right after the id that leads the entry, before its description. */
function stateAfterId(text: string): StateWordMatch | undefined {
  const id = LEADING_ID.exec(text);
  const bracket = id ? bracketedState(text.slice(id[0].length)) : undefined;
  return bracket && { ...bracket.state, index: bracket.state.index + id![0].length };
}

const SPACE = /\s/;
const BRACKET = /[()[\]（）]/;

/**
 * What `/[([]\s*([^()[\]]{1,40})\s*[)\]]\s*$/u.exec(text)` finds, worked out from the end of the text:
 * the expression tries every opening bracket and every split of the spaces around the words.
 */
function trailingBracket(text: string): { 0: string; 1: string; index: number } | undefined {
  let end = text.length;
  while (end > 0 && SPACE.test(text[end - 1]!)) end--;
  // Full-width brackets too: `参照ライブラリ（進行中）`.
  if (end < 2 || (text[end - 1] !== ')' && text[end - 1] !== ']' && text[end - 1] !== '）')) return undefined;
  const open = Math.max(text.lastIndexOf('(', end - 2), text.lastIndexOf('[', end - 2), text.lastIndexOf('（', end - 2));
  if (open < 0 || BRACKET.test(text.slice(open + 1, end - 1))) return undefined;
  let start = open + 1;
  while (start < end - 1 && SPACE.test(text[start]!)) start++;
  // Only spaces inside: one of them is the words, as the expression gives it back.
  if (start === end - 1) start = Math.max(open + 1, end - 2);
  if (start === end - 1) return undefined;
  let close = end - 1;
  while (close > start && SPACE.test(text[close - 1]!)) close--;
  if (close - start > 40) return undefined;
  return { 0: text.slice(open), 1: text.slice(start, Math.min(start + 40, end - 1)), index: open };
}

/** A date and nothing else: `2026-04-09`, `on 2026/04/09`, `12.03.2025`, `2025-06`. */
const DATE_ONLY = /^(?:on\s+)?(?:\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})$/u;

/** `Current: 60 s`, `Currently: 12 per page`: the label of a measure, whose word is no state. */
const MEASURE_LABEL = /^[*_]*current(?:ly)?[*_]*\s?[:：]/iu;

/** `Tags (done)`, `Tags — ✅ Done`, `Tags [blocked]`, `Tags: in progress`, `Tags ✅`. */
export function trailingState(text: string): StateWordMatch | undefined {
  const tag = doneTag(text);
  if (tag) return tag;
  const bracket = trailingBracket(text);
  if (bracket) {
    const inner = leadingStateWord(bracket[1]!);
    // `(done)`, and the same with the day it happened: `(Shipped: 2026-04-09)`, `(done 12.03.2025)`, or a
    // detail after a dash, an arrow or a semicolon: `(in progress — one condition left)`, `(Done → v0.6.0)`, `(Done; 3.1–3.6)`.
    if (inner && (inner.rest === '' || DATE_ONLY.test(inner.rest) || /^\s*(?:[—–→;]|->)/u.test(bracket[1]!.slice(inner.index + inner.length)))) return { ...inner, index: bracket.index + bracket[0].indexOf(bracket[1]!) + inner.index };
  }
  // Each part after a separator may be the state: `Tags — blocked — waiting on keys`, `Tags: in progress`.
  const separators = /(?:\s[—–]\s|\s-{1,2}\s|[:：]\s|\s\|\s)/gu;
  let separator: RegExpExecArray | null;
  let guard = 0;
  while ((separator = separators.exec(text)) !== null && guard++ < 50) {
    const start = separator.index + separator[0].length;
    // `Speed up the build - Current: 60 s per rebuild`: a measure's label, not the entry's state.
    if (MEASURE_LABEL.test(text.slice(start, start + 12))) continue;
    let inner = leadingStateWord(text.slice(start, start + 200));
    // `- 🚧 **READY TO START**`: words after the mark say more precisely what the mark only suggests.
    if (inner && isMarkMatch(inner)) {
      const worded = leadingStateWord(text.slice(start + inner.index + inner.length, start + 200));
      if (worded && !isMarkMatch(worded) && worded.index <= 3) inner = { ...worded, index: worded.index + inner.index + inner.length };
    }
    // Only the first 200 characters are read; words cut there say so.
    if (inner && inner.index <= 3) return { ...inner, index: start + inner.index, ...(text.length > start + 200 && inner.rest !== '' ? { rest: `${inner.rest}…` } : {}) };
  }
  const glued = trailingCjkState(text);
  if (glued) return glued;
  // A share said done at the end, after the name (`Bank accounts ⚠️ ~80% complete`).
  const share = trailingShare(text);
  if (share) return share;
  const mark = stateMarkIn(text);
  if (mark) {
    const after = text.slice(mark.index + mark.length);
    const word = leadingStateWord(after);
    if (word) return { ...word, index: mark.index + mark.length + word.index };
    return mark;
  }
  return undefined;
}

/**
 * A state word at the end of a Chinese or Japanese entry, where no space or dash parts it from the name: `存储重构已完成`,
 * `深度审计已全部完成（20 项修复）`, `搜索功能进行中`. Only words that say a state on their own (`已…`, `进行中`) count;
 * a bare `完成` ends names too (`支付完成`, payment completed, is a page).
 */
const CJK_END_STATE = /(?:已(?:全部|经)?(?:完成|实现|實現|上线|上線|交付|修复|修復|解决|解決|合并|合併|落地)|全部完成|进行中|進行中|开发中|開發中)$/u;
const END_PUNCTUATION = ' \t。．.!！:：,，;；';

/** The text without the punctuation and the one bracketed note at its end (`…已完成（20 项修复）。`); found by position. */
function withoutClosingNote(text: string): string {
  const trim = (t: string): string => {
    let end = t.length;
    while (end > 0 && END_PUNCTUATION.includes(t[end - 1]!)) end--;
    return t.slice(0, end);
  };
  let body = trim(text);
  if (body.endsWith(')') || body.endsWith('）')) {
    const open = Math.max(body.lastIndexOf('('), body.lastIndexOf('（'));
    if (open >= 0 && body.length - open <= 82) body = trim(body.slice(0, open));
  }
  return body;
}

function trailingCjkState(text: string): StateWordMatch | undefined {
  const body = withoutClosingNote(text);
  const word = CJK_END_STATE.exec(body.slice(-12));
  if (!word) return undefined;
  const index = body.length - word[0].length;
  if (index === 0) return undefined;
  const state = /中$/u.test(word[0]) ? 'in-progress' : 'done';
  return { state, raw: word[0], index, length: word[0].length, rest: '' };
}

/** A percentage after a space: where a share said done (`80% complete`) may start. */
const SHARE_START = /(?<=\s|^)~?\d{1,3}(?:[.,]\d{1,2})?\s?%/gu;

/** The share of the work said done that ends the text (`~80% complete`), as leadingStateWord reads it. */
function trailingShare(text: string): StateWordMatch | undefined {
  if (!text.includes('%')) return undefined;
  for (const found of text.matchAll(SHARE_START)) {
    const word = leadingStateWord(text.slice(found.index));
    if (word && word.raw.includes('%') && word.rest === '') return { ...word, index: found.index + word.index };
  }
  return undefined;
}

/** TaskPaper's tag at the end of an item, with the day or without: `Set up the repository @done(2025-03-02)`, `@DONE`. */
function doneTag(text: string): StateWordMatch | undefined {
  const trimmed = text.trimEnd();
  let end = trimmed.length;
  if (trimmed.endsWith(')')) {
    const open = trimmed.lastIndexOf('(');
    if (open < 0 || end - open > 42) return undefined;
    end = open;
  }
  const at = end - 5;
  if (at < 1 || trimmed.slice(at, end).toLowerCase() !== '@done' || !SPACE.test(trimmed[at - 1]!)) return undefined;
  return { state: 'done', raw: trimmed.slice(at, end), index: at, length: 5, rest: '' };
}

/** A list item's own words (its first paragraph), the phrasing nodes, and its nested lists. */
export function listItemParts(item: ListItem): { text: string; paragraph?: Paragraph; nested: List[]; rest: RootContent[] } {
  const nested: List[] = [];
  const rest: RootContent[] = [];
  let paragraph: Paragraph | undefined;
  for (const child of item.children) {
    if (child.type === 'list') nested.push(child);
    else if (!paragraph && child.type === 'paragraph') paragraph = child;
    else rest.push(child);
  }
  return { text: paragraph ? plainText(paragraph) : '', ...(paragraph ? { paragraph } : {}), nested, rest };
}

/** The first line of a paragraph's text: a soft break ends the label of a list item. */
export function firstLine(text: string): string {
  const at = text.search(/[\r\n]/u);
  return at < 0 ? text : text.slice(0, at);
}

/** The cells of a table row as plain text. */
export function rowCells(table: Table, index: number): string[] {
  return (table.children[index]?.children ?? []).map((cell) => plainText(cell));
}

/** Heading titles normalised for matching: emoji, markup and numbering off, lowercase. */
export function foldTitle(title: string): string {
  return title
    .replace(/[\p{Extended_Pictographic}\uFE0E\uFE0F\u200D]/gu, ' ')
    .replace(/[*_`~]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .toLowerCase();
}

/** Block nodes in reading order; blockquotes (PR quotes, callouts) are opened, to a fixed depth. */
export function flattenBlocks(children: readonly RootContent[]): RootContent[] {
  const out: RootContent[] = [];
  const stack: Array<{ nodes: readonly RootContent[]; index: number; depth: number }> = [{ nodes: children, index: 0, depth: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.index >= frame.nodes.length) {
      stack.pop();
      continue;
    }
    const node = frame.nodes[frame.index++]!;
    if (node.type === 'blockquote' && frame.depth < 8) {
      stack.push({ nodes: node.children, index: 0, depth: frame.depth + 1 });
      continue;
    }
    out.push(node);
  }
  return out;
}

export type ColumnRole = 'id' | 'name' | 'status' | 'order' | 'dependencies' | 'phase' | 'priority' | 'attempts' | 'failures' | 'result' | 'escalated';

const COLUMN_PATTERNS: ReadonlyArray<readonly [ColumnRole, RegExp]> = [
  ['attempts', /^(?:attempts?|tries|retries|attempt count|# ?attempts)$/u],
  ['failures', /^(?:failures?|failed|fails|consecutive failures)$/u],
  ['escalated', /^(?:escalated|escalation|escalate)$/u],
  ['result', /^(?:result|outcome|last result|last outcome|verdict)$/u],
  [
    'status',
    /^(?:status|state|progress|done\??|stage|zustand|stand|statut|état|etat|estado|статус|состояние|durum|상태|状态|狀態|状態|状況|ステータス|进度|進度|進捗|進行状況)$|\bstatus\b/u,
  ],
  ['dependencies', /depend|^requires$|^after$|blocked by|prereq|^needs$|依赖|依賴/u],
  ['priority', /^(?:priority|prio|pri|priorität|priorité|prioridad|prioridade|приоритет|öncelik|우선순위|優先度|优先级)$/u],
  ['phase', /^(?:phase|milestone|wave|sprint|release|iteration|stage|epic|fase|etapa|stufe|этап|спринт|aşama|단계|阶段|階段|フェーズ)$/u],
  ['order', /^(?:#|no\.?|nr\.?|order|step|seq|sequence|rank|position|順序|顺序|序号)$/u],
  ['id', /^(?:id|key|ref|reference|feature id|feature ref|ticket|issue|spec|spec id|task id|story id|идентификатор|kennung|identificador|identifiant|编号|編號|番号|번호)$|\bid$/u],
  [
    'name',
    /^(?:feature|features|name|item|title|story|epic|change|task|component|module|deliverable|capability|work item|backlog item|feature name|plan name|slice|fatia|what|description|goal|content|inhalt|aufgabe|titel|tâche|titre|tarea|título|tarefa|görev|başlık|задача|название|описание|descripción|descrição|açıklama|설명|작업|기능|제목|이름|機能|功能|特性|需求|任务|任務|タスク|内容|项目|項目|标题|標題|名称|名稱|タイトル|名前)$|\bfeature\b|\btask\b/u,
  ],
];

/** Headers of a topic or theme column, which names a row only beside a state column. */
const TOPIC_COLUMN = /^(?:topic|theme|subject|主题|主題|テーマ|주제|thema|thème|tema)$/u;

/** Headers of a column naming each row's file (`| File | Phase | Summary |`). */
const FILE_COLUMN = /^(?:files?|documents?|docs?|links?|ファイル|文件|檔案|文档|파일|datei|fichier|archivo|arquivo)$/u;

/** Headers of a release or version column: the id of each row when no column is an id (`| Version | Status |`). */
const VERSION_COLUMN = /^(?:version|release|versão|versión|версия|sürüm|버전|バージョン|版本)\b/u;

/** The role of each table column, read from its header. */
export function mapColumns(headers: readonly string[]): Partial<Record<ColumnRole, number>> {
  const roles: Partial<Record<ColumnRole, number>> = {};
  let version: number | undefined;
  let files: number | undefined;
  let topic: number | undefined;
  let plan: number | undefined;
  headers.forEach((header, index) => {
    const folded = foldTitle(header).replace(/[?:]$/u, '');
    if (version === undefined && VERSION_COLUMN.test(folded)) version = index;
    if (files === undefined && FILE_COLUMN.test(folded)) files = index;
    if (topic === undefined && TOPIC_COLUMN.test(folded)) topic = index;
    if (plan === undefined && folded === 'plan') plan = index;
    for (const [role, pattern] of COLUMN_PATTERNS) {
      if (roles[role] !== undefined) continue;
      if (pattern.test(folded)) {
        roles[role] = index;
        break;
      }
    }
  });
  if (roles.id === undefined && version !== undefined) {
    roles.id = version;
    if (roles.phase === version) delete roles.phase;
  }
  // `| # | Status | Plan | Why |` in a plans folder's index: with no other column to name the rows, the plan names them.
  if (roles.id === undefined && roles.name === undefined && roles.phase === undefined && plan !== undefined && roles.status !== undefined) roles.name = plan;
  // `| 状态 | 主题 | 优先级 |` (state, topic, priority): with a state for each row, the topic names it. Without one
  // (`| Topic | Decision |`) the rows are notes.
  if (roles.id === undefined && roles.name === undefined && roles.status !== undefined && topic !== undefined) roles.name = topic;
  if (roles.id === undefined && roles.name === undefined && roles.phase !== undefined && (roles.status !== undefined || files !== undefined)) {
    // `| Phase | Plans | Status |`, `| File | Phase | Summary |` (a file per phase): with no other column to name the
    // rows, each row is a phase, not a member of one.
    roles.name = roles.phase;
    delete roles.phase;
  }
  return roles;
}

/** "None" as a whole item, in the other languages state files are written in (`- 无` under a Blockers heading). */
const EMPTY_WORDS: ReadonlySet<string> = new Set([
  '无', '無', '暂无', '暫無', '没有', '沒有', 'なし', '無し', '特になし', '없음', '없습니다', 'keine', 'keiner', 'nichts',
  'aucun', 'aucune', 'rien', 'néant', 'ninguno', 'ninguna', 'nada', 'nenhum', 'nenhuma', 'нет', 'ничего', 'никаких', 'yok',
  // "Empty" as a list's one item: `- (비어 있음)` under an In Progress heading.
  '비어 있음', '비어있음', 'leer', 'vide', 'vacío', 'vacio', 'vazio', 'vuoto', 'пусто', '空', 'boş',
]);

/**
 * "No open tasks" in the other languages (`Нет открытых задач`, `Keine offenen Aufgaben`, `Aucune tâche`): a "no"
 * word, at most a few words, then the word for tasks. Bounded, so a long line is not scanned twice.
 */
const NO_OPEN_WORK = /^(?:нет|keine|aucune?|ningun[oa]?|nenhum[a]?|nessun[oa]?|hiç)\s[^\n]{0,40}?(?:задач|пункт|aufgaben?|punkte|tâches?|taches?|tareas?|tarefas?|attività|compiti|görev)/u;

/** `None`, `n/a`, `_(none yet — claim something above)_`, `No tasks in progress`: a list saying it is empty. */
export function isEmptyMarker(text: string): boolean {
  const folded = foldTitle(text).replace(/^[(\[]+|(?<![)\].])[)\].]+$/gu, '').trim();
  if (folded.length === 0 || EMPTY_WORDS.has(folded)) return true;
  // `暂无记录；…` ("nothing recorded yet; …") says the list is empty, whatever follows; a bare `无` may start real words (`无法登录`).
  return /^(?:n\/a|-+|—|tbd\b.*|to be (?:defined|determined|decided)\b.*|empty|no (?:known )?(?:tasks?|items?|features?|work|entries|blockers?|risks?|issues?)\b.*|none\b.*|nothing\b.*|\.\.\.|…|(?:暂无|暫無|暂时没有|暫時沒有|目前没有|特になし|現在なし|해당 없음).*)$/u.test(folded) || NO_OPEN_WORK.test(folded);
}

/** A `Label: value` line as written: `- **Status**: blocked`, `**Depends on:** F-001`, `Owner: @ana`. */
export interface LabelLine {
  label: string;
  value: string;
  /** 0-based indexes in the raw line. */
  labelIndex: number;
  valueIndex: number;
}

// The label ends in a character that is not a space and the value starts with one that is not a space:
// the spaces around the colon belong to one part each, so a line that fails is not retried at every split.
const labelLinePattern = asciiFirst(String.raw`^(\s*(?:>\s*)*(?:[-*+]\s+|\d{1,3}[.)]\s+)?(?:\[[ xX]\]\s+)?)(?:\*\*|__)?([\p{L}](?:[\p{L}\p{N} /'’()&.-]{0,47}[\p{L}\p{N}/'’()&.-])?)\s*(?:(?:\*\*|__)\s*[:：]|[:：]\s*(?:\*\*|__)|[:：])[ \t]*([^ \t\n\r\u2028\u2029].*|)$`, 'u');

export function labelLine(raw: string): LabelLine | undefined {
  // Every label ends at a colon: lines without one skip compiling the pattern.
  if (!raw.includes(':') && !raw.includes('：')) return undefined;
  const match = labelLinePattern(raw).exec(raw);
  if (!match) return undefined;
  const label = match[2]!.trim();
  // `See https://…` is a sentence with a link, not a label.
  if (match[3]!.startsWith('//')) return undefined;
  const labelIndex = match[1]!.length + (raw.slice(match[1]!.length).startsWith('**') || raw.slice(match[1]!.length).startsWith('__') ? 2 : 0);
  let value = match[3]!;
  let valueIndex = raw.length - value.length;
  const lead = value.length - value.replace(/^(?:\*\*|__)\s*/u, '').length;
  value = value.slice(lead);
  valueIndex += lead;
  value = value.replace(/(?<!\s)\s*(?:\*\*|__)\s*$/u, '').trimEnd();
  return { label, value, labelIndex, valueIndex };
}

/**
 * An item's words with those of its nested items, a bounded number of levels deep: mdast's own
 * text helper recurses and would overflow on thousands of nested levels.
 */
export function itemTextBounded(item: ListItem, maxDepth = 12): string {
  const out: string[] = [];
  const stack: Array<{ item: ListItem; depth: number }> = [{ item, depth: 0 }];
  while (stack.length > 0 && out.length < 500) {
    const { item: current, depth } = stack.pop()!;
    const parts = listItemParts(current);
    if (parts.text) out.push(parts.text);
    if (depth >= maxDepth) continue;
    for (let l = parts.nested.length - 1; l >= 0; l--) {
      const children = parts.nested[l]!.children;
      for (let i = children.length - 1; i >= 0; i--) stack.push({ item: children[i]!, depth: depth + 1 });
    }
  }
  return out.join(' ');
}
