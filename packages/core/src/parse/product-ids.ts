import { leadingStateWord, stateMarkIn, type StateWordMatch } from '../text/state-words.js';
import { asciiFirst } from '../text/ascii.js';

/**
 * The words of PRODUCT.md: feature ids, feature headings, the headings that hold features,
 * the labels of a feature's parts, and the sections that are never features.
 */

/**
 * A feature id as written: `F-001`, `FR-AUTH-01`, `MVP-1.1`, `US-2.1`, `TASK-14-B` (a part of task 14), or a letter prefix glued to
 * a number: `F1`, `G2`, `US3`, `FR12`. Glued prefixes are limited to the ones that name features or
 * groups, so `V2`, `P0` and `Q3` stay words.
 */
const HYPHEN_ID = String.raw`(?<![\p{L}\p{N}-])(?!(?:ADR|TC|BUG|T|PR|RFC|ISO|UTF|SHA|HTTP|TLS|WCAG|ES|ECMA|NFR|NF|RISK|Q|OQ|ASM|CVE|SEC|PERF)-)[A-Z][A-Z0-9]{0,9}(?:-[A-Za-z0-9]{1,10})*-\d+(?:\.\d+)*[a-z]?(?:-[A-Z](?![\p{L}\p{N}-]))?(?![\p{L}\p{N}])`;
const GLUED_ID = String.raw`(?<![\p{L}\p{N}-])(?:F|FR|FEAT|FT|G|GRP|US|UC|CAP|C|E|EP|EPIC|R|REQ)\d+(?:\.\d+)*[a-z]?(?![\p{L}\p{N}])`;
export const FEATURE_ID = new RegExp(`(?:${HYPHEN_ID}|${GLUED_ID})`, 'u');
const idAtStart = asciiFirst(`^\\[?(${HYPHEN_ID}|${GLUED_ID})\\]?`, 'u');
const idInParensAtEnd = asciiFirst(`\\s*[(\\[](${HYPHEN_ID}|${GLUED_ID})[)\\]]\\s*$`, 'u');
const idInParensAtStart = asciiFirst(`^\\s*[(\\[](${HYPHEN_ID}|${GLUED_ID})[)\\]]`, 'u');

/**
 * Ids that make a heading a feature wherever it stands: the usual feature and group prefixes, or any
 * prefix with a zero-padded or multi-digit number (`F-001`, `FR-AUTH-01`). `GPT-4` needs a features section.
 */
export function isStrongId(id: string): boolean {
  return /^(?:F|FR|FEAT|FT|G|GRP|US|UC|CAP|EP|EPIC|REQ)(?:-|\d)/i.test(id) || /-\d{2,}(?:\.\d+)*[a-z]?$/.test(id);
}

/** Ids that open a group rather than a feature (`G1`, `GRP-2`). */
export function isGroupId(id: string): boolean {
  return /^(?:G|GRP)-?\d/i.test(id);
}

/** Separators between an id or number and a title: `:`, `—`, `–`, `-`, `·`, `.`, `)`, `|`. */
const SEPARATOR = /^\s*(?:[:：.)|·•]|[—–-](?=\s))\s*|^\s+/;

/** Emoji that decorate a title after its id: `F-005: 🔍 Search`. */
const leadingEmoji = asciiFirst(String.raw`^[\p{Extended_Pictographic}\uFE0E\uFE0F\u200D\s]+`, 'u');

/** Emoji, symbols, markup and punctuation that decorate the start of a heading. */
const leadingDecoration = asciiFirst(String.raw`^[^\p{L}\p{N}[(]+`, 'u');

function stripDecoration(text: string): string {
  return text.replace(leadingDecoration(text), '');
}

export interface ParsedTitle {
  /** The id as written, when there is one. */
  id?: string;
  title: string;
  /** `explicit`: a feature id or `Feature N:`; `numbered`: `3.` / `3)` only; `plain`: no id. */
  kind: 'explicit' | 'numbered' | 'plain';
  /** Written as `Feature 3:` / `Feature: Title`: a feature by its own words. */
  featureWord?: boolean;
  /** A state the title carries (`F-001 Tags ✅`, `Tags — Done`), with what was written. */
  state?: StateWordMatch;
}

/** Strips leading decoration, then reads an id, `Feature N:`, or a section number off the front. */
export function parseTitle(text: string): ParsedTitle {
  let rest = stripDecoration(text).trim();
  let id: string | undefined;
  let kind: ParsedTitle['kind'] = 'plain';
  let byWord = false;

  const featureWord = /^(?:feature|capability|fonctionnalité|funcionalidad|功能)(?:\s*(?:#\s*)?(\d+(?:\.\d+)*)|\s+(?=[A-Z]))?\s*(?=[:：—–\-\s.])/iu.exec(rest);
  if (featureWord && !/^features\b/i.test(rest)) {
    const after = rest.slice(featureWord[0].length);
    const start = after.trimStart();
    const inner = idAtStart(start).exec(start);
    if (featureWord[1]) {
      id = featureWord[1];
      rest = after;
      kind = 'explicit';
      byWord = true;
    } else if (inner) {
      id = inner[1];
      rest = after.trimStart().slice(inner[0].length);
      kind = 'explicit';
      byWord = true;
    } else if (/^\s*[:：—–-]/.test(after)) {
      rest = after;
      kind = 'explicit';
      byWord = true;
    }
  }
  if (kind === 'plain') {
    const explicit = idAtStart(rest).exec(rest);
    if (explicit && (explicit[0].length === rest.length || SEPARATOR.test(rest.slice(explicit[0].length)))) {
      id = explicit[1];
      rest = rest.slice(explicit[0].length);
      kind = 'explicit';
    } else {
      const numbered = /^#?(\d+(?:\.\d+)*)(?:[.)]\s*|\s+[—–:-]\s*|\s+(?=\S))/.exec(rest);
      if (numbered) {
        id = numbered[1];
        rest = rest.slice(numbered[0].length);
        kind = 'numbered';
      }
    }
  }
  rest = rest.replace(SEPARATOR, '');
  if (kind !== 'explicit') {
    const trailing = idInParensAtEnd(rest).exec(rest);
    if (trailing) {
      id = trailing[1];
      rest = rest.slice(0, trailing.index);
      kind = 'explicit';
    }
  }
  const { title, state } = splitTrailingState(rest.replace(leadingEmoji(rest), ''));
  const parsed: ParsedTitle = { title, kind };
  if (id !== undefined) parsed.id = id;
  if (byWord) parsed.featureWord = true;
  if (state) parsed.state = state;
  return parsed;
}

/** Reads a trailing state off a title: `Tags ✅`, `Tags — Done`, `Tags (WIP)`, `Tags [done]`. */
export function splitTrailingState(text: string): { title: string; state?: StateWordMatch } {
  let title = text.trim();
  const mark = stateMarkIn(title);
  if (mark && /^[\s*_`~:|\-–—)\]]*$/.test(title.slice(mark.index + mark.length).replace(/[\uFE0E\uFE0F\u200D]/g, ''))) {
    const before = title.slice(0, mark.index).replace(/(?<![\s\-–—:|([*_])[\s\-–—:|([*_]+$/, '').trim();
    if (before.length > 0) return { title: before, state: { ...mark } };
  }
  const bracket = /(?<!\s)\s*[([]([^()[\]]{1,30})[)\]]\s*$/.exec(title);
  if (bracket) {
    const state = leadingStateWord(bracket[1]!);
    if (state && state.rest.length === 0) {
      return { title: title.slice(0, bracket.index).trim(), state: { ...state, index: bracket.index + 1 + state.index } };
    }
  }
  const dash = /(?<!\s)\s+[—–|-]\s+([^—–|]{1,40})$/.exec(title);
  if (dash) {
    const state = leadingStateWord(dash[1]!);
    if (state && state.rest.split(/\s+/).length <= 3) {
      title = title.slice(0, dash.index).trim();
      return { title, state: { ...state, index: dash.index } };
    }
  }
  return { title };
}

/** A list item's or table cell's name: `**Tags** — ...`, `**F-002 Search**: ...`, `**Search** (F-002): ...`, `F-002: Search — ...`, `Tags: ...`. */
export interface ParsedName {
  id?: string;
  title: string;
  /** Where the text after the name starts, in the input. */
  restIndex: number;
  /** Whether the name was bold, or carried an id: a deliberate name rather than a sentence. */
  marked: boolean;
  state?: StateWordMatch;
}

/** A name and the separator after it: `Tags: …`, `Tags — …`, `Tags:` at the end. */
const NAME_SEPARATOR = /^(.{1,100}?)(?<!\s)(?:\s*[:：]\s|\s+[—–-]\s+|\s*[:：]$)/;

/** Labels before a name that say when or whether it is built, not what it is: `Optional:`, `Future:`, `Stretch goal:`. */
const SCHEDULE_LABEL = /^(?:optional|future|later|maybe|someday|stretch(?: goals?)?|bonus|nice[- ]to[- ]have|experimental|planned|deferred|post[- ]mvp|mvp|v\d+(?:\.\d+)?)$/iu;

export function parseName(raw: string): ParsedName | undefined {
  const text = raw.replace(/^\s*\[[ xX~/-]\]\s*/, (m) => ' '.repeat(m.length));
  const lead = text.length - text.trimStart().length;
  const body = text.slice(lead);
  let name: string;
  let restIndex: number;
  let marked = false;
  const bold = /^(\*\*|__)(.+?)\1/.exec(body);
  if (bold) {
    name = bold[2]!;
    restIndex = lead + bold[0].length;
    marked = true;
  } else {
    let start = 0;
    let sep = NAME_SEPARATOR.exec(body);
    // `Optional: Row-clear rule`, `Future: Online play`: the label says when or whether, the name follows it.
    if (sep && /[:：]/.test(body.slice(sep[1]!.length, sep[0].length)) && SCHEDULE_LABEL.test(sep[1]!.trim())) {
      start = sep[0].length;
      sep = NAME_SEPARATOR.exec(body.slice(start));
    }
    if (sep) {
      name = sep[1]!;
      restIndex = lead + start + sep[1]!.length;
    } else {
      name = body.slice(start);
      restIndex = lead + body.length;
    }
  }
  name = name.replace(/[:：]\s*$/, '').trim();
  let id: string | undefined;
  const undecorated = stripDecoration(name);
  const leadingId = idAtStart(undecorated).exec(undecorated);
  if (leadingId) {
    const cleaned = undecorated;
    const after = cleaned.slice(leadingId[0].length);
    if (after.length === 0 || SEPARATOR.test(after)) {
      id = leadingId[1];
      name = after.replace(SEPARATOR, '');
      marked = true;
      // `F-002: Search — definition` puts the title after the id, before the next separator.
      if (!bold && name.length === 0) {
        const rest = text.slice(restIndex).replace(/^\s*[:：—–-]\s*/, '');
        const title = /^(.{1,100}?)(?:(?<!\s)(?:\s*[:：]\s|\s+[—–-]\s+)|$)/.exec(rest);
        if (title) {
          name = title[1]!;
          restIndex = text.length - rest.length + title[1]!.length;
        }
      }
    }
  }
  if (!id) {
    const trailing = idInParensAtEnd(name).exec(name);
    if (trailing) {
      id = trailing[1];
      name = name.slice(0, trailing.index);
      marked = true;
    } else {
      const after = text.slice(restIndex);
      const following = idInParensAtStart(after).exec(after);
      if (following) {
        id = following[1];
        restIndex += following[0].length;
        marked = true;
      }
    }
  }
  const plain = stripDecoration(name);
  const { title, state } = splitTrailingState(plain.replace(leadingEmoji(plain), '').trim());
  if (title.length === 0 && id === undefined) return undefined;
  const parsed: ParsedName = { title: title.length > 0 ? title : (id ?? ''), restIndex, marked };
  if (id !== undefined) parsed.id = id;
  if (state) parsed.state = state;
  return parsed;
}

/** Removes separators between a name and the text after it. */
export function skipSeparator(text: string, index: number): number {
  const match = /^\s*(?:[:：]|[—–-](?=\s)|\.(?=\s))?\s*/.exec(text.slice(index));
  return index + (match?.[0].length ?? 0);
}

// ---------------------------------------------------------------- headings that hold features

const FEATURE_NOUN = String.raw`(?:features?|capabilities|capability|functional\s+requirements|fonctionnalités|funcionalidades|funktionen|功能|功能列表|特性|機能)`;
const FEATURE_SUFFIX = String.raw`(?:catalog|catalogue|list|inventory|set|overview|groups?|requirements|registry|index|backlog|board|map|matrix|breakdown|specifications|specs|descriptions|details|definitions|areas|scope|summary|plan)`;
const featuresHeading = asciiFirst(
  String.raw`^(?:[\p{L}\p{N}'’/]+\s+){0,3}?${FEATURE_NOUN}(?:\s+${FEATURE_SUFFIX})?(?:\s+(?:and|&)\s+[\p{L}]+)?$`,
  'iu',
);
const featureNoun = asciiFirst(FEATURE_NOUN, 'iu');
const NEGATION = /\b(?:non|not|out|won'?t|anti|excluded|rejected|removed|dropped|deprecated)\b|^non-/i;

/** `## Features`, `## Feature Catalog`, `## Capabilities`, `### 4.2 P0 Features (Must-Have)`, `## ✨ Key features`. */
export function isFeaturesHeading(text: string): boolean {
  const core = coreTitle(text);
  if (!featuresHeading(core).test(core)) return false;
  const before = core.split(featureNoun(core))[0] ?? '';
  return !NEGATION.test(before);
}

const trailingDecoration = asciiFirst(String.raw`(?<![^\p{L}\p{N})])[^\p{L}\p{N})]+$`, 'u');

/** A heading's words without numbering, decoration, or a trailing qualifier (`(Must-Have)`, `— by priority`, `: v1`). */
export function coreTitle(text: string): string {
  const words = stripDecoration(text)
    .replace(/^\d+(?:\.\d+)*[.)]?\s+/, '')
    .replace(/(?<!\s)\s*(?:\([\s\S]*|\s[—–-]\s[\s\S]*|[:：][\s\S]*)$/, '');
  return words.replace(trailingDecoration(words), '').trim();
}

/** Top-level sections of a product document that describe the product rather than list its features. */
const NON_FEATURE = new RegExp(
  String.raw`^(?:` +
    [
      'vision', 'mission', 'users?', 'personas?', 'audiences?', 'target (?:users|audiences?)', 'glossary', 'terminology', 'definitions',
      'non[- ]?functional(?: requirements)?', 'nfrs?', 'out[- ]of[- ]scope', 'non[- ]?goals', 'goals', 'anti[- ]goals', 'overview', 'introduction',
      'summary', 'background', 'context', 'problem(?: statement)?', 'solution', 'purpose', 'principles', 'design principles',
      'success metrics', 'metrics', 'kpis?', 'risks?', 'open questions', 'assumptions', 'constraints', 'references', 'appendix',
      'changelog', 'change log', 'history', 'revision history', 'status key', 'legend', 'conventions', 'notes?', 'roadmap', 'timeline',
      'table of contents', 'contents', 'toc', 'pricing(?: model)?', 'competitive landscape', 'competition', 'positioning', 'faq',
      'sommaire', 'méthodologie', 'methodology', 'how to read(?: this)?',
    ].join('|') +
    String.raw`)$`,
  'iu',
);

export function isNonFeatureSection(text: string): boolean {
  return NON_FEATURE.test(coreTitle(text));
}

// ---------------------------------------------------------------- labels of a feature's parts

export type PartKind = 'definition' | 'acceptance' | 'boundary' | 'dependencies' | 'status';

const LABELS: ReadonlyArray<readonly [PartKind, readonly string[]]> = [
  ['definition', ['definition', 'description', 'what', 'what it is', 'what it does', 'summary', 'purpose', 'feature description', 'descripción', 'beschreibung', '定义', '描述', '説明']],
  [
    'acceptance',
    [
      'acceptance criteria', 'acceptance criterion', 'acceptance', 'acceptance tests', 'ac', 'acs', 'done when', 'done if',
      'definition of done', 'dod', 'exit criteria', 'success criteria', 'criteria', "critères d'acceptation", 'critères d’acceptation',
      'criterios de aceptación', 'akzeptanzkriterien', '验收标准', '受け入れ基準',
    ],
  ],
  [
    'boundary',
    [
      'boundary conditions', 'boundary condition', 'boundaries', 'boundary', 'edge cases', 'edge case', 'constraints', 'limits',
      'limitations', 'out of scope', 'out-of-scope', 'not in scope', 'non-goals', 'non goals', 'nongoals', 'scope boundaries',
      'conditions aux limites', '边界条件', '边界', '制約',
    ],
  ],
  ['dependencies', ['depends on', 'dependencies', 'dependency', 'requires', 'prerequisites', 'prerequisite', 'blocked by', 'dépendances', 'dependencias', 'abhängigkeiten', '依赖', '依存']],
  ['status', ['status', 'state', 'statut', 'estado', '状态', '状態', 'ステータス']],
];

const LABEL_KIND = new Map<string, PartKind>();
for (const [kind, words] of LABELS) for (const word of words) LABEL_KIND.set(word, kind);
const LABEL_ALTERNATION = [...LABEL_KIND.keys()]
  .sort((a, b) => b.length - a.length)
  .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[ -]/g, '[\\s-]+'))
  .join('|');

/** The part a whole heading or table cell names: `#### Acceptance Criteria`, `Edge cases:`. */
export function labelOf(text: string): PartKind | undefined {
  const key = stripDecoration(text)
    .replace(/^\d+(?:\.\d+)*[.)]?\s+/, '')
    .replace(/(?<!\s)\s*\([^()]*\)\s*$/, '')
    .replace(/(?<![\s:：*_])[\s:：*_]+$/, '')
    .replace(/[\s-]+/g, ' ')
    .toLowerCase()
    .trim();
  return LABEL_KIND.get(key) ?? LABEL_KIND.get(key.replace(/ /g, '-'));
}

/**
 * A label at the start of a raw line: `**Acceptance criteria:**`, `**Depends on**: F-001`, `Status: Done`,
 * `_Edge cases_ —`, `**Description** : ...`. Plain words need a colon, so `Status of the app` is prose.
 */
const LABEL_LINE = new RegExp(
  String.raw`^(\*\*|__|\*|_)?\s*(${LABEL_ALTERNATION})\s*([:：])?\s*(\*\*|__|\*|_)?\s*(?:([:：])|([—–-])(?=\s|$))?`,
  'iu',
);

export interface LabelLine {
  kind: PartKind;
  /** Index in the line where the value starts. */
  valueIndex: number;
}

const letterOrDigit = asciiFirst(String.raw`[\p{L}\p{N}]`, 'u');

export function labelLine(text: string): LabelLine | undefined {
  const match = LABEL_LINE.exec(text);
  if (!match) return undefined;
  const [whole, open, word, colon1, close, colon2, dash] = match;
  const emphasised = open !== undefined && close !== undefined;
  const colon = colon1 !== undefined || colon2 !== undefined;
  if (open !== undefined && close === undefined) return undefined;
  const next = text[whole.length];
  if (next !== undefined && letterOrDigit(next).test(next) && !colon && !dash) return undefined;
  const rest = text.slice(whole.length).trim();
  if (!colon && !(emphasised && (rest.length === 0 || dash !== undefined))) return undefined;
  const kind = LABEL_KIND.get(word!.toLowerCase().replace(/[\s-]+/g, ' ')) ?? LABEL_KIND.get(word!.toLowerCase().replace(/[\s-]+/g, '-'));
  if (!kind) return undefined;
  return { kind, valueIndex: whole.length + (text.slice(whole.length).length - text.slice(whole.length).trimStart().length) };
}
