import { docsUrl, inspectProject, loadProject, type InspectReport } from '@govern/core';
import type { CliIO } from '../io.js';
import { EXIT } from '../io.js';
import { colorsFor, type Colors } from '../output/colors.js';
import { projectOptions, type Command, type GlobalOptions } from './command.js';
import { parseCommandArgs } from './args.js';

export const inspectCommand: Command = {
  name: 'inspect',
  summary: 'Show what govern understood in this repository',
  help: `Usage: govern inspect [--json] [--config <file>]

Shows what govern understood: documents found, features with their state and
where each state came from, the sequence, specs with task progress, handoffs,
and what could not be understood (diagnostics).

Options:
  --json             Print a versioned JSON object (schemaVersion 1)
  --config <file>    Use this config file instead of searching the root

Examples:
  govern inspect
  govern inspect --json | jq '.features[] | {id, state}'
  govern -C ../other-repo inspect`,
  async run(args, io, globals) {
    const { values } = parseCommandArgs('inspect', {
      args,
      options: { json: { type: 'boolean' }, config: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
    const project = await loadProject(globals.root, projectOptions(io, globals, values.config));
    const report = inspectProject(project);
    if (values.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    else io.stdout(formatInspect(report, colorsFor(io.isTTY, io.env, globals.color)));
    return EXIT.ok;
  },
};

function formatInspect(report: InspectReport, c: Colors): string {
  const out: string[] = [];
  const section = (title: string) => out.push('', c.bold(title));
  out.push(`${c.bold('govern inspect')} ${c.dim(report.root)}`);
  if (report.configFile) out.push(c.dim(`config: ${report.configFile}`));

  section(`Documents (${report.documents.length})`);
  if (report.documents.length === 0) out.push(c.dim(`  none found: see ${docsUrl('formats.md')} for the files govern reads`));
  for (const d of report.documents) {
    const notes = [d.eol === 'crlf' || d.eol === 'cr' || d.eol === 'mixed' ? d.eol.toUpperCase() : '', d.bom ? 'BOM' : '', d.parsed ? '' : c.red('not read')].filter(Boolean);
    out.push(`  ${d.file} ${c.dim(d.kinds.join(', '))}${notes.length ? ` ${c.dim(`(${notes.join(', ')})`)}` : ''}`);
  }

  if (report.constitution) {
    const k = report.constitution;
    section('Constitution');
    out.push(`  ${k.file}: version ${k.version ?? '?'}, ${k.principles} principles (${k.nonNegotiable} non-negotiable), ratified ${k.ratified ?? '?'}, amended ${k.lastAmended ?? '?'}`);
  }

  section(`Features (${report.features.length})`);
  for (const f of report.features) {
    const tasks = f.tasks ? c.dim(` ${f.tasks.done}/${f.tasks.total} tasks`) : '';
    out.push(`  ${stateBadge(f.state, c)} ${c.bold(f.id)} ${f.title}${tasks}`);
    out.push(c.dim(`      defined ${f.source.file}:${f.source.line}; state from ${f.stateBasis} ${f.stateSource.file}:${f.stateSource.line}${f.stateReason ? ` (${f.stateReason})` : ''}`));
    if (f.dependencies.length) out.push(c.dim(`      depends on ${f.dependencies.join(', ')}`));
    for (const conflict of f.conflicts) out.push(`      ${c.yellow('!')} ${conflict.message} ${c.dim(`${conflict.source.file}:${conflict.source.line}`)}`);
  }

  for (const s of report.sequence) {
    section(`Sequence ${c.dim(s.file)} (${s.entries.length})`);
    if (s.entries.length === 0) out.push(c.dim('  no ordered entries'));
    for (const e of s.entries) {
      out.push(`  ${String(e.index + 1).padStart(2)}. ${e.reference}${e.feature ? c.dim(` → ${e.feature}`) : c.yellow(' (unknown feature)')}${e.phase ? c.dim(` [${e.phase}]`) : ''}${e.state ? ` ${stateBadge(e.state, c)}` : ''}`);
    }
  }

  if (report.specs.length) {
    section(`Specs (${report.specs.length})`);
    for (const s of report.specs) {
      const tasks = s.tasks ? `${s.tasks.done}/${s.tasks.total} tasks` : 'no tasks';
      out.push(`  ${s.dir} ${c.dim(`${s.status ?? 'no status'}, ${tasks}${s.clarifications ? `, ${s.clarifications} open clarification(s)` : ''}`)}`);
    }
  }

  if (report.handoffs.length) {
    section(`Handoffs (${report.handoffs.length})`);
    for (const h of report.handoffs) {
      out.push(`  ${h.from} → ${h.to} ${c.dim(`${h.file}:${h.line}`)} ${h.goalStatus ?? ''}${h.missingFields.length ? c.yellow(` missing: ${h.missingFields.join(', ')}`) : ''}`);
    }
  }

  if (report.claude.length) {
    section('CLAUDE.md');
    for (const k of report.claude) {
      const imports = k.imports.map((i) => `@${i.path}`).join(', ') || 'no imports';
      out.push(`  ${k.file}${k.symlinkTarget ? ` → ${k.symlinkTarget} (symlink)` : ''} ${c.dim(imports)}`);
    }
  }

  if (report.agents.length) {
    section('AGENTS.md commands');
    for (const a of report.agents) {
      for (const cmd of a.commands) out.push(`  ${c.dim(`${a.file}:${cmd.line}`)} ${cmd.kind}: ${cmd.command}`);
      if (a.commands.length === 0) out.push(c.dim(`  ${a.file}: no commands found`));
    }
  }

  if (report.reviews.length) {
    section('Reviews');
    for (const r of report.reviews) out.push(`  ${r.file} ${r.valid ? (r.verdict ?? '') : c.red('invalid')} ${r.blocking ? c.yellow(`${r.blocking} blocking`) : ''}`);
  }

  section(`Diagnostics (${report.diagnostics.length})`);
  for (const d of report.diagnostics) {
    const level = d.severity === 'error' ? c.red('error') : d.severity === 'warning' ? c.yellow('warning') : c.dim('info');
    out.push(`  ${d.file}:${d.line}:${d.column} ${level} ${d.message} ${c.dim(d.ruleId)}`);
  }
  return `${out.join('\n')}\n`;
}

export function stateBadge(state: string, c: Colors): string {
  switch (state) {
    case 'done':
      return c.green('[done]');
    case 'in-progress':
      return c.cyan('[in progress]');
    case 'blocked':
      return c.red('[blocked]');
    case 'cancelled':
      return c.dim('[cancelled]');
    default:
      return c.dim('[todo]');
  }
}
