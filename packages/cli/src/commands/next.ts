import { describeOrder, docsUrl, loadProject, nextFeature, ordinal, toNextJson, type DocumentKind, type NextResult, type PlannedFeature } from '@govern/core';
import type { CliIO } from '../io.js';
import { EXIT, UsageError } from '../io.js';
import { colorsFor, type Colors } from '../output/colors.js';
import { projectOptions, type Command } from './command.js';
import { parseCommandArgs } from './args.js';

/** What next and status read: features, their order, their state, their tasks and attempt records. */
/** CLAUDE.md and AGENTS.md are read for the plan they import or name as the source of truth. */
export const PLANNING_KINDS: readonly DocumentKind[] = ['product', 'sequence', 'spec', 'plan', 'tasks', 'state', 'claude', 'agents', 'review'];

const OPEN_TASKS_SHOWN = 5;
const CRITERIA_SHOWN = 6;

export const nextCommand: Command = {
  name: 'next',
  summary: 'Say which feature to work on next, and why',
  help: `Usage: govern next [--json] [--lanes <n>] [--config <file>]

Picks the feature to work on, from the files alone: work in progress first,
else the first feature in the order (DEVELOPMENT.md, else BACKLOG.md, else
PRODUCT.md, else spec numbers) that is not done, not blocked, and whose
dependencies are done. When a feature needs a person first (a task failed 3
times, or twice in a row with the same cause, without escalation), the answer
is "escalate": who must decide what, and what could be done meanwhile.
The whole algorithm: ${docsUrl('next.md')}

Options:
  --json             Print a versioned JSON object (kind "govern.next", schemaVersion 1)
  --lanes <n>        Also list up to <n> features that can be worked on in parallel
  --config <file>    Use this config file instead of searching the root

Exit codes:
  0  a feature was returned, or every feature is done
  1  a feature needs a person first (status "escalate"), work remains but
     nothing can start, no features were found, or the documents do not say
     enough to choose (status "unclear")
  2  usage or configuration error

Examples:
  govern next
  govern next --lanes 3
  govern next --json | jq -r '.feature.id'`,
  async run(args, io, globals) {
    const { values } = parseCommandArgs('next', {
      args,
      options: { json: { type: 'boolean' }, lanes: { type: 'string' }, config: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
    const lanes = values.lanes === undefined ? undefined : parseLanes(values.lanes);
    const project = await loadProject(globals.root, { kinds: PLANNING_KINDS, ...projectOptions(io, globals, values.config) });
    const result = nextFeature(project, lanes === undefined ? {} : { lanes });
    if (values.json) io.stdout(`${JSON.stringify(toNextJson(result), null, 2)}\n`);
    else io.stdout(formatNext(result, colorsFor(io.isTTY, io.env, globals.color)));
    return exitCodeOf(result);
  },
};

export function exitCodeOf(result: NextResult): number {
  return result.status === 'blocked' || result.status === 'empty' || result.status === 'unclear' || result.status === 'escalate' ? EXIT.problems : EXIT.ok;
}

function parseLanes(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`--lanes needs a whole number of at least 1 (got "${text}")`);
  return Number(text);
}

function at(position: { file: string; line: number }): string {
  return `${position.file}:${position.line}`;
}

function formatNext(result: NextResult, c: Colors): string {
  const out: string[] = [];
  const label = (text: string) => c.bold(text.padEnd(6));
  const f = result.status === 'next' || result.status === 'continue' ? result.feature : undefined;
  if (result.status === 'escalate') {
    escalation(result, out, c);
    return `${out.join('\n')}\n`;
  }
  if (f) {
    const verdict = result.status === 'continue' ? c.cyan('continue') : c.green('next');
    out.push(`${verdict}  ${c.bold(f.id)} ${f.title}`);
    out.push(`${' '.repeat(result.status === 'continue' ? 10 : 6)}${c.dim(`defined ${at(f.feature.position)}`)}`);
  } else {
    const headline: Record<string, string> = {
      done: c.green('done'),
      blocked: c.red('blocked'),
      empty: c.yellow('empty'),
      unclear: c.yellow('unclear'),
    };
    const what: Record<string, string> = {
      done: 'every feature is finished',
      blocked: 'work remains, but nothing can start',
      empty: 'no features found',
      unclear: 'the documents do not say enough to choose',
    };
    out.push(`${headline[result.status] ?? result.status}  ${what[result.status] ?? ''}`);
  }
  if (result.status === 'blocked' && result.feature) {
    out.push(`${label('')}unblock first: ${c.bold(result.feature.id)} ${result.feature.title} ${c.dim(`(${at(result.feature.skip?.source ?? result.feature.feature.position)})`)}`);
  }
  out.push(`${label('why')}${result.reason}`);
  if (f) out.push(...reviewLines(f, c));
  out.push(c.dim(`order: ${orderText(result)}`));

  if (f) featureDetails(f, out, c);

  if (result.status === 'empty') {
    out.push('', c.bold('Looked for features in'));
    for (const glob of result.searched) out.push(`  ${glob}`);
  }

  if (result.candidates.length > 0) {
    out.push('', c.bold('Candidates'));
    for (const f of result.candidates) out.push(`  ${c.bold(f.id)} ${f.title} ${c.dim(`(${f.state.state}, ${f.state.certainty}; ${at(f.state.source)})`)}`);
  }

  if (result.unplanned.length > 0) {
    const open = result.unplanned.filter((f) => f.state.state !== 'done' && f.state.state !== 'cancelled');
    if (open.length > 0) {
      out.push('', c.bold('Not in the plan'));
      for (const f of open.slice(0, 5)) out.push(`  ${c.bold(f.id)} ${f.title} ${c.dim(`(${at(f.feature.position)})`)}`);
      if (open.length > 5) out.push(`  ${c.dim(`and ${open.length - 5} more`)}`);
    }
  }

  if (result.blockers.length > 0) {
    out.push('', c.bold('Blocked'));
    for (const b of result.blockers) out.push(`  ${c.bold(b.id)} ${b.title}: ${b.reason}`);
  }

  const skipped = result.status === 'blocked' ? [] : result.skipped;
  if (skipped.length > 0) {
    out.push('', c.bold('Skipped'));
    const finished = skipped.filter((s) => s.code === 'done' || s.code === 'cancelled');
    if (finished.length > 0) {
      const ids = finished.map((s) => s.id);
      out.push(`  ${c.dim(`${finished.length} finished: ${ids.length > 8 ? `${ids.slice(0, 8).join(', ')}, …` : ids.join(', ')}`)}`);
    }
    for (const s of skipped.filter((s) => s.code !== 'done' && s.code !== 'cancelled')) {
      out.push(`  ${c.bold(s.id)} ${s.title}: ${c.yellow(s.code)} — ${s.reason}`);
    }
  }

  if (result.runnersUp.length > 0) {
    out.push('', c.bold('Runners-up'));
    for (const r of result.runnersUp) out.push(`  ${c.bold(r.id)} ${r.title} ${c.dim(`${r.state.state}, ${at(r.orderSource)}`)}`);
  }

  if (result.lanes) {
    out.push('', c.bold(`Lanes (${result.lanes.length})`));
    if (result.lanes.length === 0) out.push(c.dim('  nothing can be worked on now'));
    result.lanes.forEach((l, i) => {
      const verdict = l.state.state === 'in-progress' ? 'continue' : 'start';
      out.push(`  ${i + 1}. ${c.bold(l.id)} ${l.title} ${c.dim(`${verdict}, ${at(l.feature.position)}`)}`);
    });
  }

  for (const d of result.diagnostics) out.push('', `${c.yellow('warning')} ${d.message} ${c.dim(`${d.file}:${d.line}`)}`);
  return `${out.join('\n')}\n`;
}

/** `escalate`: who needs a person, why, where the evidence is, what clears it, and what could be done meanwhile. */
function escalation(result: NextResult, out: string[], c: Colors): void {
  const [first, ...others] = result.escalations;
  if (!first) return;
  const label = (text: string) => c.bold(text.padEnd(6));
  out.push(`${c.red('escalate')}  ${c.bold(first.id)} ${first.title} needs a person`);
  out.push(`${' '.repeat(10)}${c.dim(`defined ${at(first.feature.feature.position)}`)}`);
  out.push(`${label('why')}${first.reason}`);
  out.push(`${label('')}${evidenceLabel(first.kind)}  ${at(first.recordedAt)}  ${first.recordedUnder}`);
  out.push(...reviewLines(first.feature, c));
  out.push(`${label('do')}${first.clear}`);
  out.push(c.dim(`order: ${orderText(result)}`));
  if (others.length > 0) {
    out.push('', c.bold('Also needs a person'));
    for (const e of others) out.push(`  ${c.bold(e.id)} ${e.title}: ${e.reason}`);
  }
  const meanwhile = result.meanwhile;
  if (meanwhile) {
    const how = meanwhile.state.state === 'in-progress' ? `is in progress (${at(meanwhile.state.source)})` : `could start (${at(meanwhile.orderSource)})`;
    out.push('', c.bold('Meanwhile'), `  ${c.bold(meanwhile.id)} ${meanwhile.title} ${how}: govern brief ${meanwhile.id}`);
  }
  for (const d of result.diagnostics) out.push('', `${c.yellow('warning')} ${d.message} ${c.dim(`${d.file}:${d.line}`)}`);
}

/** What the evidence line of an escalation points at. */
function evidenceLabel(kind: NextResult['escalations'][number]['kind']): string {
  switch (kind) {
    case 'circuit-breaker':
    case 'not-converging':
      return 'attempts';
    case 'review-cycles':
      return 'reviews';
    default:
      return 'see';
  }
}

const BLOCKING_SHOWN = 5;

/**
 * The latest review's verdict and open findings, and notes such as a spec still awaiting approval:
 * `review  changes_requested  .agent/reviews/x.json:2  (3rd review without approval)`.
 */
export function reviewLines(f: PlannedFeature, c: Colors, indent = ''): string[] {
  const out: string[] = [];
  const review = f.review;
  if (review) {
    const latest = review.latest;
    const cycles = review.withoutApproval > 0 ? `  (${ordinal(review.withoutApproval)} review without approval)` : '';
    out.push(`${indent}${c.bold('review')}  ${latest.review.verdict ?? 'no verdict'}  ${at(latest.verdictSource)}${cycles}`);
    const items = [
      ...review.blocking.map((b) => ['blocking', b] as const),
      ...review.scopeViolations.map((b) => ['scope   ', b] as const),
    ];
    for (const [kind, item] of items.slice(0, BLOCKING_SHOWN)) {
      const where = item.file ? `${item.file}${item.line !== undefined ? `:${item.line}` : ''}  ` : '';
      out.push(`${indent}        ${c.yellow(kind)}  ${where}${item.text}`);
    }
    if (items.length > BLOCKING_SHOWN) out.push(`${indent}        ${c.dim(`… and ${items.length - BLOCKING_SHOWN} more`)}`);
  }
  for (const note of f.notes) out.push(`${indent}${c.bold('spec')}    ${note.message}`);
  return out;
}

function orderText(result: NextResult): string {
  if (result.order.byPriority) return `priority, then ${describeOrder(result.order)}`;
  switch (result.order.source) {
    case 'development':
      return `sequence in ${result.order.file ?? 'DEVELOPMENT.md'}`;
    case 'backlog':
      return `backlog ${result.order.file ?? 'BACKLOG.md'}`;
    case 'product':
      return `features in ${result.order.file ?? 'PRODUCT.md'}`;
    case 'specs':
      return 'spec numbers';
    case 'status':
      return `list in ${result.order.file ?? 'the status file'}`;
    default:
      return 'none';
  }
}

function featureDetails(f: PlannedFeature, out: string[], c: Colors): void {
  const product = f.feature.product;
  if (product?.definition) {
    out.push('', c.bold('Definition'), `  ${product.definition.value}`);
  }
  if (product && product.acceptanceCriteria.length > 0) {
    const criteria = product.acceptanceCriteria;
    out.push('', `${c.bold('Acceptance criteria')} ${c.dim(`(${at(criteria[0]!.position)})`)}`);
    for (const criterion of criteria.slice(0, CRITERIA_SHOWN)) out.push(`  - ${criterion.value}`);
    if (criteria.length > CRITERIA_SHOWN) out.push(c.dim(`  … ${criteria.length - CRITERIA_SHOWN} more in ${product.position.file}`));
  }
  if (f.spec) {
    const tasks = f.state.tasks;
    const progress = tasks ? ` — ${tasks.done}/${tasks.total} tasks done (${tasks.file})` : '';
    const status = f.spec.spec?.status ? c.dim(` Status: ${f.spec.spec.status.value}`) : '';
    out.push('', `${c.bold('Spec')}  ${f.spec.dir}${progress}${status}`);
    for (const task of f.openTasks.slice(0, OPEN_TASKS_SHOWN)) {
      out.push(`  - [ ] ${task.id ? `${task.id} ` : ''}${task.text}  ${c.dim(at(task.position))}`);
    }
    if (f.openTasks.length > OPEN_TASKS_SHOWN) out.push(c.dim(`  … ${f.openTasks.length - OPEN_TASKS_SHOWN} more open`));
  } else if (product) {
    out.push('', c.dim(`No spec yet: start one for ${f.id} (Spec Kit: /speckit.specify).`));
  }
  const waiting = f.dependencies.filter((d) => !d.satisfied);
  if (f.dependencies.length > 0) {
    const deps = f.dependencies.map((d) => `${d.id ?? `"${d.reference}"`}${d.state ? ` (${d.state})` : ' (unknown)'}`);
    out.push('', `${c.bold('Depends on')} ${deps.join(', ')}${waiting.length > 0 ? c.yellow('  not all done') : ''}`);
  }
  for (const conflict of f.state.conflicts) out.push(`${c.yellow('!')} ${conflict.message} ${c.dim(at(conflict.source))}`);
}
