import { clip, compareVersions, type Located } from '@govern/core';
import type { InlineCode } from 'mdast';
import { createDocumentRule } from '../utils/create-rule.js';
import { inlineCodeFields } from '../utils/constitution.js';

type MessageIds =
  | 'noVersionLine'
  | 'missingField'
  | 'notSet'
  | 'badVersion'
  | 'badDate'
  | 'amendedBeforeRatified'
  | 'noPrinciples'
  | 'templateToken'
  | 'unfilledTemplate'
  | 'syncReportBehind'
  | 'syncReportAhead';

type Field = 'version' | 'ratified' | 'lastAmended';

const FIELD_NAMES: Record<Field, string> = {
  version: 'version',
  ratified: 'ratification date',
  lastAmended: 'last-amended date',
};

const FIELD_LABELS: Record<Field, string> = {
  version: '**Version**: 1.0.0',
  ratified: '**Ratified**: YYYY-MM-DD',
  lastAmended: '**Last Amended**: YYYY-MM-DD',
};

/**
 * MAJOR.MINOR.PATCH with optional pre-release and build parts, as semver.org writes it; a leading `v`
 * is common in constitutions (`v1.2.0`) and accepted. A note may follow (`1.2.0 (security section added)`).
 */
const SEMVER = /^v?(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?=$|[\s,;(])/;

/** A version as people write it outside Spec Kit's format: `1.0`, `v2`, `1.0.3`. */
const LOOSE_VERSION = /^v?\d{1,9}(?:\.\d{1,9}){0,2}(?=$|[\s,;(])/i;

/** An ISO calendar date, optionally followed by a note (`2025-06-13 (initial adoption)`). */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?=$|[\s,;(]|T\d)/;

/** Spec Kit writes `TODO(RATIFICATION_DATE): explanation` when it does not know a value. */
const DEFERRED = /^TODO\s*\(\s*(?:[A-Z_]+\s*)?\)|^(?:TODO|TBD|TBC|N\/A|unknown|pending)\b/i;

function isoDate(value: string): string | undefined {
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  // `2025-02-30` is not a day; Date would roll it into March.
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return undefined;
  return `${y}-${m}-${d}`;
}

function span(located: Located<string>): { start: { line: number; column: number }; end: { line: number; column: number } } {
  const { line, column } = located.position;
  return { start: { line, column }, end: { line, column: column + located.value.length } };
}

/** A path to a constitution file, from its start: `~/.speckit/constitution.md`, `../handbook/constitution.md`. */
const CONSTITUTION_PATH = /(?<![~\w./-])[~\w./-]{0,200}\/constitution\.md\b/giu;

/**
 * A project's constitution that sends its reader to another one as the source of truth (`~/.speckit/constitution.md`,
 * a team's handbook): a bridge whose versions are the other file's, not a constitution to version on its own.
 */
function bridge(text: string, file: string): boolean {
  return [...text.matchAll(CONSTITUTION_PATH)].some((match) => match[0].replace(/^\.\//u, '') !== file);
}

/** Sections about the constitution itself rather than the project's rules: governance, amendments, versions. */
const GOVERNANCE_SECTION = /govern|amend|version|ratif|sync impact|änderung|gouvernance|gobernanza|governança|управлени|поправк|yönetişim|治理|修订|修訂|改訂|ガバナンス|거버넌스|개정/iu;

export default createDocumentRule<[], MessageIds>('constitution-valid', {
  meta: {
    type: 'problem',
    docs: {
      description:
        'The constitution has a semver version, ISO ratified and last-amended dates in order, at least one principle, and no unreplaced template placeholders',
      recommended: true,
    },
    messages: {
      noVersionLine:
        'The constitution has no version line; add "**Version**: 1.0.0 | **Ratified**: YYYY-MM-DD | **Last Amended**: YYYY-MM-DD" at its end so amendments can be tracked.',
      missingField: 'The constitution\'s version line has no {{field}}; add "{{example}}".',
      notSet: 'The constitution\'s {{field}} is not set ("{{value}}"); replace it with the real value ({{expected}}).',
      badVersion: 'Constitution version "{{value}}" is not a semantic version; write it as MAJOR.MINOR.PATCH (for example 1.2.0).',
      badDate: 'The constitution\'s {{field}} "{{value}}" is not a date in YYYY-MM-DD form; write it as, for example, 2025-06-13.',
      amendedBeforeRatified:
        'The constitution was last amended on {{amended}}, before it was ratified on {{ratified}}; correct one of the two dates.',
      noPrinciples:
        'The constitution states no principles; add a "## Core Principles" section with one "### I. Name" heading per principle.',
      templateToken: 'Template placeholder {{token}} was never replaced; fill it in (as /speckit.constitution does) or remove it.',
      syncReportBehind:
        'The Sync Impact Report ends at version {{report}}, but the version line says {{version}} (line {{line}}): the later amendments have no report; add one for them (or correct the version line).',
      syncReportAhead:
        'The Sync Impact Report ends at version {{report}}, but the version line still says {{version}} (line {{line}}); set the version line to {{report}} (or correct the report).',
      unfilledTemplate:
        'The constitution is still Spec Kit\'s unfilled template ({{count}} placeholders such as {{token}}); run /speckit.constitution to write the project\'s principles, or delete the file.',
    },
    schema: [],
    govern: { scope: 'document', kinds: ['constitution'] },
  },
  create(context) {
    // Version lines written as inline code, which the constitution's model does not read.
    const codes: InlineCode[] = [];
    return {
      inlineCode(node) {
        codes.push(node);
      },
      'root:exit'() {
        const doc = context.document;
        const model = context.models.constitution;
        if (!model) return;
        const constitution = { ...model, ...inlineCodeFields(doc, model, codes) };
        const start = { line: 1, column: 1 };
        // An untouched template is one finding, not a dozen: nothing in it has been written yet.
        const tokens = constitution.templateTokens;
        const isToken = (text: string) => /^\[[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\]$/.test(text.trim());
        if (tokens.length >= 3 && constitution.principles.every((p) => isToken(p.name)) && (!constitution.title || /\[[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\]/.test(constitution.title.value))) {
          context.report({ loc: start, messageId: 'unfilledTemplate', data: { count: tokens.length, token: tokens[0]!.value } });
          return;
        }
        const tokenAt = new Set(constitution.templateTokens.map((t) => `${t.position.line}:${t.position.column}`));

        const fields: Field[] = ['version', 'ratified', 'lastAmended'];
        // A constitution in Spec Kit's format (its ratification date or sync report, or an amendment date where Spec Kit keeps it) dates
        // its amendments and reports them; one written freely (`**Version**: 2.0`, `**Last Updated**: December 5, 2025`)
        // is held only to having a readable version.
        const specKitFormat =
          constitution.ratified !== undefined || constitution.syncImpactReport !== undefined || (constitution.lastAmended !== undefined && specKitFile(context.document.file));
        if (fields.every((f) => constitution[f] === undefined)) {
          // Spec Kit keeps its constitution in `.specify/memory/` (`memory/` before) and versions it; a project's own
          // `constitution.md` elsewhere, without the report /speckit.constitution writes, never promised a version line.
          // A report that names the version it amends to (`Version change: 1.1.0 → 1.2.0`) keeps the version readable.
          const reported = constitution.syncImpactReport?.versionChange?.to !== undefined;
          if ((specKitFile(context.document.file) || constitution.syncImpactReport !== undefined) && !reported && !bridge(doc.text, doc.file)) context.report({ loc: start, messageId: 'noVersionLine' });
        } else {
          const dates: Partial<Record<Field, string>> = {};
          for (const field of fields) {
            const located = constitution[field];
            if (!specKitFormat && field !== 'version') continue;
            if (!located) {
              context.report({ loc: start, messageId: 'missingField', data: { field: FIELD_NAMES[field], example: FIELD_LABELS[field] } });
              continue;
            }
            const value = located.value.trim();
            // A placeholder as the value is reported once, as a placeholder.
            if (tokenAt.has(`${located.position.line}:${located.position.column}`) || /^\[[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\]/.test(value)) continue;
            if (DEFERRED.test(value)) {
              const expected = field === 'version' ? 'MAJOR.MINOR.PATCH' : 'YYYY-MM-DD';
              context.report({ loc: span(located), messageId: 'notSet', data: { field: FIELD_NAMES[field], value: clip(value, 60), expected } });
              continue;
            }
            if (field === 'version') {
              if (!(specKitFormat ? SEMVER : LOOSE_VERSION).test(value)) context.report({ loc: span(located), messageId: 'badVersion', data: { value } });
              continue;
            }
            const date = isoDate(value);
            if (date === undefined) context.report({ loc: span(located), messageId: 'badDate', data: { field: FIELD_NAMES[field], value } });
            else dates[field] = date;
          }
          if (dates.ratified && dates.lastAmended && dates.lastAmended < dates.ratified && constitution.lastAmended) {
            context.report({
              loc: span(constitution.lastAmended),
              messageId: 'amendedBeforeRatified',
              data: { amended: dates.lastAmended, ratified: dates.ratified },
            });
          }
        }

        const change = constitution.syncImpactReport?.versionChange;
        const version = constitution.version;
        if (change?.to !== undefined && change.position && version && SEMVER.test(version.value.trim())) {
          const order = compareVersions(change.to, version.value);
          if (order !== 0) {
            context.report({
              loc: { line: change.position.line, column: change.position.column },
              messageId: order < 0 ? 'syncReportBehind' : 'syncReportAhead',
              data: { report: change.to, version: version.value.trim().split(/\s/)[0]!, line: version.position.line },
            });
          }
        }

        // A constitution in a shape of its own states its rules under its own headings (`Hard constraints`,
        // `Engineering standards`): it lacks principles only when it states nothing but how it is governed.
        if (constitution.principles.length === 0 && constitution.sections.every((section) => GOVERNANCE_SECTION.test(section.title))) {
          context.report({ loc: constitution.title ? constitution.title.position : start, messageId: 'noPrinciples' });
        }

        for (const token of constitution.templateTokens) {
          context.report({ loc: span(token), messageId: 'templateToken', data: { token: token.value } });
        }
      },
    };
  },
});

/** Where Spec Kit writes its constitution: `.specify/memory/constitution.md`, or `memory/constitution.md` in its first layout. */
function specKitFile(file: string): boolean {
  return /(?:^|\/)(?:\.specify\/)?memory\/constitution\.md$/iu.test(file) || /(?:^|\/)\.specify\//u.test(file);
}
