import type { Project } from '../model/project.js';

/** Each feature's resolved dependency ids, in declaration order, without repeats. Unknown references are left out. */
export function dependencyGraph(project: Pick<Project, 'features'>): Map<string, string[]> {
  const known = new Set(project.features.map((f) => f.id));
  const graph = new Map<string, string[]>();
  for (const feature of project.features) {
    const targets = graph.get(feature.id) ?? [];
    for (const dependency of feature.dependencies) {
      if (dependency.id !== undefined && known.has(dependency.id) && !targets.includes(dependency.id)) targets.push(dependency.id);
    }
    graph.set(feature.id, targets);
  }
  return graph;
}

/**
 * The dependency cycles among features, each as the ids along the cycle starting from its member that
 * comes first in the features' order (`['F-002', 'F-003']` means F-002 → F-003 → F-002). A feature that
 * depends on itself is a cycle of one. Every feature of a cyclic group appears in at least one cycle.
 * Iterative throughout, so a long dependency chain cannot overflow the stack.
 */
export function dependencyCycles(project: Pick<Project, 'features'>): string[][] {
  const graph = dependencyGraph(project);
  const ids = project.features.map((f) => f.id);
  const position = new Map<string, number>();
  ids.forEach((id, i) => {
    if (!position.has(id)) position.set(id, i);
  });
  const cycles: string[][] = [];
  for (const component of stronglyConnected(ids, graph)) {
    const members = new Set(component);
    const selfLoop = component.length === 1 && (graph.get(component[0]!) ?? []).includes(component[0]!);
    if (component.length === 1 && !selfLoop) continue;
    const sorted = [...members].sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
    const covered = new Set<string>();
    for (const start of sorted) {
      if (covered.has(start)) continue;
      const cycle = shortestCycleThrough(start, graph, members);
      for (const id of cycle) covered.add(id);
      cycles.push(cycle);
    }
  }
  return cycles.sort((a, b) => (position.get(a[0]!) ?? 0) - (position.get(b[0]!) ?? 0));
}

/** Whether `from` depends on `to`, directly or through other features. */
export function dependsOn(from: string, to: string, graph: Map<string, string[]>): boolean {
  const seen = new Set<string>([from]);
  const stack = [...(graph.get(from) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const item of (graph.get(id) ?? [])) stack.push(item);
  }
  return false;
}

/** Tarjan's algorithm with an explicit stack. */
function stronglyConnected(ids: string[], graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: Array<{ id: string; next: number }> = [{ id: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter);
    counter++;
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = graph.get(frame.id) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++]!;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter);
          counter++;
          stack.push(target);
          onStack.add(target);
          work.push({ id: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let id: string;
        do {
          id = stack.pop()!;
          onStack.delete(id);
          component.push(id);
        } while (id !== frame.id);
        components.push(component);
      }
    }
  }
  return components;
}

/** Breadth-first search from `start` back to itself inside one strongly connected group. */
function shortestCycleThrough(start: string, graph: Map<string, string[]>, members: Set<string>): string[] {
  const previous = new Map<string, string>();
  const queue: string[] = [start];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]!;
    for (const target of graph.get(id) ?? []) {
      if (!members.has(target)) continue;
      if (target === start) {
        const path = [id];
        let at = id;
        while (at !== start) {
          at = previous.get(at)!;
          path.push(at);
        }
        return path.reverse();
      }
      if (!previous.has(target)) {
        previous.set(target, id);
        queue.push(target);
      }
    }
  }
  return [start];
}
