import type { Feature, Project } from '../model/project.js';
import type { Located, SourcePosition, Spec } from '../model/types.js';
import { lineStarts } from '../text/lines.js';

/**
 * Whether a spec still waits for approval (seed 001: the spec is approved before implementation starts).
 * A Status that says approval is pending always counts; a draft word (`Draft`, `Proposed`, `WIP`) counts
 * only where the repository records approval at all: Spec Kit writes `Draft` into every spec and
 * nothing changes it, so there a Draft says nothing about approval. docs/rules/spec-approved.md.
 */

const PENDING = [
  /\bawaiting(?:\s+\S+){0,3}?\s+(?:approval|sign-?off)\b/i,
  /\b(?:pending|needs|requires|for|to be)\s+(?:approval|approved|sign-?off)\b/i,
  /\bapproval\s+(?:pending|needed|required)\b/i,
  /\bnot\s+(?:yet\s+)?approved\b/i,
  /\bunapproved\b/i,
];
const DRAFT = /^(?:draft|proposed|wip|work in progress)\b/i;
const APPROVED = /^(?:approved|accepted)\b/i;
/** Markup, emoji and punctuation before a status's first word. */
const LEADING_MARKS = /^[^\p{L}\p{N}]+/u;

function plainStatus(value: string): string {
  return value.replace(/[*_`]/g, '').replace(LEADING_MARKS, '').trim();
}

export function approvalPending(status: string): boolean {
  const plain = plainStatus(status);
  // `Approved — awaiting sign-off from legal`: approved, whatever else it waits for.
  if (APPROVED.test(plain)) return false;
  return PENDING.some((pattern) => pattern.test(plain));
}

/** Whether any spec's Status records approval as a step: an approved spec, or one that waits for it. */
export function recordsApproval(specs: readonly Spec[]): boolean {
  return specs.some((spec) => {
    const status = spec.spec?.status?.value;
    if (status === undefined) return false;
    return APPROVED.test(plainStatus(status)) || approvalPending(status);
  });
}

export interface AwaitingApproval {
  spec: Spec;
  status: Located<string>;
}

/**
 * The specs of one feature that are not approved yet, given whether the repository records approval
 * (`recordsApproval(project.specs)`, computed once by the caller).
 */
export function specsAwaitingApproval(feature: Feature, repositoryRecordsApproval: boolean): AwaitingApproval[] {
  const found: AwaitingApproval[] = [];
  for (const spec of feature.specs) {
    const status = spec.spec?.status;
    if (!status) continue;
    if (approvalPending(status.value) || (repositoryRecordsApproval && DRAFT.test(plainStatus(status.value)))) found.push({ spec, status });
  }
  return found;
}

/** The same for every feature of a project, by feature id. */
export function awaitingApprovalByFeature(project: Pick<Project, 'features' | 'specs'>): Map<string, AwaitingApproval[]> {
  const records = recordsApproval(project.specs);
  const byId = new Map<string, AwaitingApproval[]>();
  for (const feature of project.features) {
    const found = specsAwaitingApproval(feature, records);
    if (found.length > 0) byId.set(feature.id, found);
  }
  return byId;
}

/**
 * Where a Status value is written: the Status label's position moved to the value on the same line
 * (`**Status**: Draft` → the `D`), so a report points at the words to change.
 */
export function statusValuePosition(project: Pick<Project, 'text'>, status: Located<string>): SourcePosition {
  const text = project.text(status.position.file)?.text;
  if (text === undefined) return status.position;
  const starts = lineStarts(text);
  const start = starts[status.position.line - 1];
  if (start === undefined) return status.position;
  const line = text.slice(start, starts[status.position.line] ?? text.length);
  const index = line.indexOf(status.value, Math.max(0, status.position.column - 1));
  if (index < 0) return status.position;
  return { file: status.position.file, line: status.position.line, column: index + 1, endLine: status.position.line, endColumn: index + 1 + status.value.length };
}
