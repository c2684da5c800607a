import type { RuleFiles } from '@govern/core';

/**
 * What a task list says about whose work a task is and whether its tick is meant: the repository a
 * section is labelled with (`**[REPO: web-app]**`), and notes that take a tick back (`(SKIPPED: …)`).
 * All read by scanning, no pattern that could backtrack over a long line.
 */

/** Labels that name the repository a section's tasks belong to. */
const REPO_LABELS: readonly string[] = ['repository', 'repositorio', 'repositório', 'repo', 'dépôt', 'depot', '仓库', '倉庫', 'リポジトリ', '저장소'];

/** Label values that say the section's tasks are in several repositories: whose path is whose cannot be told. */
const SEVERAL: ReadonlySet<string> = new Set(['mixed', 'both', 'all', 'shared', 'multiple', 'several', 'cross', 'crossrepo']);

/** A repository name as compared: lower case, letters and digits only (`@acme/Ledger_API` → `ledgerapi` after the scope goes). */
export function repoKey(name: string): string {
  const bare = name.slice(name.lastIndexOf('/') + 1);
  let key = '';
  for (const ch of bare.toLowerCase()) if (/[\p{L}\p{N}]/u.test(ch)) key += ch;
  return key;
}

function isMarkup(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '*' || ch === '_' || ch === '>' || ch === '-' || ch === '+' || ch === '`';
}

/** The value after a repository label starting at `at` in `lower` (the lower-cased line), or undefined. */
function labelValue(line: string, lower: string, at: number): string | undefined {
  const word = REPO_LABELS.find((label) => lower.startsWith(label, at));
  if (!word) return undefined;
  let i = at + word.length;
  while (i < line.length && (line[i] === ' ' || line[i] === '*' || line[i] === '_')) i++;
  if (line[i] !== ':' && line[i] !== '：') return undefined;
  i++;
  while (i < line.length && isMarkup(line[i])) i++;
  let end = i;
  while (end < line.length && !']*|,;`'.includes(line[end]!) && !(line[end] === ' ' && (line[end + 1] === '-' || line[end + 1] === '—' || line[end + 1] === '('))) end++;
  const value = line.slice(i, end).trim();
  return value === '' ? undefined : value;
}

/** The repository a line names as its section's (`**[REPO: web-app]** - …`, `Repository: web-app`), when the line starts with the label. */
function leadingLabel(line: string): string | undefined {
  const lower = line.toLowerCase();
  let i = 0;
  while (i < line.length && (isMarkup(line[i]) || line[i] === '[')) i++;
  return labelValue(line, lower, i);
}

/** A `[REPO: x]` tag anywhere on a task's own line. */
function inlineLabel(line: string): string | undefined {
  const lower = line.toLowerCase();
  for (let at = lower.indexOf('['); at >= 0; at = lower.indexOf('[', at + 1)) {
    const value = labelValue(line, lower, at + 1);
    if (value !== undefined) return value;
  }
  return undefined;
}

/**
 * The repository label in force on each line of a task list (index 0 is line 1), or undefined where
 * none is. A label leads the section it sits in, down to the next heading of the same or a higher
 * level; a deeper section may carry its own; a task's own `[REPO: x]` wins. Fenced code is skipped.
 */
export function repoLabelsByLine(text: string): Array<string | undefined> {
  const lines = text.split(/\r\n|\r|\n/);
  const labels: Array<string | undefined> = new Array<string | undefined>(lines.length);
  const sections: Array<{ depth: number; label?: string }> = [{ depth: 0 }];
  let fence: string | undefined;
  lines.forEach((line, index) => {
    const trimmed = line.trimStart();
    if (fence !== undefined) {
      if (trimmed.startsWith(fence)) fence = undefined;
      return;
    }
    if (trimmed.startsWith('```') || trimmed.startsWith('~~~')) {
      fence = trimmed.slice(0, 3);
      return;
    }
    let depth = 0;
    while (depth < trimmed.length && trimmed[depth] === '#') depth++;
    if (depth > 0 && depth <= 6 && (trimmed[depth] === ' ' || trimmed[depth] === undefined) && line.length - trimmed.length <= 3) {
      while (sections.length > 1 && sections[sections.length - 1]!.depth >= depth) sections.pop();
      const own = inlineLabel(trimmed);
      sections.push(own === undefined ? { depth } : { depth, label: own });
      return;
    }
    const lead = leadingLabel(line);
    if (lead !== undefined) {
      sections[sections.length - 1]!.label = lead;
      return;
    }
    let label: string | undefined;
    for (let i = sections.length - 1; i >= 0 && label === undefined; i--) label = sections[i]!.label;
    labels[index] = inlineLabel(line) ?? label;
  });
  return labels;
}

/**
 * The names this repository goes by: its manifest's package name (package.json, pyproject.toml,
 * Cargo.toml, go.mod) and its folder's name, as `repoKey`s.
 */
export function ownRepoNames(files: RuleFiles, root: string, folderName: string): Set<string> {
  const names = new Set<string>([repoKey(folderName)]);
  const json = files.readText(`${root}/package.json`, 1024 * 1024);
  if (json !== undefined) {
    try {
      const name = (JSON.parse(json) as { name?: unknown }).name;
      if (typeof name === 'string') names.add(repoKey(name));
    } catch {
      // Not JSON: no name from it.
    }
  }
  for (const manifest of ['pyproject.toml', 'Cargo.toml']) {
    const toml = files.readText(`${root}/${manifest}`, 1024 * 1024);
    const name = toml && tomlName(toml);
    if (name) names.add(repoKey(name));
  }
  const goMod = files.readText(`${root}/go.mod`, 1024 * 1024);
  const module = goMod?.split(/\r?\n/).find((line) => line.startsWith('module '));
  if (module) names.add(repoKey(module.slice(7).trim()));
  names.delete('');
  return names;
}

/** The first `name = "…"` of a TOML manifest. */
function tomlName(toml: string): string | undefined {
  for (const line of toml.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('name')) continue;
    const eq = trimmed.indexOf('=');
    if (eq < 0 || trimmed.slice(4, eq).trim() !== '') continue;
    const value = trimmed.slice(eq + 1).trim();
    const quote = value[0];
    if (quote !== '"' && quote !== "'") continue;
    const end = value.indexOf(quote, 1);
    if (end > 1) return value.slice(1, end);
  }
  return undefined;
}

/** Whether a section label leaves its tasks to this repository; labels naming another repository, or several, do not. */
export function labelIsOurs(label: string | undefined, own: ReadonlySet<string>): boolean {
  if (label === undefined) return true;
  const key = repoKey(label.split(/\s/)[0] ?? '');
  if (SEVERAL.has(key)) return false;
  return own.has(key);
}

/** Notes that take a tick back, and whether they must be followed by a separator (`todo:`, not `todo list`). */
const DENIALS: ReadonlyArray<[word: string, strict: boolean]> = [
  ['skipped', false],
  ['not done', false],
  ['not implemented', false],
  ['not yet implemented', false],
  ['not started', false],
  ['not applicable', false],
  ['übersprungen', false],
  ['nicht umgesetzt', false],
  ['omitido', false],
  ['pulado', false],
  ['ignoré', false],
  ['跳过', false],
  ['未完成', false],
  ['未実装', false],
  ['スキップ', false],
  ['skip', true],
  ['todo', true],
  ['pending', true],
];

function denialAt(lower: string, at: number): string | undefined {
  let i = at;
  while (i < lower.length && (lower[i] === ' ' || lower[i] === '*' || lower[i] === '_')) i++;
  for (const [word, strict] of DENIALS) {
    if (!lower.startsWith(word, i)) continue;
    const next = lower[i + word.length];
    if (next !== undefined && /[\p{L}]/u.test(next)) continue;
    if (strict && next !== undefined && next !== ':' && next !== ')' && !lower.startsWith(' -', i + word.length) && !lower.startsWith(' —', i + word.length)) continue;
    return word;
  }
  return undefined;
}

/**
 * The word with which a ticked task's own text takes the tick back: a parenthesised note or a
 * trailing `— note` that starts with it (`(SKIPPED: no docs/ folder)`, `— not implemented`).
 */
export function denialIn(text: string): string | undefined {
  const lower = text.toLowerCase();
  for (let at = lower.indexOf('('); at >= 0; at = lower.indexOf('(', at + 1)) {
    const word = denialAt(lower, at + 1);
    if (word) return word;
  }
  for (const dash of [' — ', ' – ', ' -- ', ' - ']) {
    const at = lower.lastIndexOf(dash);
    if (at < 0) continue;
    const word = denialAt(lower, at + dash.length);
    if (word) return word;
  }
  return undefined;
}
