import { GovernError } from '../errors.js';
import { createFeatureIndex, resolveReference } from '../model/identity/feature-index.js';
import type { Project } from '../model/project.js';
import type { Handoff, Principle } from '../model/types.js';
import { lineStarts } from '../text/lines.js';
import { agentCommands, draftHandoff } from './handoff-draft.js';
import { nextFeature, type NextResult, type PlannedFeature } from './next.js';

export interface BriefOptions {
  /** A feature reference (`F-002`, `002-tags`, a title); default: the feature `nextFeature` picks. */
  feature?: string;
  /** Lanes named in the closing handoff block. */
  from?: string;
  to?: string;
  /** A precomputed `nextFeature(project)`. */
  next?: NextResult;
}

/** The brief's sections, in the order docs/commands.md documents. */
export type BriefSectionId = 'title' | 'stop' | 'principles' | 'context' | 'feature' | 'scope' | 'spec' | 'handoff' | 'review' | 'commands' | 'finish';

export interface FeatureBrief {
  id: string;
  title: string;
  /** The whole prompt, self-contained Markdown. */
  markdown: string;
  /** The sections the prompt holds, in order, with their headings. */
  sections: Array<{ id: BriefSectionId; title: string }>;
}

const KIND_LABEL: Record<string, string> = {
  install: 'Install',
  build: 'Build',
  test: 'Test',
  lint: 'Lint',
  typecheck: 'Type-check',
  format: 'Format',
};

/**
 * One Markdown prompt holding everything an implementing agent needs for one feature, so a cleared
 * session can start from it alone. Throws a usage GovernError for a reference that names no feature.
 */
export function featureBrief(project: Project, options: BriefOptions = {}): FeatureBrief {
  const next = options.next ?? nextFeature(project);
  const planned = pickFeature(next, options.feature, project);
  const out: string[] = [];
  const sections: FeatureBrief['sections'] = [];
  const heading = (id: BriefSectionId, title: string): void => {
    sections.push({ id, title });
    out.push(title, '');
  };
  const f = planned.feature;
  const product = f.product;

  heading('title', `# Implement ${planned.id}: ${planned.title}`);
  out.push(
    `You are implementing one feature of this repository. This brief holds what you need from its governance documents; ` +
      'the files it names are the source of truth when they say more. Work only on this feature.',
    '',
  );
  const where = `${at(f.position)}`;
  const state = `${planned.state.state}${planned.state.basis === 'default' ? '' : ` (${at(planned.state.source)})`}`;
  out.push(`- Defined in: ${where}`, `- State: ${state}`);
  if (planned.dependencies.length > 0) {
    out.push(`- Depends on: ${planned.dependencies.map((d) => `${d.id ?? d.reference} (${d.state ?? 'unknown'})`).join(', ')}`);
  }
  out.push('');

  stopSection(planned, heading, out);
  principlesSection(project, heading, out);
  steeringSection(project, heading, out);

  heading('feature', '## Feature');
  if (product?.definition) out.push('### Definition', '', product.definition.value, '');
  else out.push('### Definition', '', `_No definition written yet: add one under the feature in ${product?.position.file ?? 'docs/PRODUCT.md'}._`, '');
  listSection(out, 'Acceptance criteria', product?.acceptanceCriteria.map((c) => c.value) ?? [], product ? at(product.acceptanceCriteria[0]?.position ?? product.position) : undefined);
  listSection(out, 'Boundary conditions', product?.boundaryConditions.map((c) => c.value) ?? [], product ? at(product.boundaryConditions[0]?.position ?? product.position) : undefined);

  scopeSection(planned, heading, out);

  heading('spec', '## Spec, plan and tasks');
  const spec = planned.spec;
  if (!spec) {
    out.push(`No spec yet. Write one for ${planned.id} before implementing (Spec Kit: \`/speckit.specify\`, then \`/speckit.plan\`, \`/speckit.tasks\`).`, '');
  } else {
    const doc = spec.spec;
    const specFile = doc?.file ?? spec.dir;
    out.push(`- Spec: \`${specFile}\`${doc?.title ? ` — ${doc.title.value}` : ''}${doc?.status ? ` (Status: ${doc.status.value})` : ''}`);
    out.push(`- Plan: ${spec.planFile ? `\`${spec.planFile}\`` : '_none yet_'}`);
    if (spec.tasks) out.push(`- Tasks: \`${spec.tasks.file}\` (${spec.tasks.tasks.filter((t) => t.done).length}/${spec.tasks.tasks.length} done)`);
    out.push('');
    if (doc && doc.userStories.length > 0) {
      out.push('### User stories', '');
      for (const story of doc.userStories) out.push(`- ${story.id ? `${story.id}: ` : ''}${story.title}${story.priority ? ` (${story.priority})` : ''}`);
      out.push('');
    }
    if (planned.openTasks.length > 0) {
      out.push('### Open tasks', '', 'Work through them in order; tick each in the tasks file in the same commit as its code.', '');
      for (const task of planned.openTasks) out.push(`- [ ] ${task.id ? `${task.id} ` : ''}${task.text}`);
      out.push('');
    } else if (spec.tasks) out.push('Every task is ticked: verify the acceptance criteria and hand off.', '');
  }

  handoffSection(project, planned, heading, out);
  reviewSection(planned, heading, out);
  commandsSection(project, heading, out);

  heading('finish', '## When you finish');
  const block = draftHandoff({ from: options.from ?? 'implement', to: options.to ?? 'verify', commands: agentCommands(project.agents) }).trimEnd();
  out.push(
    'Run the commands above, then end with this handoff block (in the state file, e.g. `status.md`, or the pull request), ' +
      'replacing every `<...>` and choosing one goal status:',
    '',
    '```markdown',
    // The head names the feature, so the next session can tie the handoff to it.
    block.replace(/^(#{1,6} Handoff: [^\n]*)/, `$1 (${planned.id})`),
    '```',
    '',
  );
  return { id: planned.id, title: planned.title, markdown: `${out.join('\n').trimEnd()}\n`, sections };
}

type HeadingFn = (id: BriefSectionId, title: string) => void;

/** What needs a person before implementing: an escalation, or a spec still awaiting approval. */
function stopSection(planned: PlannedFeature, heading: HeadingFn, out: string[]): void {
  const lines: string[] = [];
  if (planned.escalation) lines.push(`- ${planned.escalation.reason} ${capitalise(planned.escalation.clear)}.`);
  for (const note of planned.notes) {
    if (note.kind === 'spec-awaiting-approval') lines.push(`- ${note.message.replace(/: approve it before implementing$/, ': get the spec approved before implementing.')}`);
  }
  if (lines.length === 0) return;
  heading('stop', '## Stop first');
  out.push('Settle these with a person before changing code:', '', ...lines, '');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The spec's Scope block as written: what the reviewer checks the change against. */
function scopeSection(planned: PlannedFeature, heading: HeadingFn, out: string[]): void {
  heading('scope', '## Scope');
  const withScope = planned.feature.specs.find((s) => s.spec?.scope) ;
  const scope = (planned.spec?.spec?.scope ? planned.spec : withScope)?.spec;
  if (!scope?.scope) {
    out.push('_The spec has no Scope block: build only what the acceptance criteria ask._', '');
    return;
  }
  const block = scope.scope;
  out.push(`From \`${scope.file}\`:${block.position.line}. The reviewer flags anything outside In scope as a blocking scope violation.`, '');
  const parts: Array<[string, typeof block.inScope]> = [
    ['In scope', block.inScope],
    ['Out of scope', block.outOfScope],
    ['Open questions', block.openQuestions],
  ];
  for (const [title, items] of parts) {
    out.push(`### ${title}`, '');
    if (items.length === 0) out.push('_None written._', '');
    else out.push(...items.map((i) => `- ${i.value}`), '');
  }
}

/**
 * The latest handoff tied to the feature (docs/commands.md): from the first state file that has one, the
 * last in document order, quoted as written in a fenced block so it is not read as a handoff of the brief.
 */
function handoffSection(project: Project, planned: PlannedFeature, heading: HeadingFn, out: string[]): void {
  const latest = latestHandoff(project, planned.id);
  if (!latest) return;
  const text = project.text(latest.file)?.text;
  if (text === undefined) return;
  const starts = lineStarts(text);
  const first = latest.handoff.position.line;
  const last = lastLine(latest.handoff);
  const lines = text
    .slice(starts[first - 1] ?? 0, starts[last] ?? text.length)
    .split(/\r\n|\r|\n/)
    .map((line) => line.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const longest = Math.max(2, ...lines.map((line) => /^\s*(`+)/.exec(line)?.[1]!.length ?? 0));
  const fence = '`'.repeat(longest + 1);
  heading('handoff', '## Where the work stands');
  out.push(`The latest handoff for ${planned.id}, from ${latest.file}:${first}:`, '', `${fence}markdown`, ...lines, fence, '');
}

/** The last line the handoff's head, fields and their items are written on. */
function lastLine(handoff: Handoff): number {
  let last = handoff.position.endLine ?? handoff.position.line;
  const fields = [...Object.values(handoff.fields), ...handoff.otherFields];
  for (const field of fields) {
    if (!field) continue;
    last = Math.max(last, field.position.endLine ?? field.position.line);
    for (const item of field.items) last = Math.max(last, item.position.endLine ?? item.position.line);
  }
  return last;
}

/** Handoffs tied to a feature: the block's `Feature:` field, a reference in its head, or the heading it sits under. */
export function latestHandoff(project: Project, featureId: string): { file: string; handoff: Handoff } | undefined {
  const index = createFeatureIndex(project.features);
  for (const state of project.states) {
    let found: Handoff | undefined;
    for (const handoff of state.handoffs) {
      if (!handoff.feature) continue;
      const resolved = resolveReference(handoff.feature.value, index);
      if (resolved && 'id' in resolved && resolved.id === featureId) found = handoff;
    }
    if (found) return { file: state.file, handoff: found };
  }
  return undefined;
}

/** The latest review's open findings when it does not approve; nits are left for later. */
function reviewSection(planned: PlannedFeature, heading: HeadingFn, out: string[]): void {
  const review = planned.review;
  if (!review || review.approved) return;
  const { blocking, scopeViolations, shouldFix } = review;
  if (blocking.length + scopeViolations.length + shouldFix.length === 0) return;
  const latest = review.latest.review;
  const place = (item: { file?: string; line?: number }) => (item.file ? `${item.file}${item.line !== undefined ? `:${item.line}` : ''} — ` : '');
  heading('review', '## Open review findings');
  out.push(`From \`${latest.file}\` (${latest.verdict ?? 'no verdict'}). Fix the blocking items and scope violations first.`, '');
  if (blocking.length + scopeViolations.length > 0) {
    out.push(...blocking.map((b) => `- ${place(b)}${b.text}`), ...scopeViolations.map((v) => `- scope: ${place(v)}${v.text}`), '');
  }
  if (shouldFix.length > 0) out.push('### Should fix', '', ...shouldFix.map((b) => `- ${place(b)}${b.text}`), '');
}

function pickFeature(next: NextResult, reference: string | undefined, project: Project): PlannedFeature {
  if (reference === undefined) {
    if (next.status === 'escalate' && next.feature) {
      const other = next.meanwhile ? `Brief another with: govern brief ${next.meanwhile.id}.` : 'Name one: govern brief <feature>.';
      throw new GovernError('usage', `no feature to brief: ${next.feature.id} needs a person first (${next.reason.replace(/\.$/u, '')}). ${other}`);
    }
    if (next.feature && next.status !== 'blocked') return next.feature;
    throw new GovernError('usage', `no feature to brief: ${next.reason} Name one: govern brief <feature>.`);
  }
  const resolved = resolveReference(reference, createFeatureIndex(project.features));
  if (resolved && 'ambiguous' in resolved) {
    throw new GovernError('usage', `"${reference}" could name several features (${resolved.ambiguous.join(', ')}); give the id.`);
  }
  const planned = resolved ? next.features.find((p) => p.id === resolved.id) : undefined;
  if (!planned) {
    const known = next.features.map((p) => p.id);
    throw new GovernError('usage', `unknown feature "${reference}"${known.length > 0 ? ` (features: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''})` : ''}`);
  }
  return planned;
}

function principlesSection(project: Project, heading: HeadingFn, out: string[]): void {
  const constitution = project.constitution;
  if (!constitution || constitution.principles.length === 0) return;
  // Every principle: the non-negotiable ones first, then the others, each in the constitution's order.
  const binding = constitution.principles.filter((p) => p.nonNegotiable);
  const shown: Principle[] = [...binding, ...constitution.principles.filter((p) => !p.nonNegotiable)];
  heading('principles', '## Principles');
  out.push(
    `From \`${constitution.file}\`. ${binding.length > 0 ? 'Principles marked NON-NEGOTIABLE are not up for debate: stop and ask rather than break one.' : 'No principle is marked non-negotiable; follow all of them.'}`,
    '',
  );
  for (const p of shown) {
    const name = p.nonNegotiable && !/non-?negotiable/i.test(p.name) ? `${p.name} (NON-NEGOTIABLE)` : p.name;
    out.push(`### ${p.id ? `${p.id}. ` : ''}${name}`, '', p.body.trim(), '');
  }
}

/**
 * Kiro's steering files as the project's context, where the repository has no PRODUCT.md (what the product
 * is: the product file's first paragraph) or no AGENTS.md (the files an agent loads before changing code).
 */
function steeringSection(project: Project, heading: HeadingFn, out: string[]): void {
  const steering = project.steering ?? [];
  if (steering.length === 0) return;
  const product = project.product ? undefined : steering.find((s) => s.role === 'product' && s.summary);
  const context = project.agents.length > 0 ? [] : steering.filter((s) => s.role !== 'product');
  if (!product && context.length === 0) return;
  heading('context', '## Project context');
  if (product?.summary) out.push(`From \`${product.file}\`: ${product.summary.value}`, '');
  if (context.length > 0) {
    out.push('Read before changing code (Kiro steering):', '');
    for (const s of context) out.push(`- \`${s.file}\`${s.inclusion && s.inclusion !== 'always' ? ` (inclusion: ${s.inclusion})` : ''}`);
    out.push('');
  }
}

function listSection(out: string[], title: string, items: string[], source: string | undefined): void {
  out.push(`### ${title}`, '');
  if (items.length === 0) out.push(`_None written${source ? ` (${source.split(':')[0]})` : ''}._`, '');
  else {
    for (const item of items) out.push(`- ${item}`);
    out.push('');
  }
}

function commandsSection(project: Project, heading: HeadingFn, out: string[]): void {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const file of project.agents) {
    for (const c of file.commands) {
      const key = `${c.kind}\u0000${c.command}`;
      // A dev server or a run command is not how the work is checked.
      if (seen.has(key) || c.kind === 'other' || c.kind === 'dev') continue;
      seen.add(key);
      lines.push(`- ${KIND_LABEL[c.kind] ?? c.kind}: \`${c.command}\``);
    }
  }
  heading('commands', '## Build, test and lint');
  if (lines.length === 0) out.push('_AGENTS.md names no commands: find how this repository builds and tests before changing code._', '');
  else out.push(`From ${[...new Set(project.agents.map((a) => `\`${a.file}\``))].join(', ')}:`, '', ...lines, '');
}

function at(position: { file: string; line: number }): string {
  return `${position.file}:${position.line}`;
}
