import type { NumberedRequirement, SourcePosition, Spec, Task } from '@govern/core';
import { createProjectRule } from '../utils/create-rule.js';
import { openChanges, requirementKey } from '../utils/open-changes.js';

/** `1.2`, `3`, `Requirement 1.2`: a reference govern can check; anything else (`FR-6`, `none`) is not judged. */
const NUMERIC_REF = /^(?:requirements?\s*)?(\d{1,4})(?:\.(\d{1,4}))?$/i;
/** What joins a range's two ends: `1.1-1.3`, `9.1~9.9`. */
const RANGE_JOINER = /[-–~～]/u;

interface Reference {
  requirement: string;
  criterion?: number;
}

function readRef(text: string): Reference | undefined {
  const match = NUMERIC_REF.exec(text.trim());
  if (!match) return undefined;
  const ref: Reference = { requirement: match[1]!.replace(/^0+(?=\d)/, '') };
  if (match[2] !== undefined) ref.criterion = Number(match[2]);
  return ref;
}

/** The ends of a reference as written: one, or both ends of a range; none when it is not numeric. */
function refsIn(value: string): Reference[] {
  const single = readRef(value);
  if (single) return [single];
  const at = value.search(RANGE_JOINER);
  if (at <= 0) return [];
  const from = readRef(value.slice(0, at));
  const to = readRef(value.slice(at + 1));
  return from && to ? [from, to] : [];
}

function numbers(requirements: readonly NumberedRequirement[]): string {
  const list = requirements.map((r) => r.number);
  return list.length <= 6 ? list.join(', ') : `${list.slice(0, 5).join(', ')} … ${list[list.length - 1]}`;
}

/** What is wrong with a reference, or undefined when it resolves. */
function unresolved(ref: Reference, requirements: readonly NumberedRequirement[], file: string): string | undefined {
  const target = requirements.find((r) => r.number === ref.requirement);
  if (!target) return `${file} has no requirement ${ref.requirement} (it numbers ${numbers(requirements)})`;
  // A requirement whose criteria govern found none of is one whose list it could not read: it cannot tell.
  if (ref.criterion !== undefined && target.criteria > 0 && (ref.criterion < 1 || ref.criterion > target.criteria)) {
    return `requirement ${ref.requirement} in ${file} (line ${target.position.line}) lists ${target.criteria} acceptance criteri${target.criteria === 1 ? 'on' : 'a'}`;
  }
  return undefined;
}

function taskName(task: Task): string {
  return task.id !== undefined ? `Task ${task.id}` : `Task "${task.text.slice(0, 60)}"`;
}

export default createProjectRule<[], 'unresolved' | 'delta'>('requirement-refs-resolve', {
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Requirement references (Kiro tasks, OpenSpec deltas) name requirements that exist',
      recommended: true,
    },
    messages: {
      delta: '{{operation}} requirement "{{name}}", but {{why}}; {{fix}}, so that archiving the change can apply it.',
      unresolved: '{{task}} serves {{refs}}, but {{why}}; point it at the requirements it serves, or add them to the requirements document.',
    },
    schema: [],
    govern: { scope: 'project' },
  },
  create(context) {
    const judge = (spec: Spec): void => {
      const requirements = spec.spec?.requirements;
      if (!spec.tasks || !requirements || requirements.length === 0 || spec.archived !== undefined) return;
      const file = spec.spec!.file;
      for (const task of spec.tasks.tasks) {
        // One task, one report, naming every reference of it that points nowhere.
        const wrong: Array<{ ref: string; why: string; position: SourcePosition }> = [];
        for (const ref of task.requirementRefs ?? []) {
          for (const end of refsIn(ref.value)) {
            const why = unresolved(end, requirements, file);
            if (!why) continue;
            wrong.push({ ref: ref.value, why, position: ref.position });
            break;
          }
        }
        if (wrong.length === 0) continue;
        context.report({
          messageId: 'unresolved',
          data: { task: taskName(task), refs: wrong.length === 1 ? `requirement ${wrong[0]!.ref}` : `requirements ${wrong.map((w) => w.ref).join(', ')}`, why: [...new Set(wrong.map((w) => w.why))].join('; ') },
          position: wrong[0]!.position,
        });
      }
    };
    /**
     * An open OpenSpec change's delta against the capability's current spec: a MODIFIED, REMOVED or RENAMED
     * block must name a requirement the spec has (or another open change adds); an ADDED one must not exist yet.
     * A capability with no current spec is new: nothing to check against.
     */
    const judgeDeltas = (): void => {
      const open = openChanges(context.project);
      const current = new Map<string, Set<string>>();
      for (const capability of context.project.capabilities ?? []) {
        if (capability.change === undefined) current.set(capability.capability, new Set(capability.requirements.map((r) => requirementKey(r.name))));
      }
      const added = new Set<string>();
      for (const { deltas } of open.values()) for (const delta of deltas) for (const block of delta.requirements) if (block.operation === 'ADDED') added.add(`${delta.capability}\u0000${requirementKey(block.name)}`);
      for (const { deltas } of open.values()) {
        for (const delta of deltas) {
          const names = current.get(delta.capability);
          if (!names) continue;
          const main = context.project.capabilities!.find((c) => c.change === undefined && c.capability === delta.capability)!.file;
          for (const block of delta.requirements) {
            const key = requirementKey(block.name);
            if (block.operation === 'ADDED' && names.has(key)) {
              context.report({ messageId: 'delta', data: { operation: 'ADDED', name: block.name, why: `${main} has it already`, fix: 'write it under ## MODIFIED Requirements, or give the new requirement a name of its own' }, position: block.position });
            } else if ((block.operation === 'MODIFIED' || block.operation === 'REMOVED' || block.operation === 'RENAMED') && !names.has(key) && !added.has(`${delta.capability}\u0000${key}`)) {
              context.report({ messageId: 'delta', data: { operation: block.operation, name: block.name, why: `${main} has no requirement of that name and no open change adds it`, fix: 'use the name the current spec gives it, or write it under ## ADDED Requirements' }, position: block.position });
            }
          }
        }
      }
    };
    return {
      project() {
        for (const spec of context.project.specs) judge(spec);
        judgeDeltas();
      },
    };
  },
});
