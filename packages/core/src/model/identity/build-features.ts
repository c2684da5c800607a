/**
 * Which references name the same feature: `F-003`, `specs/003-tags/`, "Tags" in DEVELOPMENT.md and `tags`
 * in status.md. `buildFeatures` is the only place that decides it, so every query and rule agrees.
 * The rules are documented in docs/identity.md; the order of the checks below is that document's order.
 */
import type { Feature } from '../project.js';
import type { Diagnostic, Located, ParseResult, Product, ProductFeature, Sequence, SequenceEntry, SourcePosition, Spec, StateEntry, StateFile } from '../types.js';
import { diagnostic } from '../positions.js';
import { isAscii } from '../../text/ascii.js';
import { isReadme, isSpecIndexReadme } from '../../text/document-names.js';
import { bracketNote, slugify, splitAround } from '../../text/plain-text.js';
import { bracketedState, isMarkMatch, leadingStateWord, normaliseStateWord } from '../../text/state-words.js';
import { FEATURE_FAMILY, idKey, keysOf, NOTHING, normaliseName, stripEmoji, stripMarkdown, stripNumbering, stripZeros, withoutPriorityTags, type IdToken, type ReferenceKeys } from './reference-keys.js';
import {
  addToIndex,
  candidateIds,
  explicitId,
  inIdScheme,
  indexFeatures,
  refreshKeys,
  resolveKeys,
  specSlug,
  specTitle,
  unique,
  type FeatureIndex,
  type KeyMemo,
  type MutableIndex,
} from './feature-index.js';

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

export function isNothing(reference: string): boolean {
  return NOTHING.has(normaliseName(reference)) || /^[-–—]+$/.test(reference.trim());
}

function featureFromProduct(product: ProductFeature): Feature {
  return { id: product.id, title: product.title, position: product.position, product, specs: [], sequence: [], stateEntries: [], dependencies: [] };
}

function featureFromSpec(spec: Spec): Feature {
  const folder = spec.dir.replace(/\\/g, '/').replace(/(?<!\/)\/+$/, '');
  // A story is named by its epic and story numbers (`1.2`), as its epic lists it.
  const id = spec.kind === 'speckit' || spec.kind === 'kiro' ? folder.slice(folder.lastIndexOf('/') + 1) : spec.kind === 'story' && spec.number !== undefined ? spec.number : spec.slug;
  const title = specTitle(spec) ?? humanise(specSlug(spec));
  return { id, title, position: spec.position, specs: [spec], sequence: [], stateEntries: [], dependencies: [] };
}

/**
 * Two story files with one number (`1-1-sign-up.md` and `1-1-kiosk-setup.md`, two products' epics in one repository)
 * are two stories: each goes by its number and its name (`1.1-sign-up`), so that neither takes the other's record.
 */
function nameSharedStoryNumbers(features: Feature[]): void {
  const byId = new Map<string, Feature[]>();
  for (const feature of features) {
    const spec = feature.specs[0];
    if (feature.product || spec?.kind !== 'story' || feature.id !== spec.number) continue;
    const shared = byId.get(feature.id);
    if (shared) shared.push(feature);
    else byId.set(feature.id, [feature]);
  }
  for (const shared of byId.values()) {
    if (shared.length < 2) continue;
    for (const feature of shared) if (feature.specs[0]!.slug) feature.id = `${feature.id}-${feature.specs[0]!.slug}`;
  }
}

/** Trailing emoji that are state marks (`Tags ✅`), not part of a name (`Streak reminders 🔥`). */
function stripTrailingMarks(text: string): string {
  let out = text.trimEnd();
  if (isAscii(out)) return out;
  // `Seed catalogue ✅ Done`, `Watering ⚠️ ~70% complete`: a mark and the state in words after it end the name.
  const marks = [...out.matchAll(/\p{Extended_Pictographic}/gu)];
  const last = marks[marks.length - 1];
  if (last) {
    const after = out.slice(last.index + last[0].length);
    const word = after.trim() === '' ? undefined : leadingStateWord(after, { loose: true });
    if (word && word.rest === '' && last.index > 0) out = out.slice(0, last.index).trimEnd();
  }
  for (;;) {
    const m = /(\p{Extended_Pictographic}[\uFE0E\uFE0F\u200D]*)$/u.exec(out);
    if (!m || !normaliseStateWord(m[1] ?? '')) return out;
    out = out.slice(0, m.index).trimEnd();
  }
}

/**
 * A feature's title from an entry's text (`cut`: also at a dash): the id, list numbering, state marks and a trailing description
 * (` — calories per serving`, ` (P0)`) taken off. Other emoji stay: they are part of how people name things.
 */
function titleFrom(text: string, id: IdToken | undefined, cut = true): string {
  let title = stripMarkdown(withoutPriorityTags(text)).text;
  if (id) {
    const at = title.indexOf(id.raw);
    if (at >= 0) {
      // `(DONE)` right after the id is the entry's state, not the start of its name (`NGR-090 (DONE): residency manager`).
      let before = title.slice(0, at);
      let after = title.slice(at + id.raw.length);
      // `[MH-008] Images for the intro`: the brackets held the id, and go with it.
      if (/[[(]\s*$/u.test(before) && /^\s*[\])]/u.test(after)) {
        before = before.replace(/[[(]\s*$/u, '');
        after = after.replace(/^\s*[\])]/u, '');
      }
      title = `${before} ${after.slice(bracketedState(after)?.length ?? 0)}`;
    }
  }
  title = stripNumbering(title.replace(/^\s*[0-9#*]\uFE0F?\u20E3/u, ' ')).replace(/\s+/g, ' ').trim();
  // `✅ H-2 · Status is unreachable`: a mark that led the id, then a middle dot or bullet that parts the id from its
  // name as a colon does.
  const mark = id ? leadingStateWord(title) : undefined;
  if (mark && isMarkMatch(mark) && /^\s*[·•:：—–|-]/u.test(title.slice(mark.index + mark.length))) title = title.slice(mark.index + mark.length);
  title = title.replace(/^[\s:：—–|,.·•-]+/u, '');
  const at = title.search(cut ? /\s[—–-]\s|[:：]\s|\s\(|（/u : /[:：]\s|\s\(|（/u);
  if (at > 0) title = title.slice(0, at);
  return stripTrailingMarks(title.replace(/(?<![\s:：—–|,.-])[\s:：—–|,.-]+$/u, '')).trim();
}

/** A key of a table's own, letters then a number (`BX_1.1c`, `RW-0.2`), not a name (`Sync`). */
const KEY_LIKE = /^\p{L}{1,8}[-_.]?\d[\p{L}\p{N}._-]{0,20}$/u;

/** `Offline maps  [status: in-progress]` → `Offline maps`: a bracketed tag at the end of a label is no part of the name. */
function withoutTrailingTag(label: string): string {
  const trimmed = label.trimEnd();
  if (!trimmed.endsWith(']')) return label;
  const open = trimmed.lastIndexOf('[');
  return open > 0 && trimmed.length - open <= 60 ? trimmed.slice(0, open) : label;
}

/** A number and nothing else (`001`). */
const BARE_NUMBER = /^\d{1,4}$/u;
/** A number of parts and nothing else (`1.4`, `2.10.1`): how a table numbers the tasks of its phases. */
const DOTTED_NUMBER = /^\d{1,3}(?:\.\d{1,3}){1,3}$/u;

/** A unit word and its number, and nothing else: `Phase 3`, `Sprint 2.1`, `Etapa 4`, `Week 3-4`; also within a release (`1.0 Phase 2`, `M2 Phase 1`). */
const UNIT_NUMBER_ONLY = /^(?:v?\d{1,3}(?:\.\d{1,3}){0,2} |[A-Z]\d{1,3} )?\p{L}{2,12} ?(?:\d{1,4}(?:[.-]\d{1,3}){0,2}|[A-H])$/u;

/** Marks before an entry's words (`✅ `, `🔄 `). */
const LEADING_MARKS = /^[\s\p{Extended_Pictographic}\uFE0F\u200D]+/u;
/** A section's own number before the unit it names: the `2. ` of `## 2. Phase 1: MVP`. */
const SECTION_NUMBER = /^\d{1,3}[.)]\s+/u;

/** `Phase 3: Advanced features`: a unit named only by its word and number keeps the name written after them. */
function withName(title: string, label: string | undefined): string {
  if (label === undefined || !UNIT_NUMBER_ONLY.test(title)) return title;
  // `✅ Task 1.1.1: Write the intro`: the mark before the number is the state, not part of the title.
  const text = stripMarkdown(label).text.replace(LEADING_MARKS, '').replace(SECTION_NUMBER, '').trim();
  if (!text.startsWith(title)) return title;
  const name = titleFrom(text.slice(title.length).replace(/^[\s:：—–|.-]+/u, ''), undefined);
  return name ? `${title}: ${name}` : title;
}

/**
 * `Podcast: re-tag the title`: the sequence parser keeps the topic in the reference when several items
 * share it (see `sharedTopics`), and the title keeps it too, or those items would fold into one feature.
 */
function topicTitle(entry: SequenceEntry, topics: ReadonlySet<string>): string | undefined {
  const reference = entry.reference;
  const colon = reference.indexOf(': ');
  if (colon <= 0 || !entry.label.includes(reference) || !topics.has(reference.slice(0, colon).toLowerCase())) return undefined;
  if (/\s[—–-]\s|\s\(|（/u.test(reference.slice(0, colon))) return undefined;
  return stripTrailingMarks(stripMarkdown(reference).text.replace(/\s+/gu, ' ').trim()) || undefined;
}

/**
 * A spec folder that holds only Spec Kit's template, never filled in (`# Feature Specification: [FEATURE NAME]`,
 * no plan, no tasks): a stub, not a feature to build.
 */
function unfilledTemplate(spec: Spec): boolean {
  const title = spec.spec?.title?.value;
  return title !== undefined && specTitle(spec) === undefined && title.trimEnd().endsWith(']') && spec.planFile === undefined && spec.tasks === undefined;
}

/** A title that calls the spec the product's vision or an overview of it (`# 产品愿景：…`, `# Product vision`), and nothing else. */
const UMBRELLA_TITLE =
  /^(?:(?:product|project|产品|產品|项目|項目|プロダクト|제품)\s*)?(?:vision|overview|愿景|願景|总览|總覽|概览|ビジョン|비전|visión|visão|vision produit)(?=\s*(?:[:：—–-]|$))/iu;

/**
 * A spec folder that is the vision over the others (`specs/000-community-vision/spec.md`, `Status: Active`, an index
 * of the sub-specs), with no plan and no tasks: it frames the features, it is not one to build.
 */
function umbrellaSpec(spec: Spec): boolean {
  const title = specTitle(spec);
  return title !== undefined && spec.planFile === undefined && spec.tasks === undefined && UMBRELLA_TITLE.test(title.trim());
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
  // Without an id the parser's reference is the name already: cutting it again at a dash would fold
  // `Review 1 – Parser` and `Review 1 – UI` into one.
  const title = (id ? undefined : topicTitle(entry, topics)) || titleFrom(entry.reference, id, id !== undefined) || titleFrom(entry.label, id) || stripMarkdown(entry.reference).text;
  const featureId = id ? idAsWritten(id) : slugify(stripNumbering(stripEmoji(title))) || slugify(entry.reference) || `entry-${entry.index + 1}`;
  // A row named by a key of the table's own (`| BX_1.1c | Export as CSV |`): the key is its id, the title column its title.
  // So is a heading numbered so (`### 001 — Nano client`).
  const named = !id && (KEY_LIKE.test(entry.reference) || BARE_NUMBER.test(entry.reference) || DOTTED_NUMBER.test(entry.reference)) && !UNIT_NUMBER_ONLY.test(entry.reference) && entry.label.startsWith(`${entry.reference} — `) ? titleFrom(withoutTrailingTag(entry.label.slice(entry.reference.length + 3)), undefined) : '';
  return { id: featureId, title: named || withName(title, entry.label), position: entry.position, specs: [], sequence: [{ file, entry }], stateEntries: [], dependencies: [] };
}

/** A feature only a state file names, by an id of the numbering the other features use (status.md's Done list). */
function featureFromState(file: string, entry: StateEntry, id: IdToken): Feature {
  // State entries carry only the reference; a parser that keeps the item's whole text as `label` gives a better title.
  const label = entry.label;
  const title = titleFrom(entry.reference, id) || (label ? titleFrom(label, id) : '') || idAsWritten(id);
  return { id: idAsWritten(id), title, position: entry.mark.position, specs: [], sequence: [], stateEntries: [{ file, entry }], dependencies: [] };
}

/** A feature a status file declares when nothing else does: its id when it has one, else a slug of its name. */
export function featureFromStateUnit(file: string, entry: StateEntry, id: IdToken | undefined): Feature {
  if (id) return featureFromState(file, entry, id);
  const title = titleFrom(entry.reference, undefined) || stripMarkdown(entry.reference).text;
  const featureId = slugify(stripNumbering(stripEmoji(title))) || slugify(entry.reference) || `entry-${entry.mark.position.line}`;
  return { id: featureId, title: withName(title, entry.label), position: entry.mark.position, specs: [], sequence: [], stateEntries: [{ file, entry }], dependencies: [] };
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
    // A `Feature: F-001` line in the spec's header names its feature before its title or name does.
    const texts = [spec.spec?.feature?.value, title, spec.kind === 'agent' ? spec.slug : undefined].filter((t): t is string => Boolean(t));
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

/**
 * The features of a scope of `file` that `reference` names: `Stage 5` names `## Stage 5: Production` when that
 * phase holds units rather than being one, and depending on it is depending on each of them.
 */
function scopeMembers(reference: string, file: string, features: readonly Feature[]): Feature[] {
  const wanted = normaliseName(reference);
  if (wanted === '') return [];
  return features.filter((f) =>
    f.sequence.some(({ file: listed, entry }) => {
      if (listed !== file || entry.phase === undefined) return false;
      const head = splitAround(entry.phase, /[:：—–]|(?<=\s)-(?=\s)/gu)[0] ?? '';
      return normaliseName(entry.phase) === wanted || normaliseName(head) === wanted;
    }),
  );
}

/**
 * OpenSpec changes and Kiro specs by their ids (`add-csv-export`, the archived `2025-06-01-add-tax-rates`
 * as `add-tax-rates`): a plan line that writes one names that change, whatever else it says.
 */
function changeIdIndex(features: readonly Feature[]): Map<string, Feature | null> {
  const ids = new Map<string, Feature | null>();
  const add = (id: string, feature: Feature): void => {
    const key = id.toLowerCase();
    const known = ids.get(key);
    ids.set(key, known === undefined || known === feature ? feature : null);
  };
  for (const feature of features) {
    for (const spec of feature.specs) {
      if (spec.kind !== 'openspec' && spec.kind !== 'kiro') continue;
      add(spec.slug, feature);
      add(feature.id, feature);
    }
  }
  return ids;
}

/**
 * An entry's keys, with the spec folder its paragraph links to when its words name none (`- [ ] **Track: CSV export**`
 * over `*Link: [./tracks/csv_export_20260102/](…)*`).
 */
function withLinkedSpec(keys: Readonly<ReferenceKeys>, links: readonly string[] | undefined): Readonly<ReferenceKeys> {
  if (keys.spec || !links) return keys;
  for (const link of links) {
    const spec = keysOf(link).spec;
    if (spec) return { ...keys, spec };
  }
  return keys;
}

/** The words an entry's label gives after its reference: ` — Time sync  [status: planned]` of `### 007 — Time sync …`. */
function ownWords(entry: SequenceEntry): string {
  return entry.label.slice(entry.label.indexOf(entry.reference) + entry.reference.length);
}

/** Words too common to tell two names apart. */
const COMMON_WORDS = new Set(['and', 'the', 'for', 'with', 'from', 'into', 'spec', 'feature', 'phase', 'stage', 'step', 'sprint', 'milestone', 'server', 'client', 'core', 'support']);

/** The ASCII words of a name, four letters or more, each cut to its first four letters; undefined when it has other words. */
function nameStems(text: string): Set<string> | undefined {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => /^\p{L}+$/u.test(word));
  if (words.some((word) => !isAscii(word))) return undefined;
  return new Set(words.filter((word) => word.length >= 4 && !COMMON_WORDS.has(word)).map((word) => word.slice(0, 4)));
}

/**
 * Whether an entry written as a bare id or number (`### 007 — Time sync  [status: planned]`, `| F005 | auth-and-session |`)
 * reached a spec by that number alone while its own words name something else: the plan numbers its entries its own
 * way (a spec skipped, another numbering altogether), so `007` is not `specs/007-optional-write` when not one word of the
 * two names is shared. Words in other scripts, or too few, cannot tell, and the number stands.
 */
function namedApart(entry: SequenceEntry, keys: Readonly<ReferenceKeys>, target: Feature, index: FeatureIndex): boolean {
  if (keys.spec || target.specs.length === 0 || !target.specs.every((spec) => spec.number !== undefined)) return false;
  // An id that names a feature outright (PRODUCT.md's `F-003`, a numbered feature `3`) decides, whatever the words.
  const written = [...keys.ids, ...(keys.number === undefined ? [] : [{ prefix: '', number: keys.number }])];
  if (namesFeatureOutright(written, index)) return false;
  // The reference names the entry by words of its own (`Tags`): it reached the spec by name.
  if (keys.names.some((name) => nameStems(name)?.size !== 0)) return false;
  const own = nameStems(withoutTrailingTag(ownWords(entry)));
  if (own === undefined || own.size === 0) return false;
  const theirs = nameStems([target.title, ...target.specs.map((spec) => spec.slug)].join(' '));
  if (theirs === undefined || theirs.size === 0) return false;
  return ![...own].some((stem) => theirs.has(stem));
}

/**
 * A README's roadmap numbers its phases its own way: its `Phase 6: Push notifications` is not another plan's `Phase 6:
 * Complete the duel` when not one word of the two names is shared (notes in brackets aside), and the README, the
 * weakest plan, gives way: the entry is left out rather than read as that feature's state.
 */
function readmeNamedApart(file: string, entry: SequenceEntry, target: Feature): boolean {
  if (!isReadme(file) || target.sequence.length === 0 || target.sequence.every((placed) => placed.file === file)) return false;
  const name = (text: string): string => withoutTrailingTag(bracketNote(text)?.name ?? text);
  const own = nameStems(name(ownWords(entry)));
  const theirs = nameStems(name(target.title.replace(entry.reference, ' ')));
  if (own === undefined || theirs === undefined || own.size === 0 || theirs.size === 0) return false;
  return ![...own].some((stem) => theirs.has(stem));
}

/**
 * A number two features share (two stories `1.1` of two products' epics) is told apart by the entry's title
 * (`Story 1.1: Monorepo setup`), when exactly one of them bears it.
 */
function toldByTitle(result: ReturnType<typeof resolveKeys>, entry: SequenceEntry): ReturnType<typeof resolveKeys> {
  if (!result || result.features.length < 2 || !entry.label.startsWith(entry.reference)) return result;
  const title = normaliseName(stripEmoji(entry.label.slice(entry.reference.length).replace(/^[\s:.–—-]+/u, '')));
  const titled = result.features.filter((feature) => normaliseName(feature.title) === title);
  return titled.length === 1 ? { features: titled } : result;
}

/** Whether one of the ids is a feature's own id (PRODUCT.md's `F-003`, a numbered feature `3`), not a spec's number. */
function namesFeatureOutright(ids: readonly Pick<IdToken, 'prefix' | 'number'>[], index: FeatureIndex): boolean {
  return ids.some((id) => index.ids.has(idKey(id.prefix, id.number)));
}

/**
 * The features keys name, the spec folder an entry links to first: `### Slice 9b` over `**Spec**: \`specs/009b-…/\`` is
 * that spec, though another plan's `Slice 9b` goes by the same words.
 */
function resolveLinked(keys: Readonly<ReferenceKeys>, index: FeatureIndex): ReturnType<typeof resolveKeys> {
  if (keys.spec) {
    const linked = resolveKeys({ ids: [], names: [], spec: keys.spec }, index);
    // The spec folder an entry links decides, unless an id of the entry names a feature outright (PRODUCT.md's F-003):
    // `| F18 | Request queuing | [specs/021-request-queuing](…) |` is spec 021, not spec 018 by its number.
    if (linked && linked.features.length === 1 && !namesFeatureOutright(keys.ids, index)) return linked;
  }
  return resolveKeys(keys, index);
}

/** A kebab-case word (`add-csv-export`): how change ids are written. Tested on whole words only, so it stays linear. */
const KEBAB_WORD = /^[a-z0-9]+(?:-[a-z0-9]+)+$/i;

/** The kebab-case words of a text (split at every character a change id cannot hold). */
function kebabWords(text: string): string[] {
  return text.split(/[^a-z0-9-]+/i).filter((word) => KEBAB_WORD.test(word));
}

/** The one change a plan line names by its id, if it names exactly one. */
function namedChange(text: string, ids: ReadonlyMap<string, Feature | null>): Feature | undefined {
  if (ids.size === 0) return undefined;
  let found: Feature | undefined;
  for (const word of kebabWords(text)) {
    const feature = ids.get(word.toLowerCase());
    if (!feature) continue;
    if (found && found !== feature) return undefined;
    found = feature;
  }
  return found;
}

/** Dependencies a spec states (an OpenSpec proposal's `**Dependencies:** \`add-x\``): only those naming a feature count. */
function resolveSpecDependencies(feature: Feature, deps: Located<string>[], ids: ReadonlyMap<string, Feature | null>): void {
  for (const dep of deps) {
    const target = ids.get(dep.value.toLowerCase());
    if (!target || target === feature || feature.dependencies.some((d) => d.id === target.id)) continue;
    feature.dependencies.push({ id: target.id, reference: dep.value, position: dep.position });
  }
}

/**
 * `depends on 002` where the features are named `002-three-kingdoms`, `010-online-multiplayer`: a bare number names the
 * one feature whose id, or the name a plan gives it, it leads. Undefined when none or several do.
 */
function numberLed(value: string, feature: Feature, index: FeatureIndex): { features: Feature[] } | undefined {
  const written = value.trim();
  if (!/^\d{2,4}$/u.test(written)) return undefined;
  const number = stripZeros(written);
  const leads = (name: string): boolean => {
    const lead = name.split('-')[0]!;
    return name.length > lead.length && /^\d{2,4}$/u.test(lead) && stripZeros(lead) === number;
  };
  const led = index.features.filter((other) => other !== feature && (leads(other.id) || other.sequence.some(({ entry }) => leads(entry.reference))));
  return led.length === 1 ? { features: led } : undefined;
}

function resolveDependencies(
  feature: Feature,
  deps: Located<string>[],
  index: FeatureIndex,
  diagnostics: Diagnostic[],
  productFile: string | undefined,
  scopeMembers: (reference: string) => Feature[] = () => [],
  changeIds: ReadonlyMap<string, Feature | null> = new Map(),
): void {
  const attempt = (value: string) => {
    const keys = keysOf(value);
    const named = namedChange(value, changeIds);
    const result = named ? { features: [named] } : (resolveKeys(keys, index) ?? numberLed(value, feature, index));
    const members = result ? [] : scopeMembers(value).filter((member) => member !== feature);
    return { keys, result, members };
  };
  for (const dep of deps) {
    if (isNothing(dep.value)) continue;
    let found = attempt(dep.value);
    // `Stage 5 (live)`: a word in brackets that is not part of any name is a note on the dependency.
    const note = found.result || found.members.length > 0 ? undefined : bracketNote(dep.value);
    if (note) {
      const bare = attempt(note.name);
      if (bare.result || bare.members.length > 0) found = bare;
    }
    const { keys, result, members } = found;
    // Two units of one id from two plans (`Feature 013` in a roadmap and its detail section) are one candidate.
    const only = result && candidateIds(result.features).length === 1 ? result.features[0] : undefined;
    if (only === feature) continue;
    if (only) {
      if (!feature.dependencies.some((d) => d.id === only.id)) feature.dependencies.push({ id: only.id, reference: dep.value, position: dep.position });
      continue;
    }
    if (members.length > 0) {
      for (const member of members) {
        if (!feature.dependencies.some((d) => d.id === member.id)) feature.dependencies.push({ id: member.id, reference: dep.value, position: dep.position });
      }
      continue;
    }
    // Where the work is OpenSpec changes or Kiro specs, a dependency names one by its id; words that name
    // none (`Authenticated dashboard adapter available`) describe a condition govern cannot check, not a feature.
    if (!result && changeIds.size > 0 && keys.ids.length === 0 && kebabWords(dep.value).length === 0) continue;
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

/** The keys an entry's reference is known by, as text: its ids and its first name. */
function entryKeyTexts(reference: string): string[] {
  const keys = keysOf(reference);
  return [...keys.ids.map((id) => idKey(id.prefix, id.number)), ...keys.names.slice(0, 1)];
}

/** For each key an entry of a sequence is known by, the files whose entries it names. */
function filesByEntryKey(sequences: readonly Sequence[]): Map<string, Set<string>> {
  const files = new Map<string, Set<string>>();
  for (const sequence of sequences) {
    for (const entry of sequence.entries) {
      for (const key of entryKeyTexts(entry.reference)) {
        const known = files.get(key) ?? new Set<string>();
        known.add(sequence.file);
        files.set(key, known);
      }
    }
  }
  return files;
}

/**
 * The key of the unit a row's scope cell names (`| PX-M0-01 | M0 | … |`) when another file's entries define that unit
 * and this file's do not: the row is a task of that unit. Undefined otherwise.
 */
function scopeDefinedElsewhere(scope: string, file: string, entryFiles: ReadonlyMap<string, ReadonlySet<string>>): string | undefined {
  for (const key of entryKeyTexts(scope)) {
    const files = entryFiles.get(key);
    if (files && !files.has(file)) return key;
  }
  return undefined;
}

/**
 * The rows of a board that are tasks of one unit, read as that unit's entry: finished when every row is, under way when
 * one is finished or under way, to do otherwise. Cancelled rows do not count.
 */
function memberRows(rows: readonly SequenceEntry[]): SequenceEntry {
  const first = rows[0]!;
  const counted = rows.filter((row) => row.state?.state !== 'cancelled');
  const done = counted.filter((row) => row.state?.state === 'done').length;
  const open = counted.find((row) => row.state?.state !== 'done') ?? first;
  const entry: SequenceEntry = { index: first.index, reference: first.phase!, label: first.phase!, dependencies: [], position: first.position };
  if (counted.length === 0 || !counted.some((row) => row.state)) return entry;
  const begun = done > 0 || counted.some((row) => row.state?.state === 'in-progress');
  entry.tasks = { done, total: counted.length, position: open.position };
  entry.state = { state: done === counted.length ? 'done' : begun ? 'in-progress' : 'todo', raw: `${done}/${counted.length} rows done`, position: open.position };
  return entry;
}

/**
 * Whether PRODUCT.md defines the project's features: it gives one an id of its own or a state (a checklist of
 * capabilities), or defines most of them (a definition, acceptance criteria). A long product specification that only names features in passing (a bullet
 * list of a release's scope, `- public website;`) lists words, not the features a plan is held to.
 */
export function productDefinesFeatures(product: Product | undefined): boolean {
  const features = product?.features ?? [];
  if (features.length === 0) return false;
  const defined = features.filter((f) => f.definition !== undefined || f.acceptanceCriteria.length > 0).length;
  return features.some((f) => f.idSource === 'explicit' || f.status !== undefined) || defined * 2 >= features.length;
}

/**
 * The project's features, each with everything the repository says about it.
 * PRODUCT.md defines them when it defines features (`productDefinesFeatures`); otherwise specs do, then sequence entries.
 */
export function buildFeatures(input: { product?: Product; specs: Spec[]; sequences: Sequence[]; states: StateFile[] }): ParseResult<Feature[]> {
  const diagnostics: Diagnostic[] = [];
  const registry = productDefinesFeatures(input.product);
  const productFile = registry ? input.product!.file : undefined;
  const features: Feature[] = registry ? input.product!.features.map(featureFromProduct) : [];
  const hasProduct = features.length > 0;
  duplicateIds(features, diagnostics);
  const memo: KeyMemo = new Map();

  const productFeatures = features.slice();
  const attached = attachSpecs(input.specs.filter((spec) => !unfilledTemplate(spec) && !umbrellaSpec(spec)), productFeatures, diagnostics, memo);
  for (const { spec, feature } of attached.matches) {
    if (feature) feature.specs.push(spec);
    else features.push(featureFromSpec(spec));
  }
  nameSharedStoryNumbers(features);

  // PRODUCT.md's features are indexed already; those that gained specs gain their keys, and the
  // features made from specs follow them, as indexing them all again would have it.
  const index = refreshKeys(attached.index, productFeatures, memo);
  for (const feature of features.slice(productFeatures.length)) addToIndex(index, feature, memo);
  const scheme = sequenceIdScheme(input.sequences);
  const changeIds = changeIdIndex(features);
  // The README's roadmap last: the weakest plan, it joins the features the other plans define, or gives way to them.
  const readmeLast = [...input.sequences.filter((s) => !isReadme(s.file)), ...input.sequences.filter((s) => isReadme(s.file))];
  const entryFiles = filesByEntryKey(input.sequences);
  // Rows of a task board whose milestone column names a unit another plan defines, by that unit's key: tasks of it.
  const members = new Map<string, { file: string; rows: SequenceEntry[] }>();
  for (const sequence of readmeLast) {
    const topics = sequenceTopics(sequence);
    for (const entry of sequence.entries) {
      if (isNothing(entry.reference)) continue;
      const keys = withLinkedSpec(keysOf(entry.reference), entry.links);
      const named = namedChange([entry.label, ...(entry.aliases ?? [])].join(' '), changeIds);
      const result = named ? { features: [named] } : toldByTitle(resolveLinked(keys, index), entry);
      if (result && result.features.length > 1) {
        diagnostics.push(ambiguous(entry.reference, result.features, entry.position, OWNED_BY_A_RULE));
        continue;
      }
      const target = result?.features[0];
      if (target && readmeNamedApart(sequence.file, entry, target)) continue;
      if (target && !namedApart(entry, keys, target, index)) {
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
      // A spec directory's README places and states the specs it names; it defines no work of its own.
      if (isSpecIndexReadme(sequence.file)) continue;
      const scope = entry.phase === undefined || !entry.scopeCell ? undefined : scopeDefinedElsewhere(entry.phase, sequence.file, entryFiles);
      if (scope !== undefined) {
        const key = `${sequence.file}\n${scope}`;
        const group = members.get(key) ?? { file: sequence.file, rows: [] };
        group.rows.push(entry);
        members.set(key, group);
        continue;
      }
      const created = featureFromEntry(sequence.file, entry, scheme, topics);
      features.push(created);
      addToIndex(index, created, memo);
    }
  }
  for (const { file, rows } of members.values()) {
    const result = resolveLinked(keysOf(rows[0]!.phase!), index);
    const target = result?.features.length === 1 ? result.features[0] : undefined;
    if (target) {
      target.sequence.push({ file, entry: memberRows(rows), rows });
      continue;
    }
    for (const entry of rows) {
      const created = featureFromEntry(file, entry, scheme, new Set());
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
  // When nothing else declares the work, a status or progress file is the plan: its units are the features.
  const statesDeclare = features.length === 0;
  for (const stateFile of input.states) {
    for (const entry of stateFile.entries) {
      if (isNothing(entry.reference)) continue;
      const keys = withLinkedSpec(keysOf(entry.reference), entry.links);
      const result = resolveLinked(keys, full);
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
      if (statesDeclare) {
        const created = featureFromStateUnit(stateFile.file, entry, keysOf(entry.reference).ids.find((i) => i.prefix !== ''));
        features.push(created);
        addToIndex(full, created, memo);
        continue;
      }
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
    for (const spec of feature.specs) if (spec.spec?.dependencies) resolveSpecDependencies(feature, spec.spec.dependencies, changeIds);
    for (const { file, entry } of feature.sequence) {
      resolveDependencies(feature, entry.dependencies, full, diagnostics, productFile, (reference) => scopeMembers(reference, file, features), changeIds);
    }
  }

  return { value: features, diagnostics };
}
