import { andList, createFeatureIndex, dependencyCycles, normaliseStateWord, pathsInText, referenceKeys, resolveReference, type Feature, type SourcePosition } from '@govern/core';
import { createProjectRule } from '../utils/create-rule.js';
import { linesByFile } from '../utils/lines.js';
import { featureLabel, statesByFeature } from '../utils/states.js';

type MessageIds = 'unknown' | 'unknownMany' | 'ambiguous' | 'cycle' | 'order';

/** A feature's earliest entry in each sequence file. */
function firstEntries(feature: Feature): Map<string, Feature['sequence'][number]['entry']> {
  const entries = new Map<string, Feature['sequence'][number]['entry']>();
  for (const { file, entry } of feature.sequence) {
    const known = entries.get(file);
    if (!known || entry.index < known.index) entries.set(file, entry);
  }
  return entries;
}

/**
 * Whether the document marks the dependency done where it names it (`M3.5 ✅`, `ENROLL-1 (DONE)`): a
 * prerequisite the author records as met needs no feature to resolve to, so naming none is no problem.
 */
function markedDone(reference: string, position: SourcePosition, linesOf: (file: string) => readonly string[]): boolean {
  if (endsDone(reference) || startsDone(reference.trim())) return true;
  const line = linesOf(position.file)[position.line - 1];
  if (line === undefined) return false;
  const at = line.indexOf(reference, Math.max(0, position.column - 1));
  if (at < 0) {
    // `Phases 3 ✓ + 5` is read as `Phase 3` and `Phase 5`: the mark follows the number as written.
    const last = reference.slice(reference.lastIndexOf(' ') + 1);
    const number = /^\d+(?:\.\d+)*$/u.test(last) ? last : undefined;
    const written = number === undefined ? -1 : line.indexOf(number, Math.max(0, position.column - 1));
    return written >= 0 && startsDone(line.slice(written + number!.length, written + number!.length + 40).trim());
  }
  // `WP-108 ✅` or `✅ WP-113`: the mark may follow the name or lead it.
  return startsDone(line.slice(at + reference.length, at + reference.length + 40).trim()) || endsDone(line.slice(Math.max(0, at - 8), at));
}

/**
 * Whether a plan says its finished items are moved out of it (`Completed WPs → docs/CHANGELOG.md`, `Done items are
 * archived in DONE.md`): an id it names that is no longer there is finished work, not a dangling name.
 */
function prunesFinished(lines: readonly string[]): boolean {
  // Line by line, the two words found apart: one pattern spanning both could backtrack. The note is near the top.
  let read = 0;
  for (const line of lines) {
    if (read > 20_000) break;
    read += line.length + 1;
    const finished = FINISHED_WORD.exec(line);
    if (!finished) continue;
    const after = line.slice(finished.index, finished.index + 80);
    if (MOVED_TO.test(after)) return true;
  }
  return false;
}

const FINISHED_WORD = /\b(?:completed|finished|done|closed|shipped)\b/iu;
const MOVED_TO = /changelog|archive|done\.md|completed\.md|history\.md/iu;

/** A done note at the start of `text`: `(DONE)`, `✅`, a done word (`completed`, `completada`). */
function startsDone(text: string): boolean {
  // `Fase 5 completada (96% coverage) ✅`: a done word right after the name says it is met.
  if (/^\p{L}/u.test(text) && normaliseStateWord(text.slice(0, 40)) === 'done') return true;
  if (text.startsWith('(')) {
    const close = text.indexOf(')');
    return close > 0 && normaliseStateWord(text.slice(1, close)) === 'done';
  }
  const mark = String.fromCodePoint(text.codePointAt(0) ?? 32);
  return mark.trim() !== '' && normaliseStateWord(mark) === 'done';
}

/** A done note at the end of a reference as written: `Billing migration ✅`, `Setup (done)`. */
function endsDone(reference: string): boolean {
  const trimmed = reference.trimEnd();
  const open = trimmed.lastIndexOf('(');
  if (open > 0 && trimmed.endsWith(')')) return startsDone(trimmed.slice(open));
  // The last code point: a mark outside the basic plane is two UTF-16 units.
  const low = trimmed.charCodeAt(trimmed.length - 1);
  const lastChar = trimmed.slice(low >= 0xdc00 && low <= 0xdfff ? -2 : -1);
  return lastChar.trim() !== '' && normaliseStateWord(lastChar) === 'done';
}

/**
 * Whether a dependency that resolves to nothing is a prerequisite described in a sentence (`Needs: a decision
 * on how refunds reach the old invoices`) rather than a name: more than six words, counting a run of
 * Chinese or Japanese characters as a word per three. Such a line may name a decision, a person or an outside
 * event as well as a feature, so govern cannot tell that it names a missing feature and leaves it alone.
 */
function describedInProse(reference: string): boolean {
  let words = 0;
  for (const token of reference.split(/\s+/u)) {
    if (token === '') continue;
    const ideographs = token.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu)?.length ?? 0;
    words += ideographs > 0 ? Math.max(1, Math.ceil(ideographs / 3)) : 1;
  }
  return words > 6;
}

/** Records that are documents, not features: an architecture decision (`ADR-001`, `DEC-5`), an RFC, a vulnerability (`CVE-…`). */
const DOCUMENT_ID = /^(?:adr|dec|rfc|cve)$/iu;
/** A decision named as what the work waits for (`founder decision DEC-5`, `decisión de producto`): a person's call, not a feature. */
const DECISION = /(?<![\p{L}])(?:decisions?|décisions?|decisión|decisiones|decisão|decisões|entscheidung(?:en)?|决策|決定|결정)(?![\p{L}])/iu;

/** A short code standing alone as a name, as backlogs key their cards: `N0a`, `B12`, `M3`. */
const SHORT_CODE = /^[A-Z]{1,3}\d{1,4}[a-z]?$/u;

/** A unit word and its number, as a roadmap keys its entries: `Phase 10`, `Sprint 3`, `Etapa 2.1`. */
const UNIT_KEY = /^(?:phase|stage|step|sprint|milestone|iteration|wave|fase|etapa|étape|stufe|этап|фаза)\s?#?\d{1,4}(?:\.\d{1,3}){0,2}$/iu;

/** Whether a reference is written as a feature's id, a spec folder, a number or a unit's key (`F-009`, `004-export`, `#12`, `N0a`, `Phase 10`), not as a name. */
function writtenAsId(reference: string): boolean {
  const keys = referenceKeys(reference);
  const trimmed = reference.trim();
  return keys.ids.some((id) => !DOCUMENT_ID.test(id.prefix)) || keys.spec !== undefined || keys.number !== undefined || SHORT_CODE.test(trimmed) || UNIT_KEY.test(trimmed);
}

/** A dependency that names a file (`Spike 001 (\`.planning/spikes/001-redis/README.md\`)`): a document the work reads, not a feature. */
function namesFile(reference: string): boolean {
  return pathsInText(reference.replace(/`/gu, ' ')).length > 0;
}

export default createProjectRule<[], MessageIds>('dependency-valid', {
  meta: {
    type: 'problem',
    docs: {
      description: 'Feature dependencies name existing features, form no cycle, and follow the sequence',
      recommended: true,
    },
    messages: {
      unknown:
        'Feature {{feature}} depends on "{{reference}}", but no feature is called that; write the id or title of a feature{{where}}, or remove the dependency.',
      unknownMany:
        'Feature {{feature}} depends on {{references}}, but no feature is called any of these; write the ids or titles of features{{where}}, or remove these dependencies.',
      ambiguous: 'Feature {{feature}} depends on "{{reference}}", which could name {{candidates}}; write the id of the one it needs.',
      cycle:
        'Dependency cycle {{cycle}}: none of these features can start before the others are done; remove the dependency that is not real.',
      order:
        '{{file}} puts {{feature}} (entry {{position}}) before {{dependency}} (entry {{dependencyPosition}}), which it depends on; move {{dependency}} earlier or drop the dependency.',
    },
    schema: [],
    govern: { scope: 'project' },
  },
  create(context) {
    return {
      project() {
        const { project } = context;
        const features = project.features;
        if (!features.some((f) => f.dependencies.length > 0)) return;
        const byId = new Map<string, Feature>();
        for (const feature of features) if (!byId.has(feature.id)) byId.set(feature.id, feature);
        // Indexing every feature's names costs more than the rest of the rule; most repositories need it for no dependency.
        let index: ReturnType<typeof createFeatureIndex> | undefined;
        const productFile = project.product && project.product.features.length > 0 ? project.product.file : undefined;
        const where = productFile ? ` in ${productFile}` : '';
        // Each file read once, however many of its dependencies resolve to nothing or are checked for order.
        const linesOf = linesByFile(project);
        const prunedFiles = new Map<string, boolean>();
        const pruned = (file: string): boolean => {
          let known = prunedFiles.get(file);
          if (known === undefined) prunedFiles.set(file, (known = prunesFinished(linesOf(file))));
          return known;
        };

        for (const feature of features) {
          let namesFeatures = false;
          // Whether a dependency that names a feature is written as a name, not an id (`Search index`, not `N0a`).
          let byName = false;
          const unresolved: Array<{ reference: string; position: SourcePosition }> = [];
          for (const dependency of feature.dependencies) {
            if (dependency.id !== undefined && byId.has(dependency.id)) {
              namesFeatures = true;
              byName ||= !writtenAsId(dependency.reference);
              continue;
            }
            const resolved = resolveReference(dependency.reference, (index ??= createFeatureIndex(features)));
            if (resolved && 'ambiguous' in resolved) {
              namesFeatures = true;
              byName ||= !writtenAsId(dependency.reference);
              const names = resolved.ambiguous;
              const candidates = names.length === 2 ? `${names[0]} or ${names[1]}` : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
              context.report({ messageId: 'ambiguous', data: { feature: featureLabel(feature), reference: dependency.reference, candidates }, position: dependency.position });
            } else if (resolved) {
              namesFeatures = true;
              byName ||= !writtenAsId(dependency.reference);
            } else if (!markedDone(dependency.reference, dependency.position, linesOf) && !describedInProse(dependency.reference) && !DECISION.test(dependency.reference) && !namesFile(dependency.reference) && !pruned(dependency.position.file)) {
              unresolved.push({ reference: dependency.reference, position: dependency.position });
            }
          }
          // A name that resolves to nothing is reported where the dependencies are about features: written as an id,
          // or beside a name that names a feature. `Prerequisite: a test phone, a sandbox account` names other things,
          // and so does `N0a; Mapbox token`: who writes features by their ids writes a plain name for something else.
          const reported = unresolved.filter((dependency) => (namesFeatures && byName) || writtenAsId(dependency.reference));
          // One line, one report.
          const byLine = new Map<string, typeof reported>();
          for (const dependency of reported) {
            const key = `${dependency.position.file}:${dependency.position.line}`;
            const list = byLine.get(key);
            if (list) list.push(dependency);
            else byLine.set(key, [dependency]);
          }
          for (const [, line] of byLine) {
            const first = line[0]!;
            if (line.length === 1) context.report({ messageId: 'unknown', data: { feature: featureLabel(feature), reference: first.reference, where }, position: first.position });
            else context.report({ messageId: 'unknownMany', data: { feature: featureLabel(feature), references: andList(line.map((d) => `"${d.reference}"`)), where }, position: first.position });
          }
        }

        const inCycle = new Set<string>();
        for (const cycle of dependencyCycles(project)) {
          const [first, second] = cycle;
          const start = first !== undefined ? byId.get(first) : undefined;
          if (!start) continue;
          for (const id of cycle) inCycle.add(id);
          const target = second ?? first;
          const declaration = start.dependencies.find((d) => d.id === target) ?? start.dependencies[0];
          context.report({
            messageId: 'cycle',
            data: { cycle: [...cycle, first].join(' → ') },
            position: declaration ? declaration.position : start.position,
          });
        }

        // Order matters only for work still ahead: a dependency already done, or a dependent already
        // finished or dropped, leaves nothing for the order to get wrong.
        const states = statesByFeature(project);
        // `✅ WP-113` in one row's dependencies records WP-113 met for every row that names it: the others need not
        // repeat the mark. Gathered only when an order is out, which most runs never meet.
        let recordedMet: Set<Feature> | undefined;
        const met = (other: Feature): boolean => {
          if (!recordedMet) {
            recordedMet = new Set();
            for (const feature of features) {
              for (const dependency of feature.dependencies) {
                const named = dependency.id !== undefined ? byId.get(dependency.id) : undefined;
                if (named && markedDone(dependency.reference, dependency.position, linesOf)) recordedMet.add(named);
              }
            }
          }
          return recordedMet.has(other);
        };
        for (const feature of features) {
          const state = states.get(feature)?.state;
          if (state === 'done' || state === 'cancelled' || feature.sequence.length === 0 || inCycle.has(feature.id)) continue;
          const mine = firstEntries(feature);
          for (const dependency of feature.dependencies) {
            const other = dependency.id !== undefined ? byId.get(dependency.id) : undefined;
            // `Depends on: WP-108 ✅`: the row, or another, records the prerequisite met, whatever the file's order.
            if (!other || other === feature || states.get(other)?.state === 'done') continue;
            const theirs = firstEntries(other);
            for (const [file, entry] of mine) {
              const before = theirs.get(file);
              if (!before || before.index <= entry.index || met(other)) continue;
              context.report({
                messageId: 'order',
                data: {
                  file,
                  feature: featureLabel(feature),
                  position: String(entry.index + 1),
                  dependency: featureLabel(other),
                  dependencyPosition: String(before.index + 1),
                },
                position: entry.position,
              });
            }
          }
        }
      },
    };
  },
});
