import type { CapabilitySpec, Project, Spec } from '@govern/core';

/**
 * The OpenSpec changes still open — active (not archived) and not every task ticked — by id, with their
 * delta specs. A finished change waits only to be archived; an archived one is history.
 */
export function openChanges(project: Project): Map<string, { spec: Spec; deltas: CapabilitySpec[] }> {
  const open = new Map<string, { spec: Spec; deltas: CapabilitySpec[] }>();
  for (const spec of project.specs) {
    if (spec.kind !== 'openspec' || spec.archived !== undefined) continue;
    const tasks = spec.tasks?.tasks ?? [];
    if (tasks.length > 0 && tasks.every((task) => task.done)) continue;
    open.set(spec.slug, { spec, deltas: [] });
  }
  for (const capability of project.capabilities ?? []) {
    if (capability.change !== undefined) open.get(capability.change)?.deltas.push(capability);
  }
  return open;
}

/** Requirement names compare as OpenSpec's archive does: spaces collapsed, case kept. */
export function requirementKey(name: string): string {
  return name.replace(/\s+/g, ' ').trim();
}
