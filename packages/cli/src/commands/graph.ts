import { featureGraph, GRAPH_FORMATS, loadProject, renderGraph, type GraphFormat } from '@govern/core';
import { EXIT, UsageError } from '../io.js';
import { projectOptions, type Command } from './command.js';
import { PLANNING_KINDS } from './next.js';
import { parseCommandArgs } from './args.js';

export const graphCommand: Command = {
  name: 'graph',
  summary: 'Print the feature dependency graph, coloured by state (Mermaid or DOT)',
  help: `Usage: govern graph [--format mermaid|dot] [--config <file>]

Prints the features and their dependencies as a graph, in the order govern
next walks, each node labelled "id: title" and coloured by state (done,
in progress, to do, blocked, cancelled). An arrow runs from a feature to the
features that depend on it; edges on a dependency cycle are dashed.

Options:
  --format <name>    mermaid (default; paste into GitHub Markdown) or dot (Graphviz)
  --config <file>    Use this config file instead of searching the root

Examples:
  govern graph
  govern graph --format dot | dot -Tsvg > features.svg
  printf '\`\`\`mermaid\\n%s\\n\`\`\`\\n' "$(govern graph)" >> docs/DEVELOPMENT.md`,
  async run(args, io, globals) {
    const { values } = parseCommandArgs('graph', {
      args,
      options: { format: { type: 'string', short: 'f' }, config: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
    const format = values.format ?? 'mermaid';
    if (!(GRAPH_FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown graph format "${format}" (formats: ${GRAPH_FORMATS.join(', ')})`);
    const project = await loadProject(globals.root, { kinds: PLANNING_KINDS, ...projectOptions(io, globals, values.config) });
    io.stdout(renderGraph(featureGraph(project), format as GraphFormat));
    return EXIT.ok;
  },
};
