import { describeOrder, docsUrl, loadProject, projectStatus, toStatusJson, type StatusResult } from '@govern/core';
import { EXIT } from '../io.js';
import { colorsFor, type Colors } from '../output/colors.js';
import { projectOptions, type Command } from './command.js';
import { stateBadge } from './inspect.js';
import { PLANNING_KINDS, reviewLines } from './next.js';
import { parseCommandArgs } from './args.js';

export const statusCommand: Command = {
  name: 'status',
  summary: 'List every feature in order with its state and where it came from',
  help: `Usage: govern status [--json] [--config <file>]

Lists every feature in the order govern next walks: its state and the file and
line the state came from, task progress, dependencies, why it cannot start now,
and disagreements between sources (status.md says done, tasks are open) as
warnings.

Options:
  --json             Print a versioned JSON object (kind "govern.status", schemaVersion 1)
  --config <file>    Use this config file instead of searching the root

Examples:
  govern status
  govern status --json | jq '.features[] | select(.conflicts | length > 0) | .id'`,
  async run(args, io, globals) {
    const { values } = parseCommandArgs('status', {
      args,
      options: { json: { type: 'boolean' }, config: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
    const project = await loadProject(globals.root, { kinds: PLANNING_KINDS, ...projectOptions(io, globals, values.config) });
    const result = projectStatus(project);
    if (values.json) io.stdout(`${JSON.stringify(toStatusJson(result), null, 2)}\n`);
    else io.stdout(formatStatus(result, colorsFor(io.isTTY, io.env, globals.color)));
    return EXIT.ok;
  },
};

function at(position: { file: string; line: number }): string {
  return `${position.file}:${position.line}`;
}

function formatStatus(result: StatusResult, c: Colors): string {
  const out: string[] = [];
  const s = result.summary;
  if (s.total === 0) {
    return `${c.bold('govern status')}  no features found (see ${docsUrl('identity.md')} for where features are declared)\n`;
  }
  const counts = [`${s.done} done`, `${s.inProgress} in progress`, `${s.todo} to do`, s.blocked ? `${s.blocked} blocked` : '', s.cancelled ? `${s.cancelled} cancelled` : '']
    .filter(Boolean)
    .join(', ');
  out.push(`${c.bold('govern status')}  ${s.total} feature${s.total === 1 ? '' : 's'}: ${counts}`);
  out.push(c.dim(`order: ${result.order.byPriority ? 'priority, then ' : ''}${describeOrder(result.order)}`));
  out.push('');
  const width = result.features.reduce((n, f) => Math.max(n, f.id.length), 0);
  for (const f of result.features) {
    const tasks = f.state.tasks ? ` ${f.state.tasks.done}/${f.state.tasks.total} tasks` : '';
    out.push(`${String(f.index + 1).padStart(3)}. ${stateBadge(f.state.state, c)} ${c.bold(f.id.padEnd(width))} ${f.title}${c.dim(tasks)}`);
    const basis = f.state.basis === 'default' ? 'no state recorded' : `${f.state.basis} ${at(f.state.source)}`;
    const placed = f.placedBy !== result.order.source ? `; placed by ${f.placedBy} order` : '';
    out.push(c.dim(`       state: ${basis}${f.state.reason ? ` (${f.state.reason})` : ''}${placed}`));
    if (f.dependencies.length > 0) {
      const deps = f.dependencies.map((d) => (d.id ? `${d.id} ${d.state ?? ''}`.trim() : `"${d.reference}" (unknown)`));
      out.push(c.dim(`       depends on: ${deps.join(', ')}`));
    }
    if (f.escalation) {
      out.push(`       ${c.red('escalate')}: ${f.escalation.reason}`);
      out.push(`       do: ${f.escalation.clear}`);
    }
    // A blocked feature's reason is already on its state line.
    else if (f.skip && !['done', 'cancelled', 'blocked'].includes(f.skip.code)) out.push(`       ${c.yellow(f.skip.code)}: ${f.skip.reason}`);
    for (const conflict of f.state.conflicts) out.push(`       ${c.yellow('warning')} ${conflict.message} ${c.dim(at(conflict.source))}`);
    out.push(...reviewLines(f, c, '       '));
  }
  if (result.unattachedReviews.length > 0) {
    out.push('', c.bold('Reviews not tied to a feature'));
    for (const u of result.unattachedReviews) out.push(`  ${u.review.file} — ${u.reason}`);
  }
  for (const d of result.diagnostics) out.push('', `${c.yellow('warning')} ${d.message} ${c.dim(`${d.file}:${d.line}`)}`);
  return `${out.join('\n')}\n`;
}
