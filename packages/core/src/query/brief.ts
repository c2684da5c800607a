import { GovernError } from '../errors.js';
import { createFeatureIndex, resolveReference } from '../model/identity/feature-index.js';
import type { Project } from '../model/project.js';
import type { Principle } from '../model/types.js';
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

export interface FeatureBrief {
  id: string;
  title: string;
  /** The whole prompt, self-contained Markdown. */
  markdown: string;
}

const KIND_LABEL: Record<string, string> = {
  install: 'Install',
  build: 'Build',
  test: 'Test',
  lint: 'Lint',
  typecheck: 'Type-check',
  format: 'Format',
  dev: 'Run locally',
};

/**
 * One Markdown prompt holding everything an implementing agent needs for one feature, so a cleared
 * session can start from it alone. Throws a usage GovernError for a reference that names no feature.
 */
export function featureBrief(project: Project, options: BriefOptions = {}): FeatureBrief {
  const next = options.next ?? nextFeature(project);
  const planned = pickFeature(next, options.feature, project);
  const out: string[] = [];
  const f = planned.feature;
  const product = f.product;

  out.push(`# Implement ${planned.id}: ${planned.title}`, '');
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

  principlesSection(project, out);
  steeringSection(project, out);

  out.push('## Feature', '');
  if (product?.definition) out.push('### Definition', '', product.definition.value, '');
  else out.push('### Definition', '', `_No definition written yet: add one under the feature in ${product?.position.file ?? 'docs/PRODUCT.md'}._`, '');
  listSection(out, 'Acceptance criteria', product?.acceptanceCriteria.map((c) => c.value) ?? [], product ? at(product.acceptanceCriteria[0]?.position ?? product.position) : undefined);
  listSection(out, 'Boundary conditions', product?.boundaryConditions.map((c) => c.value) ?? [], product ? at(product.boundaryConditions[0]?.position ?? product.position) : undefined);

  out.push('## Spec, plan and tasks', '');
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

  commandsSection(project, out);

  out.push('## When you finish', '');
  out.push(
    'Run the commands above, then end with this handoff block (in the state file, e.g. `status.md`, or the pull request), ' +
      'replacing every `<...>` and choosing one goal status:',
    '',
    '```markdown',
    draftHandoff({ from: options.from ?? 'implement', to: options.to ?? 'verify', commands: agentCommands(project.agents) }).trimEnd(),
    '```',
    '',
  );
  return { id: planned.id, title: planned.title, markdown: `${out.join('\n').trimEnd()}\n` };
}

function pickFeature(next: NextResult, reference: string | undefined, project: Project): PlannedFeature {
  if (reference === undefined) {
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

function principlesSection(project: Project, out: string[]): void {
  const constitution = project.constitution;
  if (!constitution || constitution.principles.length === 0) return;
  const binding = constitution.principles.filter((p) => p.nonNegotiable);
  const shown: Principle[] = binding.length > 0 ? binding : constitution.principles;
  out.push(
    binding.length > 0 ? '## Non-negotiable principles' : '## Principles',
    '',
    `From \`${constitution.file}\`. ${binding.length > 0 ? 'These are not up for debate; stop and ask rather than break one.' : 'No principle is marked non-negotiable; follow all of them.'}`,
    '',
  );
  for (const p of shown) out.push(`### ${p.id ? `${p.id}. ` : ''}${p.name}`, '', p.body.trim(), '');
}

/**
 * Kiro's steering files as the project's context, where the repository has no PRODUCT.md (what the product
 * is: the product file's first paragraph) or no AGENTS.md (the files an agent loads before changing code).
 */
function steeringSection(project: Project, out: string[]): void {
  const steering = project.steering ?? [];
  if (steering.length === 0) return;
  const product = project.product ? undefined : steering.find((s) => s.role === 'product' && s.summary);
  const context = project.agents.length > 0 ? [] : steering.filter((s) => s.role !== 'product');
  if (!product && context.length === 0) return;
  out.push('## Project context', '');
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

function commandsSection(project: Project, out: string[]): void {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const file of project.agents) {
    for (const c of file.commands) {
      const key = `${c.kind}\u0000${c.command}`;
      if (seen.has(key) || c.kind === 'other') continue;
      seen.add(key);
      lines.push(`- ${KIND_LABEL[c.kind] ?? c.kind}: \`${c.command}\``);
    }
  }
  out.push('## Build, test and lint', '');
  if (lines.length === 0) out.push('_AGENTS.md names no commands: find how this repository builds and tests before changing code._', '');
  else out.push(`From ${[...new Set(project.agents.map((a) => `\`${a.file}\``))].join(', ')}:`, '', ...lines, '');
}

function at(position: { file: string; line: number }): string {
  return `${position.file}:${position.line}`;
}
