import type { Project } from '../model/project.js';
import type { FeatureState } from '../model/types.js';
import { dependencyCycles } from './dependencies.js';
import { orderFeatures } from './order.js';
import { featureStates } from './states.js';

export type GraphFormat = 'mermaid' | 'dot';
export const GRAPH_FORMATS: readonly GraphFormat[] = ['mermaid', 'dot'];

export interface GraphNode {
  id: string;
  title: string;
  state: FeatureState;
  /** Whether the feature sits on a dependency cycle. */
  inCycle: boolean;
}

/** `from` depends on `to`: the arrow points from the prerequisite to the feature waiting for it. */
export interface GraphEdge {
  from: string;
  to: string;
  /** Both ends are on the same cycle. */
  inCycle: boolean;
}

export interface FeatureGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  cycles: string[][];
}

/** Fill and text colours per state; the same in both output formats, so a legend reads the same. */
export const STATE_COLOURS: Record<FeatureState, { fill: string; stroke: string; text: string }> = {
  done: { fill: '#c8e6c9', stroke: '#2e7d32', text: '#1b5e20' },
  'in-progress': { fill: '#bbdefb', stroke: '#1565c0', text: '#0d47a1' },
  todo: { fill: '#eeeeee', stroke: '#757575', text: '#212121' },
  blocked: { fill: '#ffcdd2', stroke: '#c62828', text: '#b71c1c' },
  cancelled: { fill: '#f5f5f5', stroke: '#bdbdbd', text: '#9e9e9e' },
};

/** The features in order with their states, and an edge per resolved dependency. Pure. */
export function featureGraph(project: Project): FeatureGraph {
  const states = new Map(featureStates(project).map((s) => [s.id, s.state]));
  const cycles = dependencyCycles(project);
  const cyclic = new Map<string, number>();
  cycles.forEach((cycle, i) => cycle.forEach((id) => cyclic.set(id, i)));
  const ordered = orderFeatures(project).features.map((o) => o.feature);
  const known = new Set(ordered.map((f) => f.id));
  const nodes = ordered.map((f) => ({ id: f.id, title: f.title, state: states.get(f.id) ?? 'todo', inCycle: cyclic.has(f.id) }));
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  for (const feature of ordered) {
    for (const dependency of feature.dependencies) {
      if (dependency.id === undefined || !known.has(dependency.id)) continue;
      const key = `${dependency.id}\u0000${feature.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const a = cyclic.get(dependency.id);
      edges.push({ from: dependency.id, to: feature.id, inCycle: a !== undefined && a === cyclic.get(feature.id) });
    }
  }
  return { nodes, edges, cycles };
}

const STATE_CLASS: Record<FeatureState, string> = {
  done: 'done',
  'in-progress': 'inProgress',
  todo: 'todo',
  blocked: 'blocked',
  cancelled: 'cancelled',
};

/** Node ids are generated (`n0`, `n1`), so no feature id can break the syntax; ids appear only in labels. */
function nodeIds(graph: FeatureGraph): Map<string, string> {
  return new Map(graph.nodes.map((n, i) => [n.id, `n${i}`]));
}

/** Mermaid labels are double-quoted strings; quotes and angle brackets become entity codes. */
function mermaidLabel(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

export function graphToMermaid(graph: FeatureGraph): string {
  const ids = nodeIds(graph);
  const out = ['flowchart LR'];
  for (const [state, colour] of Object.entries(STATE_COLOURS) as Array<[FeatureState, (typeof STATE_COLOURS)[FeatureState]]>) {
    out.push(`  classDef ${STATE_CLASS[state]} fill:${colour.fill},stroke:${colour.stroke},color:${colour.text}`);
  }
  for (const node of graph.nodes) {
    out.push(`  ${ids.get(node.id)}["${mermaidLabel(`${node.id}: ${node.title}`)}"]:::${STATE_CLASS[node.state]}`);
  }
  for (const edge of graph.edges) {
    out.push(`  ${ids.get(edge.from)} ${edge.inCycle ? '-. cycle .->' : '-->'} ${ids.get(edge.to)}`);
  }
  return `${out.join('\n')}\n`;
}

function dotString(text: string): string {
  return `"${text.replace(/[\r\n]+/g, ' ').replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function graphToDot(graph: FeatureGraph): string {
  const ids = nodeIds(graph);
  const out = ['digraph features {', '  rankdir=LR;', '  node [shape=box, style="rounded,filled", fontname="Helvetica"];'];
  for (const node of graph.nodes) {
    const colour = STATE_COLOURS[node.state];
    out.push(
      `  ${ids.get(node.id)} [label=${dotString(`${node.id}: ${node.title}`)}, fillcolor="${colour.fill}", color="${colour.stroke}", fontcolor="${colour.text}", tooltip=${dotString(node.state)}];`,
    );
  }
  for (const edge of graph.edges) {
    out.push(`  ${ids.get(edge.from)} -> ${ids.get(edge.to)}${edge.inCycle ? ' [color="#c62828", style=dashed, label="cycle"]' : ''};`);
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}

export function renderGraph(graph: FeatureGraph, format: GraphFormat): string {
  return format === 'dot' ? graphToDot(graph) : graphToMermaid(graph);
}
