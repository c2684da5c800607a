/**
 * Which references name the same feature: `F-003`, `specs/003-tags/`, "Tags" in DEVELOPMENT.md and `tags`
 * in status.md. This module is the only place that decides it, so every query and rule agrees.
 * The rules are documented in docs/identity.md; the order of the checks below is that document's order.
 */
import type { Feature } from './project.js';
import type {
  Diagnostic,
  Located,
  ParseResult,
  Product,
  ProductFeature,
  Sequence,
  SequenceEntry,
  SourcePosition,
  Spec,
  StateEntry,
  StateFile,
} from './types.js';
import { memoise } from './memo.js';
import { diagnostic } from './positions.js';
import { normaliseStateWord } from '../parse/state-words.js';
import { slugify, splitAround } from '../parse/text.js';
import { asciiFirst, isAscii } from '../parse/ascii-twin.js';

// ---------------------------------------------------------------- reference keys

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
  /** A spec folder or agent spec the reference points at (`specs/003-tags`, `.agent/specs/tags.md`). */
  spec?: { folder: string; number?: string; slug: string };
  /** A reference that is only a number (`3`, `#3`, `003`). */
  number?: string;
  /** Normalised names, most specific first: the whole text, then the text without ids and numbering. */
  names: string[];
}

/** Everything a feature can be called by. */
export interface FeatureKeys {
  /** Explicit ids, normalised: `F-3`. */
  ids: string[];
  /** The numbers of explicit ids (`3` for `F-003`). */
  idNumbers: string[];
  /** The numbers of the feature's Spec Kit folders (`3` for `specs/003-tags`). */
  specNumbers: string[];
  /** Spec folders and files, with and without their parent directories: `specs/003-tags`, `003-tags`. */
  specFolders: string[];
  /** Normalised titles and slugs. */
  names: string[];
}

/** Prefixes that all mean "feature", so `FEAT-3` finds `F-003` when nothing is literally called `FEAT-3`. */
const FEATURE_FAMILY = new Set(['F', 'FEAT', 'FEATURE']);

const MAX_REFERENCE = 500;

/** Words that say "no reference" where a dependency or entry was expected. */
const NOTHING = new Set(['', 'none', 'n-a', 'na', 'nothing', 'tbd']);

/** `003` → `3`; dotted ids keep their parts: `1.02` → `1.2`. */
function stripZeros(digits: string): string {
  if (!digits.includes('.')) return digits.startsWith('0') ? digits.replace(/^0+(?=\d)/, '') : digits;
  return digits
    .split('.')
    .map((part) => part.replace(/^0+(?=\d)/, ''))
    .join('.');
}

function idKey(prefix: string, number: string): string {
  return `${prefix}-${number}`;
}

/** Links, emphasis, code marks and HTML removed; link targets returned separately because they may name spec folders. */
function stripMarkdown(text: string): { text: string; targets: string[] } {
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

/** Emoji, keycaps and variation selectors: decoration that must not change what a title means. */
function stripEmoji(text: string): string {
  // Keycaps and pictographs are not ASCII: ASCII text has none, and skips compiling the classes.
  if (isAscii(text)) return text;
  return text.replace(/[0-9#*]\uFE0F?\u20E3/gu, ' ').replace(/[\p{Extended_Pictographic}\uFE0E\uFE0F\u200D]/gu, ' ');
}

/** `1. Tags`, `2) Tags`, `(3) Tags`, `4 — Tags`, `5: Tags` → `Tags`. */
function stripNumbering(text: string): string {
  return text.replace(/^\s*(?:\(\d{1,4}\)|\d{1,4}[.)](?!\d)|\d{1,4}\s*[-–—:](?=\s))\s*/u, '');
}

/** `Feature Specification: Tags` (the Spec Kit title) → `Tags`. */
function stripSpecTitleLabel(text: string): string {
  return text.replace(/^\s*(?:(?:feature\s+)?spec(?:ification)?|功能规格(?:说明)?|功能規格(?:說明)?|機能仕様書?)\s*[:：—–-]\s*/iu, '');
}

/** How many answers `normaliseName`, `referenceKeys` and whole ids keep (see `memoise`). */
const MEMO_LIMIT = 50_000;

/** The key titles and names are compared by: case, punctuation, emoji, markup and leading numbering ignored; CJK kept. */
export const normaliseName: (text: string) => string = memoise(
  (text) => slugify(stripNumbering(stripEmoji(stripMarkdown(text).text)).trim()),
  MEMO_LIMIT,
);

const idPattern = asciiFirst(String.raw`(?<![\p{L}\p{N}])([A-Za-z]{1,8})([-_]?)(\d{1,9}(?:\.\d{1,9}){0,4})(?![\p{L}\p{N}])`, 'gu');
const featureWordPattern = asciiFirst(String.raw`(?<![\p{L}\p{N}])(feature|feat)\s+#?(\d{1,9})(?![\p{L}\p{N}])`, 'giu');
const speckitPath = asciiFirst(String.raw`specs\/(\d{1,6})([-_])([\p{L}\p{N}][\p{L}\p{N}_-]*)`, 'u');
const agentPath = asciiFirst(String.raw`\.agent\/specs\/([\p{L}\p{N}][\p{L}\p{N}_.-]*)`, 'u');
const folderOnly = asciiFirst(String.raw`^(\d{1,6})([-_])([\p{L}\p{N}][\p{L}\p{N}_-]*)\/?$`, 'u');

/**
 * An id-shaped token is one a person wrote as an id: an upper-case prefix (`F003`, `US1`) or a separator
 * (`f-3`). Mixed-case words with digits (`OAuth2`, `v2`) are names, not ids.
 */
function isIdShaped(prefix: string, separator: string): boolean {
  return separator !== '' || prefix === prefix.toUpperCase();
}

function findIds(text: string): Array<IdToken & { start: number; end: number }> {
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
    found.push({ prefix: prefix.toUpperCase(), number: stripZeros(m[3] ?? ''), raw: m[0], start: m.index, end: m.index + m[0].length });
  }
  return found.sort((a, b) => a.start - b.start);
}

function specFromText(text: string): ReferenceKeys['spec'] {
  // Both paths contain `specs/`: text without it skips compiling their classes.
  if (!text.includes('specs/')) return undefined;
  const kit = speckitPath(text).exec(text);
  if (kit) {
    const number = kit[1] ?? '';
    const slug = (kit[3] ?? '').replace(/(?<![-_])[-_]+$/, '');
    return { folder: `${number}${kit[2] ?? '-'}${slug}`, number: stripZeros(number), slug };
  }
  const agent = agentPath(text).exec(text);
  if (agent) {
    const slug = (agent[1] ?? '').replace(/\.md$/i, '').replace(/(?<![._-])[._-]+$/, '');
    return { folder: `.agent/specs/${slug}`, slug };
  }
  return undefined;
}

/** `referenceKeys`, shared: callers here only read it. */
const keysOf: (reference: string) => Readonly<ReferenceKeys> = memoise(computeReferenceKeys, MEMO_LIMIT);

/** What a reference, as written in any document, says about the feature it names. */
export function referenceKeys(reference: string): ReferenceKeys {
  const shared = keysOf(reference);
  const keys: ReferenceKeys = { ids: shared.ids.map((id) => ({ ...id })), names: [...shared.names] };
  if (shared.spec) keys.spec = { ...shared.spec };
  if (shared.number !== undefined) keys.number = shared.number;
  return keys;
}

function computeReferenceKeys(reference: string): ReferenceKeys {
  // A reference is a name or a short label; a longer text is a paragraph, and the cap keeps every pattern cheap.
  const { text, targets } = stripMarkdown(reference.length > MAX_REFERENCE ? reference.slice(0, MAX_REFERENCE) : reference);
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

  const ids = bare ? [] : findIds(withoutPaths);
  keys.ids = ids.map(({ prefix, number, raw }) => ({ prefix, number, raw }));

  const full = normaliseName(withoutPaths);
  let stripped = withoutPaths;
  for (const id of [...ids].reverse()) stripped = stripped.slice(0, id.start) + ' ' + stripped.slice(id.end);
  stripped = stripped.replace(/[()[\]{}（）【】]/gu, ' ').replace(/^[\s:：—–|,-]+|(?<![\s:：—–|,-])[\s:：—–|,-]+$/gu, '');
  const short = normaliseName(stripped);
  for (const name of [full, short]) if (name && !keys.names.includes(name) && !/^\d+$/.test(name)) keys.names.push(name);
  return keys;
}

// ---------------------------------------------------------------- feature keys and index

function specSlug(spec: Spec): string {
  if (spec.number && spec.slug.startsWith(`${spec.number}-`)) return spec.slug.slice(spec.number.length + 1);
  return spec.slug;
}

/**
 * What identity reads off each spec, kept per spec: every index of the features asks again, and a
 * parsed spec does not change.
 */
const specTitles = new WeakMap<Spec, { title: string | undefined }>();
const specFolderNames = new WeakMap<Spec, readonly string[]>();

/** A spec's title without the Spec Kit label or an unfilled template placeholder. */
function specTitle(spec: Spec): string | undefined {
  let known = specTitles.get(spec);
  if (!known) specTitles.set(spec, (known = { title: readSpecTitle(spec) }));
  return known.title;
}

function readSpecTitle(spec: Spec): string | undefined {
  const raw = spec.spec?.title?.value;
  if (!raw) return undefined;
  const title = stripSpecTitleLabel(raw).trim();
  if (!title || /^\[[^\]]*\]$/.test(title)) return undefined;
  return title;
}

function folderNames(spec: Spec): readonly string[] {
  let names = specFolderNames.get(spec);
  if (!names) specFolderNames.set(spec, (names = readFolderNames(spec)));
  return names;
}

function readFolderNames(spec: Spec): string[] {
  const dir = spec.dir.replace(/\\/g, '/').replace(/^\.\//, '').replace(/(?<!\/)\/+$/, '');
  const names = new Set<string>([dir.toLowerCase()]);
  const base = dir.slice(dir.lastIndexOf('/') + 1).toLowerCase();
  names.add(base);
  if (spec.kind === 'agent') {
    names.add(dir.replace(/\.md$/i, '').toLowerCase());
    names.add(base.replace(/\.md$/i, ''));
  }
  return [...names];
}

/** An explicit id of a feature, or undefined when its id is a slug or a folder name. */
function explicitId(feature: Feature): IdToken | undefined {
  if (feature.product) {
    if (feature.product.idSource !== 'explicit') return undefined;
    return parseWholeId(feature.product.id);
  }
  if (feature.specs.some((s) => folderNames(s).includes(feature.id.toLowerCase()))) return undefined;
  // A slug of the title (`step-3` for "Step 3") is a name, even when it looks like an id.
  if (normaliseName(feature.id) === normaliseName(feature.title)) return undefined;
  return parseWholeId(feature.id);
}

/** `readWholeId`, kept per id written: each index asks again for every PRODUCT.md feature. */
const parseWholeId: (id: string) => IdToken | undefined = memoise((id) => readWholeId(id), MEMO_LIMIT);

function readWholeId(id: string): IdToken | undefined {
  const text = stripMarkdown(id).text;
  const numeric = /^#?(\d{1,9})$/.exec(text);
  if (numeric) return { prefix: '', number: stripZeros(numeric[1] ?? ''), raw: text };
  const found = findIds(text);
  const first = found[0];
  if (found.length === 1 && first && first.start === 0 && first.end === text.length) {
    return { prefix: first.prefix, number: first.number, raw: first.raw };
  }
  return undefined;
}

/** Every key the feature can be found by. */
export function featureKeys(feature: Feature): FeatureKeys {
  return keysWithId(feature, explicitId(feature));
}

/** `featureKeys` for a feature whose `explicitId` is known already. */
function keysWithId(feature: Feature, id: IdToken | undefined): FeatureKeys {
  const keys: FeatureKeys = { ids: [], idNumbers: [], specNumbers: [], specFolders: [], names: [] };
  const add = (list: string[], value: string | undefined): void => {
    if (value && !list.includes(value)) list.push(value);
  };
  if (id) {
    add(keys.ids, idKey(id.prefix, id.number));
    add(keys.idNumbers, id.number);
  } else if (feature.product?.idSource === 'explicit') {
    // An id govern cannot read as prefix + number (`AUTH-LOGIN`, `1.2`) is still a name it can be found by.
    add(keys.names, normaliseName(feature.product.id));
  } else if (!feature.specs.some((s) => folderNames(s).includes(feature.id.toLowerCase()))) {
    add(keys.names, normaliseName(feature.id));
  }
  add(keys.names, normaliseName(feature.title));
  if (feature.product) add(keys.names, normaliseName(feature.product.title));
  for (const spec of feature.specs) {
    if (spec.number) add(keys.specNumbers, stripZeros(spec.number));
    for (const folder of folderNames(spec)) add(keys.specFolders, folder);
    add(keys.names, normaliseName(specSlug(spec)));
    const title = specTitle(spec);
    if (title) add(keys.names, normaliseName(title));
  }
  // A sequence entry attached by its id teaches the feature the name it goes by there ("F-003 Tags" → tags).
  for (const { entry } of feature.sequence) {
    const ref = keysOf(entry.reference);
    if (ref.ids.length > 0 && ref.names.length === 2) add(keys.names, ref.names[1]);
  }
  keys.names = keys.names.filter((n) => n !== '' && !/^\d+$/.test(n));
  return keys;
}

/** Features by each of their keys; build with createFeatureIndex. */
export interface FeatureIndex {
  readonly features: readonly Feature[];
  readonly ids: ReadonlyMap<string, Feature[]>;
  /** `F-3`, `FEAT-3` and `FEATURE-3` under one key. */
  readonly families: ReadonlyMap<string, Feature[]>;
  readonly idNumbers: ReadonlyMap<string, Feature[]>;
  readonly specNumbers: ReadonlyMap<string, Feature[]>;
  readonly specFolders: ReadonlyMap<string, Feature[]>;
  readonly names: ReadonlyMap<string, Feature[]>;
  /** The id prefixes the project's features use (`F`, `US`, `` for numeric ids). */
  readonly prefixes: ReadonlySet<string>;
  /** Whether any feature comes from PRODUCT.md. */
  readonly productDefined: boolean;
}

interface MutableIndex extends FeatureIndex {
  features: Feature[];
  ids: Map<string, Feature[]>;
  families: Map<string, Feature[]>;
  idNumbers: Map<string, Feature[]>;
  specNumbers: Map<string, Feature[]>;
  specFolders: Map<string, Feature[]>;
  names: Map<string, Feature[]>;
  prefixes: Set<string>;
  productDefined: boolean;
}

/**
 * A feature's keys go into a map one after another (`addToIndex`), so a feature added for the first
 * time can already be under `key` only as the list's last. Checking only that keeps a key many features
 * share (every Spec Kit folder named `NNN-feature`) linear to build rather than quadratic; a feature
 * indexed a second time is checked against the whole list.
 */
function put(map: Map<string, Feature[]>, key: string, feature: Feature, again: boolean): void {
  const list = map.get(key);
  if (!list) map.set(key, [feature]);
  else if (list[list.length - 1] !== feature && (!again || !list.includes(feature))) list.push(feature);
}

/** The features each index holds, to tell in constant time whether one is being indexed again. */
const indexed = new WeakMap<MutableIndex, Set<Feature>>();

/**
 * Each feature's id and keys while building the features: the features are indexed three times over,
 * and a feature's keys change only when it gains a spec or a sequence entry.
 */
type KeyMemo = Map<Feature, { specs: number; sequence: number; id: IdToken | undefined; keys: FeatureKeys }>;

function indexKeys(feature: Feature, memo: KeyMemo | undefined): { id: IdToken | undefined; keys: FeatureKeys } {
  const known = memo?.get(feature);
  if (known && known.specs === feature.specs.length && known.sequence === feature.sequence.length) return known;
  const id = explicitId(feature);
  const entry = { specs: feature.specs.length, sequence: feature.sequence.length, id, keys: keysWithId(feature, id) };
  memo?.set(feature, entry);
  return entry;
}

function addToIndex(index: MutableIndex, feature: Feature, memo?: KeyMemo): void {
  let members = indexed.get(index);
  if (!members) indexed.set(index, (members = new Set()));
  const again = members.has(feature);
  members.add(feature);
  index.features.push(feature);
  if (feature.product) index.productDefined = true;
  const { id, keys } = indexKeys(feature, memo);
  if (id) {
    index.prefixes.add(id.prefix);
    if (FEATURE_FAMILY.has(id.prefix)) put(index.families, idKey('~F', id.number), feature, again);
  }
  for (const k of keys.ids) put(index.ids, k, feature, again);
  for (const k of keys.idNumbers) put(index.idNumbers, k, feature, again);
  for (const k of keys.specNumbers) put(index.specNumbers, k, feature, again);
  for (const k of keys.specFolders) put(index.specFolders, k, feature, again);
  for (const k of keys.names) put(index.names, k, feature, again);
}

/**
 * The index of `features` (all of them in `index` already, in order) after some gained sequence entries
 * since they were indexed: the same as indexing them all again, at the cost of the features that changed.
 * A feature only gains keys that way; should one lose a key, the index is built again.
 */
function refreshKeys(index: MutableIndex, features: Feature[], memo: KeyMemo): MutableIndex {
  let order: Map<Feature, number> | undefined;
  for (const feature of features) {
    const before = memo.get(feature);
    if (!before) return indexFeatures(features, memo);
    if (before.specs === feature.specs.length && before.sequence === feature.sequence.length) continue;
    const after = indexKeys(feature, memo);
    if (after.id?.prefix !== before.id?.prefix || after.id?.number !== before.id?.number) return indexFeatures(features, memo);
    order ??= new Map(features.map((f, i) => [f, i]));
    const lists = ['ids', 'idNumbers', 'specNumbers', 'specFolders', 'names'] as const;
    for (const list of lists) {
      const had = new Set(before.keys[list]);
      if (before.keys[list].some((k) => !after.keys[list].includes(k))) return indexFeatures(features, memo);
      for (const key of after.keys[list]) if (!had.has(key)) putInOrder(index[list], key, feature, order);
    }
  }
  return index;
}

/** Adds `feature` under `key` where indexing in `order` would have put it. */
function putInOrder(map: Map<string, Feature[]>, key: string, feature: Feature, order: Map<Feature, number>): void {
  const list = map.get(key);
  if (!list) {
    map.set(key, [feature]);
    return;
  }
  // The list is in `order` already, so where the feature goes (or is) is a binary search away: a key
  // that many features share (every Spec Kit folder named `NNN-feature` gives the name `feature`) stays cheap.
  const rank = order.get(feature)!;
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((order.get(list[middle]!) ?? Infinity) < rank) low = middle + 1;
    else high = middle;
  }
  if (list[low] === feature) return;
  list.splice(low, 0, feature);
}

export function createFeatureIndex(features: Feature[]): FeatureIndex {
  return indexFeatures(features);
}

function indexFeatures(features: Feature[], memo?: KeyMemo): MutableIndex {
  const index: MutableIndex = {
    features: [],
    ids: new Map(),
    families: new Map(),
    idNumbers: new Map(),
    specNumbers: new Map(),
    specFolders: new Map(),
    names: new Map(),
    prefixes: new Set(),
    productDefined: false,
  };
  for (const feature of features) addToIndex(index, feature, memo);
  return index;
}

// ---------------------------------------------------------------- resolution

type Resolution = { features: Feature[] } | undefined;

function found(list: Feature[] | undefined): Resolution {
  return list && list.length > 0 ? { features: list } : undefined;
}

/** Whether an id belongs to the project's id scheme, so a miss is worth telling someone about. */
function inIdScheme(id: IdToken, index: FeatureIndex): boolean {
  return id.prefix !== '' && (FEATURE_FAMILY.has(id.prefix) || index.prefixes.has(id.prefix));
}

/** The features a reference may name: one when it is clear, several when ambiguous, none when unknown. */
function resolveKeys(keys: Readonly<ReferenceKeys>, index: FeatureIndex): Resolution {
  // 1. Ids decide first. An id of the project's scheme that names nothing ends the search:
  //    falling back to the title would attach "F-009 Tags" to F-003 Tags and hide the typo.
  for (const id of keys.ids) {
    const exact = found(index.ids.get(idKey(id.prefix, id.number)));
    if (exact) return exact;
    if (FEATURE_FAMILY.has(id.prefix)) {
      const family = found(index.families.get(idKey('~F', id.number)));
      if (family) return family;
      // Without PRODUCT.md, specs are the features and their numbers the only numbering: F-003 is spec 003.
      if (!index.productDefined) {
        const bySpec = found((index.specNumbers.get(id.number) ?? []).filter((f) => !explicitId(f)));
        if (bySpec) return bySpec;
      }
    }
    if (inIdScheme(id, index)) return undefined;
  }

  // 2. Spec folders: the folder itself, else its slug (a title), else its number when only one feature has it.
  if (keys.spec) {
    const folder = found(index.specFolders.get(keys.spec.folder.toLowerCase()));
    if (folder) return folder;
    const byName = found(index.names.get(normaliseName(keys.spec.slug)));
    if (byName) return byName;
    if (keys.spec.number) {
      const numbered = unique([...(index.specNumbers.get(keys.spec.number) ?? []), ...(index.idNumbers.get(keys.spec.number) ?? [])]);
      if (numbered.length > 0) return { features: numbered };
    }
  }

  // 3. A bare number: a numeric id, else a spec number.
  if (keys.number) {
    const numeric = found(index.ids.get(idKey('', keys.number)));
    if (numeric) return numeric;
    const bySpec = found(index.specNumbers.get(keys.number));
    if (bySpec) return bySpec;
  }

  // 4. Names, most specific first.
  for (const name of keys.names) {
    const byName = found(index.names.get(name));
    if (byName) return byName;
  }
  return undefined;
}

function unique<T>(list: T[]): T[] {
  return [...new Set(list)];
}

/**
 * The feature a reference names (`{ id }`), the candidates when it could name several equally
 * (`{ ambiguous }`), or undefined when it names none.
 */
export function resolveReference(reference: string, index: FeatureIndex): { id: string } | { ambiguous: string[] } | undefined {
  const result = resolveKeys(keysOf(reference), index);
  if (!result) return undefined;
  const [only, ...rest] = result.features;
  if (only && rest.length === 0) return { id: only.id };
  return { ambiguous: result.features.map((f) => f.id) };
}

// ---------------------------------------------------------------- building features

function humanise(slug: string): string {
  const words = slug.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function where(position: SourcePosition): string {
  return `${position.file}:${position.line}`;
}

function describe(feature: Feature): string {
  const title = feature.title && normaliseName(feature.title) !== normaliseName(feature.id) ? ` ${feature.title}` : '';
  return `${feature.id}${title} (${where(feature.position)})`;
}

/**
 * Problems a lint rule reports with its own id (dependency-valid, sequence-known-features) are
 * recorded as information here, so `govern check` does not say them twice; `govern inspect` shows them.
 */
const OWNED_BY_A_RULE = 'info';

function ambiguous(reference: string, candidates: Feature[], position: SourcePosition, severity: 'warning' | 'info' = 'warning'): Diagnostic {
  const names = candidates.map(describe);
  const list = names.length === 2 ? `${names[0]} or ${names[1]}` : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
  return diagnostic(
    'govern/ambiguous-reference',
    severity,
    `"${reference}" could name ${list}; write the feature's id to say which.`,
    position,
  );
}

function isNothing(reference: string): boolean {
  return NOTHING.has(normaliseName(reference)) || /^[-–—]+$/.test(reference.trim());
}

function featureFromProduct(product: ProductFeature): Feature {
  return { id: product.id, title: product.title, position: product.position, product, specs: [], sequence: [], stateEntries: [], dependencies: [] };
}

function featureFromSpec(spec: Spec): Feature {
  const folder = spec.dir.replace(/\\/g, '/').replace(/(?<!\/)\/+$/, '');
  const id = spec.kind === 'speckit' ? folder.slice(folder.lastIndexOf('/') + 1) : spec.slug;
  const title = specTitle(spec) ?? humanise(specSlug(spec));
  return { id, title, position: spec.position, specs: [spec], sequence: [], stateEntries: [], dependencies: [] };
}

/** Trailing emoji that are state marks (`Tags ✅`), not part of a name (`Streak reminders 🔥`). */
function stripTrailingMarks(text: string): string {
  let out = text.trimEnd();
  if (isAscii(out)) return out;
  for (;;) {
    const m = /(\p{Extended_Pictographic}[\uFE0E\uFE0F\u200D]*)$/u.exec(out);
    if (!m || !normaliseStateWord(m[1] ?? '')) return out;
    out = out.slice(0, m.index).trimEnd();
  }
}

/**
 * A feature's title from an entry's text: the id, list numbering, state marks and a trailing description
 * (` — calories per serving`, ` (P0)`) taken off. Other emoji stay: they are part of how people name things.
 */
function titleFrom(text: string, id: IdToken | undefined): string {
  let title = stripMarkdown(text).text;
  if (id) {
    const at = title.indexOf(id.raw);
    if (at >= 0) title = `${title.slice(0, at)} ${title.slice(at + id.raw.length)}`;
  }
  title = stripNumbering(title.replace(/^\s*[0-9#*]\uFE0F?\u20E3/u, ' ')).replace(/\s+/g, ' ').trim();
  title = title.replace(/^[\s:：—–|,.-]+/u, '');
  const cut = title.search(/\s[—–-]\s|[:：]\s|\s\(|（/u);
  if (cut > 0) title = title.slice(0, cut);
  return stripTrailingMarks(title.replace(/(?<![\s:：—–|,.-])[\s:：—–|,.-]+$/u, '')).trim();
}

/**
 * `Podcast: re-tag the title`: the sequence parser keeps the topic in the reference when several items
 * share it (see `sharedTopics`), and the title keeps it too, or those items would fold into one feature.
 */
function topicTitle(entry: SequenceEntry, topics: ReadonlySet<string>): string | undefined {
  const reference = entry.reference;
  const colon = reference.indexOf(': ');
  if (colon <= 0 || !entry.label.startsWith(reference) || !topics.has(reference.slice(0, colon).toLowerCase())) return undefined;
  if (/\s[—–-]\s|\s\(|（/u.test(reference.slice(0, colon))) return undefined;
  return stripTrailingMarks(stripMarkdown(reference).text.replace(/\s+/gu, ' ').trim()) || undefined;
}

/** The id written in a reference, when it follows the project's numbering. */
function schemeId(reference: string, schemePrefixes: ReadonlySet<string>): IdToken | undefined {
  return keysOf(reference).ids.find((i) => FEATURE_FAMILY.has(i.prefix) || schemePrefixes.has(i.prefix));
}

function idAsWritten(id: IdToken): string {
  // "Feature 3" is a phrase; as an id it is written F-3.
  return id.prefix === 'FEATURE' && !/^feature[-_]?\d/i.test(id.raw) ? `F-${id.number}` : stripMarkdown(id.raw).text;
}

/** Topics that lead the references of two or more entries of one sequence (`Export: a`, `Export: b`). */
function sequenceTopics(sequence: Sequence): Set<string> {
  const counts = new Map<string, number>();
  for (const entry of sequence.entries) {
    const colon = entry.reference.indexOf(': ');
    if (colon <= 0) continue;
    const topic = entry.reference.slice(0, colon).toLowerCase();
    counts.set(topic, (counts.get(topic) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, count]) => count > 1).map(([topic]) => topic));
}

/** A feature defined by a sequence entry: its id when written in the project's numbering, else a slug of its title. */
function featureFromEntry(file: string, entry: SequenceEntry, schemePrefixes: ReadonlySet<string>, topics: ReadonlySet<string> = new Set()): Feature {
  const id = schemeId(entry.reference, schemePrefixes);
  const title = (id ? undefined : topicTitle(entry, topics)) || titleFrom(entry.reference, id) || titleFrom(entry.label, id) || stripMarkdown(entry.reference).text;
  const featureId = id ? idAsWritten(id) : slugify(stripNumbering(stripEmoji(title))) || slugify(entry.reference) || `entry-${entry.index + 1}`;
  return { id: featureId, title, position: entry.position, specs: [], sequence: [{ file, entry }], stateEntries: [], dependencies: [] };
}

/** A feature only a state file names, by an id of the numbering the other features use (status.md's Done list). */
function featureFromState(file: string, entry: StateEntry, id: IdToken): Feature {
  // State entries carry only the reference; a parser that keeps the item's whole text as `label` gives a better title.
  const label = 'label' in entry && typeof entry.label === 'string' ? entry.label : undefined;
  const title = titleFrom(entry.reference, id) || (label ? titleFrom(label, id) : '') || idAsWritten(id);
  return { id: idAsWritten(id), title, position: entry.mark.position, specs: [], sequence: [], stateEntries: [{ file, entry }], dependencies: [] };
}

/** Prefixes used by ids at least twice across sequence entries: a numbering scheme, not a name like GPT-4. */
function sequenceIdScheme(sequences: Sequence[]): Set<string> {
  const counts = new Map<string, number>();
  for (const sequence of sequences) {
    for (const entry of sequence.entries) {
      const first = keysOf(entry.reference).ids[0];
      if (first && first.prefix) counts.set(first.prefix, (counts.get(first.prefix) ?? 0) + 1);
    }
  }
  return new Set([...counts].filter(([, n]) => n >= 2).map(([p]) => p));
}

/**
 * One item naming several features (`Dark mode, Furigana toggle`): each part must name exactly one feature,
 * and different ones, or the item names none. Tried only when the whole text names nothing.
 */
function resolveList(reference: string, index: FeatureIndex): Feature[] | undefined {
  const parts = splitAround(reference, /[,，、;；]|(?<=\s)(?:and|&|\+)(?=\s)/gu).filter((p) => p.trim() !== '');
  if (parts.length < 2 || parts.length > 20) return undefined;
  const features: Feature[] = [];
  for (const part of parts) {
    const result = resolveKeys(keysOf(part), index);
    const only = result?.features.length === 1 ? result.features[0] : undefined;
    if (!only || features.includes(only)) return undefined;
    features.push(only);
  }
  return features;
}

function unknownId(keys: Readonly<ReferenceKeys>, index: FeatureIndex): IdToken | undefined {
  return keys.ids.find((id) => inIdScheme(id, index));
}

function unknownFeatureMessage(id: IdToken, file: string, productFile: string | undefined): string {
  const where = productFile ? `${productFile} does not define it` : 'no PRODUCT.md feature, spec or sequence entry defines it';
  return `${file} names ${id.raw}, but ${where}; correct the reference or add the feature.`;
}

interface SpecMatch {
  spec: Spec;
  feature?: Feature;
}

/**
 * Attaches each spec to a PRODUCT.md feature. Ids written in the spec's title or slug decide first, then a
 * title or slug equal to the feature's title, then the spec's number, but only when exactly one feature
 * carries that number and no other spec already claimed that feature by name.
 */
function attachSpecs(specs: Spec[], productFeatures: Feature[], diagnostics: Diagnostic[], memo: KeyMemo): { matches: SpecMatch[]; index: MutableIndex } {
  const index = indexFeatures(productFeatures, memo);
  const matches: SpecMatch[] = specs.map((spec) => ({ spec }));
  const undecided: SpecMatch[] = [];

  for (const match of matches) {
    const { spec } = match;
    const title = specTitle(spec);
    const texts = [title, spec.kind === 'agent' ? spec.slug : undefined].filter((t): t is string => Boolean(t));
    let candidates: Feature[] = [];
    for (const text of texts) {
      for (const id of keysOf(text).ids) {
        const hit = index.ids.get(idKey(id.prefix, id.number)) ?? (FEATURE_FAMILY.has(id.prefix) ? index.families.get(idKey('~F', id.number)) : undefined);
        if (hit && hit.length > 0) {
          candidates = hit;
          break;
        }
      }
      if (candidates.length > 0) break;
    }
    if (candidates.length === 0) {
      const names = unique([normaliseName(specSlug(spec)), title ? normaliseName(title) : ''].filter(Boolean));
      candidates = unique(names.flatMap((name) => index.names.get(name) ?? []));
    }
    if (candidates.length === 1) match.feature = candidates[0];
    else if (candidates.length > 1) diagnostics.push(ambiguous(spec.dir, candidates, spec.position));
    else undecided.push(match);
  }

  const claimed = new Set(matches.flatMap((m) => (m.feature ? [m.feature] : [])));
  for (const match of undecided) {
    const { spec } = match;
    if (!spec.number) continue;
    const candidates = (index.idNumbers.get(stripZeros(spec.number)) ?? []).filter((f) => !claimed.has(f));
    if (candidates.length === 1) match.feature = candidates[0];
    else if (candidates.length > 1) diagnostics.push(ambiguous(spec.dir, candidates, spec.position));
  }
  return { matches, index };
}

function duplicateIds(features: Feature[], diagnostics: Diagnostic[]): void {
  const seen = new Map<string, Feature>();
  for (const feature of features) {
    const id = explicitId(feature);
    const key = id ? idKey(id.prefix, id.number) : `slug:${normaliseName(feature.id)}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, feature);
      continue;
    }
    diagnostics.push(
      diagnostic(
        'govern/duplicate-feature-id',
        'warning',
        `Feature id ${feature.id} is already used by "${first.title}" at ${where(first.position)}; give one of them another id, or references to ${feature.id} stay ambiguous.`,
        feature.position,
      ),
    );
  }
}

function resolveDependencies(
  feature: Feature,
  deps: Located<string>[],
  index: FeatureIndex,
  diagnostics: Diagnostic[],
  productFile: string | undefined,
): void {
  for (const dep of deps) {
    if (isNothing(dep.value)) continue;
    const keys = keysOf(dep.value);
    const result = resolveKeys(keys, index);
    const only = result?.features.length === 1 ? result.features[0] : undefined;
    if (only === feature) continue;
    if (only) {
      if (!feature.dependencies.some((d) => d.id === only.id)) feature.dependencies.push({ id: only.id, reference: dep.value, position: dep.position });
      continue;
    }
    if (result) diagnostics.push(ambiguous(dep.value, result.features, dep.position, OWNED_BY_A_RULE));
    else {
      const id = unknownId(keys, index);
      if (id) diagnostics.push(diagnostic('govern/unknown-feature', OWNED_BY_A_RULE, unknownFeatureMessage(id, dep.position.file, productFile), dep.position));
    }
    if (!feature.dependencies.some((d) => d.id === undefined && d.reference === dep.value)) {
      feature.dependencies.push({ reference: dep.value, position: dep.position });
    }
  }
}

/**
 * The project's features, each with everything the repository says about it.
 * PRODUCT.md defines them when it has features; otherwise specs do, then sequence entries.
 */
export function buildFeatures(input: { product?: Product; specs: Spec[]; sequences: Sequence[]; states: StateFile[] }): ParseResult<Feature[]> {
  const diagnostics: Diagnostic[] = [];
  const productFile = input.product && input.product.features.length > 0 ? input.product.file : undefined;
  const features: Feature[] = (input.product?.features ?? []).map(featureFromProduct);
  const hasProduct = features.length > 0;
  duplicateIds(features, diagnostics);
  const memo: KeyMemo = new Map();

  const productFeatures = features.slice();
  const attached = attachSpecs(input.specs, productFeatures, diagnostics, memo);
  for (const { spec, feature } of attached.matches) {
    if (feature) feature.specs.push(spec);
    else features.push(featureFromSpec(spec));
  }

  // PRODUCT.md's features are indexed already; those that gained specs gain their keys, and the
  // features made from specs follow them, as indexing them all again would have it.
  const index = refreshKeys(attached.index, productFeatures, memo);
  for (const feature of features.slice(productFeatures.length)) addToIndex(index, feature, memo);
  const scheme = sequenceIdScheme(input.sequences);
  for (const sequence of input.sequences) {
    const topics = sequenceTopics(sequence);
    for (const entry of sequence.entries) {
      if (isNothing(entry.reference)) continue;
      const keys = keysOf(entry.reference);
      const result = resolveKeys(keys, index);
      if (result && result.features.length > 1) {
        diagnostics.push(ambiguous(entry.reference, result.features, entry.position, OWNED_BY_A_RULE));
        continue;
      }
      const target = result?.features[0];
      if (target) {
        target.sequence.push({ file: sequence.file, entry });
        continue;
      }
      if (hasProduct) {
        const id = unknownId(keys, index);
        const message = id
          ? unknownFeatureMessage(id, sequence.file, productFile)
          : `${sequence.file} lists "${entry.reference}", but no feature in ${productFile} or its specs matches it; use the feature's id or its title from ${productFile}.`;
        diagnostics.push(diagnostic('govern/unknown-feature', OWNED_BY_A_RULE, message, entry.position));
        continue;
      }
      const created = featureFromEntry(sequence.file, entry, scheme, topics);
      features.push(created);
      addToIndex(index, created, memo);
    }
  }

  // Sequence entries attached by id bring the names they go by; index those too, so status.md can use them.
  const full = refreshKeys(index, features, memo);
  // Without PRODUCT.md, a state file's Done list may be the only place finished features are still named
  // (BACKLOG.md items move to status.md when done). They count when written in the numbering the other
  // features use; with no other features there is no numbering to trust, and with PRODUCT.md it is the definition.
  const stateIdScheme = hasProduct ? new Set<string>() : new Set([...full.prefixes].filter((p) => p !== ''));
  for (const stateFile of input.states) {
    for (const entry of stateFile.entries) {
      if (isNothing(entry.reference)) continue;
      const keys = keysOf(entry.reference);
      const result = resolveKeys(keys, full);
      if (result && result.features.length > 1) {
        diagnostics.push(ambiguous(entry.reference, result.features, entry.mark.position));
        continue;
      }
      const target = result?.features[0];
      if (target) {
        target.stateEntries.push({ file: stateFile.file, entry });
        continue;
      }
      const listed = resolveList(entry.reference, full);
      if (listed) {
        for (const feature of listed) feature.stateEntries.push({ file: stateFile.file, entry });
        continue;
      }
      const id = unknownId(keys, full);
      if (!id) continue;
      if (stateIdScheme.has(id.prefix)) {
        const created = featureFromState(stateFile.file, entry, id);
        features.push(created);
        addToIndex(full, created, memo);
        continue;
      }
      diagnostics.push(diagnostic('govern/unknown-feature', 'warning', unknownFeatureMessage(id, stateFile.file, productFile), entry.mark.position));
    }
  }

  for (const feature of features) {
    if (feature.product) resolveDependencies(feature, feature.product.dependencies, full, diagnostics, productFile);
    for (const { entry } of feature.sequence) resolveDependencies(feature, entry.dependencies, full, diagnostics, productFile);
  }

  return { value: features, diagnostics };
}
