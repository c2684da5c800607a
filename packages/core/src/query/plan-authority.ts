/**
 * Which plan the repository says to follow. CLAUDE.md and AGENTS.md, and plans themselves, name their
 * source of truth ("the roadmap in docs/ROADMAP.md prevails", "this file is the single source; SPRINT.md
 * is no longer used"), and CLAUDE.md imports the file the agent reads every session (`@.claude/TASKS.md`).
 * Named files win over others where they disagree; retired files are not read as plans. The phrases are
 * in docs/formats.md ("Which plan wins").
 */
import type { Project } from '../model/project.js';
import type { SourcePosition } from '../model/types.js';

export type AuthorityReason = 'named' | 'imported';

export interface PlanAuthority {
  /** Plan files the repository names as its source of truth, or that CLAUDE.md imports, with where it says so. */
  authoritative: Map<string, { reason: AuthorityReason; source: SourcePosition }>;
  /** Plan files the repository says are no longer used. */
  retired: Map<string, SourcePosition>;
}

/** Phrases that make the file a line names (or the file the line is in) the one to follow. Lowercase. */
const AUTHORITY_PHRASES = [
  'source of truth', 'single source', 'authoritative', 'canonical', 'takes precedence', 'prevails', 'is the plan',
  // `ROADMAP.md (work top to bottom, first unchecked item only)`: the file whose items are done in order.
  'top to bottom', 'first unchecked', 'first unticked',
  'fuente de verdad', 'prevalece', 'fonte da verdade', 'fonte única', 'source de vérité', 'fait foi', 'prévaut', 'maßgeblich',
  'massgeblich', 'einzige quelle', 'источник истины', 'единственный источник', 'tek kaynak', 'esas alınır', '唯一', '为准',
  '為準', '信頼できる唯一', '단일 소스', '유일한 기준',
];

/** Phrases that retire the files a line names. Lowercase. */
const RETIREMENT_PHRASES = [
  'no longer used', 'no longer maintained', 'not used anymore', 'deprecated', 'obsolete', 'legacy file', 'legacy document', 'legacy plan', 'is legacy', 'artık kullanılmıyor',
  'kullanılmıyor', 'не используется', 'больше не используется', 'устарел', 'ya no se usa', "n'est plus utilisé", 'nicht mehr verwendet',
  'veraltet', 'não é mais usado', 'não é mais utilizado', '不再使用', '已废弃', '已廢棄', '使用しない', '廃止', '사용하지 않', '더 이상 사용',
];

/** Phrases that say a file gave way to another (named files are its successors, not retired). Lowercase. */
const SUCCESSION_PHRASES = ['superseded', 'replaced by', 'ersetzt durch', 'remplacé par', 'reemplazado por', 'substituído por', 'sostituito da', '已被取代', '대체되었'];

const BANNER_PHRASES = [...RETIREMENT_PHRASES, ...SUCCESSION_PHRASES];

/** Words that make a line speak of its own file: `this file is the single source`, `this roadmap is the authoritative plan`. Lowercase. */
const SELF = ['this file', 'this document', 'this roadmap', 'this plan', 'this backlog', 'bu dosya', 'este archivo', 'este arquivo', 'ce fichier', 'diese datei', 'этот файл', '本文件', 'このファイル', '이 파일'];

/** `.md` file names in a line: `ROADMAP.md`, `.claude/TASKS.md`, `[plan](docs/plan.md)`; one split, no backtracking. */
function mdNames(sentence: string): string[] {
  return sentence.split(/[^\p{L}\p{N}_./-]+/u).filter((token) => token.length > 3 && token.length <= 200 && token.endsWith('.md'));
}

const known = new WeakMap<object, PlanAuthority>();

/**
 * The project's plan authority, read once per project. A project given without texts or imports (a model
 * built in a test) states none.
 */
export function planAuthorityOf(project: Partial<Pick<Project, 'claude' | 'agents' | 'sequences' | 'states' | 'text'>>): PlanAuthority {
  let found = known.get(project);
  if (!found) {
    found =
      project.text && project.sequences
        ? planAuthority({ claude: project.claude ?? [], agents: project.agents ?? [], sequences: project.sequences, states: project.states ?? [], text: project.text })
        : { authoritative: new Map(), retired: new Map() };
    known.set(project, found);
  }
  return found;
}

/** The authority the repository states over its plan files. Pure: reads the project's texts and imports. */
export function planAuthority(project: Pick<Project, 'claude' | 'agents' | 'sequences' | 'states' | 'text'>): PlanAuthority {
  const authority: PlanAuthority = { authoritative: new Map(), retired: new Map() };
  const plans = [...new Set([...project.sequences.map((s) => s.file), ...project.states.map((s) => s.file)])];
  if (plans.length === 0) return authority;

  const speakers = [...new Set([...project.claude.map((c) => c.file), ...project.agents.map((a) => a.file), ...plans])].filter((file) => !file.includes('/') || file.startsWith('.claude/') || plans.includes(file));
  for (const file of speakers) {
    const text = project.text(file)?.text;
    if (text === undefined) continue;
    readStatements(file, text, plans, authority);
  }
  // A retired file does not retire others, nor name a source of truth.
  for (const [file, source] of [...authority.authoritative]) if (authority.retired.has(source.source.file)) authority.authoritative.delete(file);
  for (const [file] of authority.retired) authority.authoritative.delete(file);

  // GSD's second version keeps its plans in `.gsd/`; a `.planning/` folder beside one that holds work is the first
  // version's, left behind when the project moved on.
  const gsd = project.sequences.find((s) => s.file.startsWith('.gsd/') && s.entries.length > 0);
  if (gsd) for (const file of plans) if (file.startsWith('.planning/') && !authority.retired.has(file)) authority.retired.set(file, gsd.entries[0]!.position);

  for (const claude of project.claude) {
    for (const imported of claude.imports) {
      const target = imported.resolved;
      if (target === undefined || !plans.includes(target) || authority.retired.has(target) || authority.authoritative.has(target)) continue;
      authority.authoritative.set(target, { reason: 'imported', source: imported.position });
    }
  }
  return authority;
}

function readStatements(file: string, text: string, plans: readonly string[], authority: PlanAuthority): void {
  let line = 0;
  let start = 0;
  // Only the first 400 lines: a file names its source of truth near the top, and a long log need not be read.
  while (start <= text.length && line < 400) {
    const newline = text.indexOf('\n', start);
    const raw = text.slice(start, newline === -1 ? undefined : newline);
    line++;
    start = newline === -1 ? text.length + 1 : newline + 1;
    if (raw.length > 2000) continue;
    const lower = raw.toLowerCase();
    const phrased = (phrases: readonly string[], words: string) => phrases.some((p) => words.includes(p));
    if (!phrased(AUTHORITY_PHRASES, lower) && !phrased(RETIREMENT_PHRASES, lower) && !phrased(SUCCESSION_PHRASES, lower)) continue;
    // Each sentence speaks for itself: `This file is the only source. SPRINT.md is no longer used.`
    for (const sentence of lower.split(/(?<=[.!?。])\s+|;\s*/u)) {
      const retires = phrased(RETIREMENT_PHRASES, sentence);
      const succeeded = phrased(SUCCESSION_PHRASES, sentence);
      const names = phrased(AUTHORITY_PHRASES, sentence);
      if (!retires && !succeeded && !names) continue;
      const named = mdNames(sentence).map((name) => resolveName(name, file, plans)).filter((f): f is string => f !== undefined);
      const source: SourcePosition = { file, line, column: 1 };
      // `> **SUPERSEDED**: see STATUS.md` at the top, or `this document is obsolete`: the file retires itself, and
      // the files it names are where to look instead.
      const banner = line <= 10 && isBanner(sentence);
      if ((retires || succeeded) && (banner || phrased(SELF, sentence))) {
        if (plans.includes(file)) authority.retired.set(file, source);
        continue;
      }
      if (succeeded && !retires) continue;
      if (retires) {
        for (const target of named) if (target !== file) authority.retired.set(target, source);
        continue;
      }
      const targets = named.length > 0 ? named : SELF.some((s) => sentence.includes(s)) && plans.includes(file) ? [file] : [];
      for (const target of targets) if (!authority.authoritative.has(target)) authority.authoritative.set(target, { reason: 'named', source });
    }
  }
}

/**
 * Whether a sentence is a banner that retires its file: it opens with the phrase as a label (`**SUPERSEDED**:
 * …`, `Deprecated — see …`, `Superseded by STATUS.md`), not as a word of a sentence (`Deprecated options are
 * listed below`).
 */
function isBanner(sentence: string): boolean {
  const bare = sentence.replace(/^[^\p{L}]+/u, '');
  return BANNER_PHRASES.some((phrase) => {
    if (!bare.startsWith(phrase)) return false;
    const rest = bare.slice(phrase.length).replace(/^[\s*_]+/u, '');
    return rest === '' || ':：—–-(['.includes(rest[0]!) || rest.startsWith('by ');
  });
}

/** A file name as a line writes it, resolved to one of the plan files: the same path, next to the line's file, or by name alone. */
function resolveName(written: string, from: string, plans: readonly string[]): string | undefined {
  const name = written.replace(/^\.\//u, '').toLowerCase();
  const dir = from.includes('/') ? from.slice(0, from.lastIndexOf('/') + 1).toLowerCase() : '';
  const exact = plans.find((p) => p.toLowerCase() === name || p.toLowerCase() === dir + name);
  if (exact) return exact;
  const base = name.slice(name.lastIndexOf('/') + 1);
  const byName = plans.filter((p) => p.toLowerCase().slice(p.lastIndexOf('/') + 1) === base);
  return byName.length === 1 ? byName[0] : undefined;
}
