/**
 * Everything a feature can be called by, the index of features by those keys, and which features a
 * reference resolves to: the second step of feature identity (docs/identity.md).
 */
import type { Feature } from '../project.js';
import type { Spec } from '../types.js';
import { memoise } from '../memo.js';
import { FEATURE_FAMILY, findIds, idKey, keysOf, MEMO_LIMIT, normaliseName, stripMarkdown, stripSpecTitleLabel, stripZeros, type IdToken, type ReferenceKeys } from './reference-keys.js';

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

/** The verbs OpenSpec change ids start with (`add-theme-support`): the rest names the work. */
const CHANGE_VERB = /^(?:add|implement|update|remove|refactor|fix|create|introduce|improve|enhance|migrate|build|enable)-(?=[a-z0-9]+-)/;

/**
 * What an OpenSpec change is about, its id without the leading verb (`theme-support` for `add-theme-support`,
 * of two words at least): plans name changes that way ("Theme Support").
 */
function changeObject(spec: Spec): string | undefined {
  if (spec.kind !== 'openspec') return undefined;
  const verb = CHANGE_VERB.exec(spec.slug);
  return verb ? spec.slug.slice(verb[0].length) : undefined;
}

export function specSlug(spec: Spec): string {
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
export function specTitle(spec: Spec): string | undefined {
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
export function explicitId(feature: Feature): IdToken | undefined {
  if (feature.product) {
    if (feature.product.idSource !== 'explicit') return undefined;
    return parseWholeId(feature.product.id);
  }
  if (feature.specs.some((s) => folderNames(s).includes(feature.id.toLowerCase()))) return undefined;
  // A slug of the title (`step-3` for "Step 3", or "Step 3: Export" with the name written after it) is a name,
  // even when it looks like an id.
  const slug = normaliseName(feature.id);
  if (slug === normaliseName(feature.title) || slug === normaliseName(feature.title.split(': ')[0]!)) return undefined;
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

/** The folder a numbered spec is filed under when it is not the spec root (`account` in `specs/account/001-login`). */
function moduleOf(spec: Pick<Spec, 'dir'>): string | undefined {
  const parts = spec.dir.split('/');
  const parent = parts[parts.length - 2];
  return parent && !SPEC_ROOT.test(parent) ? parent : undefined;
}

const SPEC_ROOT = /^(?:\.?specs?|\.kiro|\.agents?|changes|archived?|_archive|openspec|features|docs)$/iu;

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
    // `specs/account/001-login`: a spec filed under a module goes by the module and its number too (`account-001`).
    const module = spec.number ? moduleOf(spec) : undefined;
    if (module) add(keys.names, normaliseName(`${module} ${spec.number}`));
    for (const folder of folderNames(spec)) add(keys.specFolders, folder);
    add(keys.names, normaliseName(specSlug(spec)));
    const object = changeObject(spec);
    if (object) add(keys.names, normaliseName(object));
    const title = specTitle(spec);
    if (title) add(keys.names, normaliseName(title));
  }
  // A sequence entry attached by its id teaches the feature the name it goes by there ("F-003 Tags" → tags).
  for (const { entry } of feature.sequence) {
    const ref = keysOf(entry.reference);
    if (ref.ids.length > 0 && ref.names.length === 2) add(keys.names, ref.names[1]);
    // `### Feature 018: Character reads` goes by its title, and by the number its heading gives it (`Feature 018`).
    if (ref.ids.length === 0 && entry.label !== entry.reference) {
      const leading = keysOf(entry.label).ids[0];
      if (leading && entry.label.trimStart().startsWith(leading.raw)) add(keys.ids, idKey(leading.prefix, leading.number));
    }
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

export interface MutableIndex extends FeatureIndex {
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
export type KeyMemo = Map<Feature, { specs: number; sequence: number; id: IdToken | undefined; keys: FeatureKeys }>;

function indexKeys(feature: Feature, memo: KeyMemo | undefined): { id: IdToken | undefined; keys: FeatureKeys } {
  const known = memo?.get(feature);
  if (known && known.specs === feature.specs.length && known.sequence === feature.sequence.length) return known;
  const id = explicitId(feature);
  const entry = { specs: feature.specs.length, sequence: feature.sequence.length, id, keys: keysWithId(feature, id) };
  memo?.set(feature, entry);
  return entry;
}

export function addToIndex(index: MutableIndex, feature: Feature, memo?: KeyMemo): void {
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
export function refreshKeys(index: MutableIndex, features: Feature[], memo: KeyMemo): MutableIndex {
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

export function indexFeatures(features: Feature[], memo?: KeyMemo): MutableIndex {
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


type Resolution = { features: Feature[] } | undefined;

function found(list: Feature[] | undefined): Resolution {
  return list && list.length > 0 ? { features: list } : undefined;
}

/** Whether an id belongs to the project's id scheme, so a miss is worth telling someone about. */
export function inIdScheme(id: IdToken, index: FeatureIndex): boolean {
  if (id.prefix === '') return false;
  if (index.prefixes.has(id.prefix)) return true;
  // `F-12` names a feature wherever features carry ids. Where PRODUCT.md names every feature without one
  // ("no IDs"), an F-id points into a registry govern does not read, so whether it names a feature cannot be told.
  return FEATURE_FAMILY.has(id.prefix) && !(index.productDefined && ![...index.prefixes].some((prefix) => prefix !== ''));
}

/** The features a reference may name: one when it is clear, several when ambiguous, none when unknown. */
export function resolveKeys(keys: Readonly<ReferenceKeys>, index: FeatureIndex): Resolution {
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

export function unique<T>(list: T[]): T[] {
  return [...new Set(list)];
}

/**
 * The feature a reference names (`{ id }`), the candidates when it could name several equally
 * (`{ ambiguous }`), or undefined when it names none.
 */
export function resolveReference(reference: string, index: FeatureIndex): { id: string } | { ambiguous: string[] } | undefined {
  const result = resolveKeys(keysOf(reference), index);
  if (!result) return undefined;
  const ids = candidateIds(result.features);
  const [only, ...rest] = ids;
  if (only !== undefined && rest.length === 0) return { id: only };
  return { ambiguous: ids };
}

/**
 * The ids of the features a reference reached, one per candidate. A feature reached by two of its keys (its title and
 * its number) is one candidate, not two; so are two plans' units of one id (`Phase 7` of two plans, told apart by their
 * titles), which no id written in the reference could tell apart. Two spec folders of one name stay two: that is a
 * real clash, to be reported.
 */
export function candidateIds(features: readonly Feature[]): string[] {
  const ids: string[] = [];
  const planned = new Set<string>();
  for (const feature of unique([...features])) {
    if (feature.specs.length === 0) {
      if (planned.has(feature.id)) continue;
      planned.add(feature.id);
    }
    ids.push(feature.id);
  }
  return ids;
}
