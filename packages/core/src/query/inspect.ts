import type { Project } from '../model/project.js';
import type { Diagnostic, FeatureState, SequenceEntry, Spec } from '../model/types.js';
import { featureStates, type StateBasis } from './states.js';

export interface SourceRef {
  file: string;
  line: number;
  column?: number;
}

/** Everything govern understood in a repository, as plain data: `govern inspect --json` prints it. */
export interface InspectReport {
  schemaVersion: 1;
  kind: 'govern.inspect';
  root: string;
  configFile?: string;
  documents: Array<{ file: string; kinds: string[]; bytes: number; eol: string; bom: boolean; parsed: boolean }>;
  features: Array<{
    id: string;
    title: string;
    state: FeatureState;
    /** Where the feature is defined. */
    source: SourceRef;
    /** Which evidence gave the state, and where it is. */
    stateBasis: StateBasis;
    stateSource: SourceRef;
    stateReason?: string;
    dependencies: string[];
    specs: string[];
    tasks?: { done: number; total: number };
    conflicts: Array<{ message: string; source: SourceRef }>;
  }>;
  sequence: Array<{
    file: string;
    entries: Array<{ index: number; reference: string; feature?: string; state?: FeatureState; phase?: string; source: SourceRef }>;
  }>;
  specs: Array<{
    dir: string;
    kind: Spec['kind'];
    number?: string;
    slug: string;
    title?: string;
    status?: string;
    tasks?: { done: number; total: number };
    clarifications: number;
    source: SourceRef;
  }>;
  handoffs: Array<{ file: string; from: string; to: string; line: number; goalStatus?: string; missingFields: string[] }>;
  constitution?: { file: string; version?: string; ratified?: string; lastAmended?: string; principles: number; nonNegotiable: number };
  agents: Array<{ file: string; commands: Array<{ kind: string; command: string; line: number }> }>;
  claude: Array<{ file: string; symlinkTarget?: string; imports: Array<{ path: string; resolved?: string; line: number }> }>;
  reviews: Array<{ file: string; valid: boolean; verdict?: string; blocking: number }>;
  diagnostics: Diagnostic[];
}

const HANDOFF_FIELDS = ['goalStatus', 'evidence', 'diffScope', 'riskNote', 'nextOwner', 'nextActionDue'] as const;

function ref(position: { file: string; line: number; column?: number }): SourceRef {
  return position.column === undefined
    ? { file: position.file, line: position.line }
    : { file: position.file, line: position.line, column: position.column };
}

export function inspectProject(project: Project): InspectReport {
  const states = new Map(featureStates(project).map((s) => [s.id, s]));
  const featureOfEntry = new Map<SequenceEntry, string>();
  for (const feature of project.features) for (const { entry } of feature.sequence) featureOfEntry.set(entry, feature.id);

  const report: InspectReport = {
    schemaVersion: 1,
    kind: 'govern.inspect',
    root: project.root,
    documents: project.documents.map((d) => ({ file: d.file, kinds: d.kinds, bytes: d.bytes, eol: d.eol, bom: d.bom, parsed: d.parsed })),
    features: project.features.map((feature) => {
      const state = states.get(feature.id);
      const item: InspectReport['features'][number] = {
        id: feature.id,
        title: feature.title,
        state: state?.state ?? 'todo',
        source: ref(feature.position),
        stateBasis: state?.basis ?? 'default',
        stateSource: ref(state?.source ?? feature.position),
        dependencies: feature.dependencies.map((d) => d.id ?? d.reference),
        specs: feature.specs.map((s) => s.dir),
        conflicts: (state?.conflicts ?? []).map((c) => ({ message: c.message, source: ref(c.source) })),
      };
      if (state?.reason) item.stateReason = state.reason;
      if (state?.tasks) item.tasks = { done: state.tasks.done, total: state.tasks.total };
      return item;
    }),
    sequence: project.sequences.map((sequence) => ({
      file: sequence.file,
      entries: sequence.entries.map((entry) => {
        const item: InspectReport['sequence'][number]['entries'][number] = {
          index: entry.index,
          reference: entry.reference,
          source: ref(entry.position),
        };
        const feature = featureOfEntry.get(entry);
        if (feature) item.feature = feature;
        if (entry.state) item.state = entry.state.state;
        if (entry.phase) item.phase = entry.phase;
        return item;
      }),
    })),
    specs: project.specs.map((spec) => {
      const item: InspectReport['specs'][number] = {
        dir: spec.dir,
        kind: spec.kind,
        slug: spec.slug,
        clarifications: spec.spec?.clarifications.length ?? 0,
        source: ref(spec.position),
      };
      if (spec.number) item.number = spec.number;
      if (spec.spec?.title) item.title = spec.spec.title.value;
      if (spec.spec?.status) item.status = spec.spec.status.value;
      if (spec.tasks) item.tasks = { done: spec.tasks.tasks.filter((t) => t.done).length, total: spec.tasks.tasks.length };
      return item;
    }),
    handoffs: project.states.flatMap((state) =>
      state.handoffs.map((handoff) => {
        const item: InspectReport['handoffs'][number] = {
          file: state.file,
          from: handoff.from,
          to: handoff.to,
          line: handoff.position.line,
          missingFields: HANDOFF_FIELDS.filter((name) => !handoff.fields[name]),
        };
        const goal = handoff.fields.goalStatus?.value;
        if (goal) item.goalStatus = goal;
        return item;
      }),
    ),
    agents: project.agents.map((a) => ({
      file: a.file,
      commands: a.commands.map((c) => ({ kind: c.kind, command: c.command, line: c.position.line })),
    })),
    claude: project.claude.map((c) => {
      const item: InspectReport['claude'][number] = {
        file: c.file,
        imports: c.imports.map((i) => (i.resolved ? { path: i.path, resolved: i.resolved, line: i.position.line } : { path: i.path, line: i.position.line })),
      };
      if (c.symlinkTarget) item.symlinkTarget = c.symlinkTarget;
      return item;
    }),
    reviews: project.reviews.map((r) => {
      const item: InspectReport['reviews'][number] = { file: r.file, valid: r.valid, blocking: r.blocking.length };
      if (r.verdict) item.verdict = r.verdict;
      return item;
    }),
    diagnostics: project.diagnostics,
  };
  if (project.configFile) report.configFile = project.configFile;
  const c = project.constitution;
  if (c) {
    report.constitution = {
      file: c.file,
      principles: c.principles.length,
      nonNegotiable: c.principles.filter((p) => p.nonNegotiable).length,
    };
    if (c.version) report.constitution.version = c.version.value;
    if (c.ratified) report.constitution.ratified = c.ratified.value;
    if (c.lastAmended) report.constitution.lastAmended = c.lastAmended.value;
  }
  return report;
}
