import { readFile } from 'node:fs/promises';
import type { Code, Heading, List, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { MarkdownDocument } from './markdown.js';
import type { Diagnostic, ParseResult, ReviewItem, ReviewOutput } from '../model/types.js';
import { diagnostic } from '../model/positions.js';
import { eachNode, lineStarts, locate } from './source-text.js';
import { locatePointers } from './json-pointers.js';
import { parseScopeBlock } from './scope-block.js';

const RULE = 'govern/parse-review';

/** One schema error as ajv reports it; only the fields govern reads. */
export interface ValidationError {
  instancePath: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** A compiled schema check, shaped like ajv's `ValidateFunction` so ajv's result can be passed as is. */
export type ValidateFn = ((data: unknown) => boolean) & { errors?: ValidationError[] | null };

type AjvClass = new (options: { allErrors: boolean; strict: boolean }) => { compile(schema: object): ValidateFn };

let validatorPromise: Promise<ValidateFn> | undefined;

/**
 * Compiles `schema/review.schema.json` with ajv, loaded only now: a project without reviews
 * never pays for ajv. The schema is found relative to this module, two levels below the package
 * root in both `src/` and `dist/`.
 */
export function loadReviewValidator(): Promise<ValidateFn> {
  validatorPromise ??= (async () => {
    const [ajvModule, schemaText] = await Promise.all([
      import('ajv'),
      readFile(new URL('../../schema/review.schema.json', import.meta.url), 'utf8'),
    ]);
    // ajv is CommonJS: its class is the module's default export, and again as that export's `default`.
    const exported = ajvModule as unknown as { default: AjvClass & { default?: AjvClass } };
    const Ajv = exported.default.default ?? exported.default;
    const ajv = new Ajv({ allErrors: true, strict: false });
    return ajv.compile(JSON.parse(schemaText) as object);
  })();
  validatorPromise.catch(() => {
    validatorPromise = undefined;
  });
  return validatorPromise;
}

/**
 * Reads a reviewer's JSON output (`.codex-review-output.json`, `.agent/reviews/*.json`, or the
 * JSON block of a Markdown review). Whatever can be read is returned even when the file breaks
 * the contract; `valid` says whether it keeps it. `startLine` is the file line the JSON text
 * starts on, for text taken out of a larger file. See docs/formats/review.md.
 */
export function parseReview(file: string, text: string, validate: ValidateFn, startLine = 1): ParseResult<ReviewOutput> {
  const diagnostics: Diagnostic[] = [];
  const review: ReviewOutput = { file, valid: false, blocking: [], shouldFix: [], nits: [], scopeViolations: [], format: 'json' };
  const starts = lineStarts(text);
  const at = (offset: number) => {
    const { line, column } = locate(starts, Math.max(0, Math.min(offset, text.length)));
    return { file, line: line + startLine - 1, column };
  };

  if (!text.trim()) {
    diagnostics.push(diagnostic(RULE, 'warning', 'The review output is empty; the reviewer wrote no JSON.', at(0)));
    return { value: review, diagnostics };
  }

  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'invalid JSON';
    diagnostics.push(
      diagnostic(RULE, 'warning', `The review is not valid JSON (${withoutPosition(reason)}).`, at(syntaxErrorOffset(reason, text))),
    );
    return { value: review, diagnostics };
  }

  let valid = false;
  try {
    valid = validate(data);
  } catch {
    valid = false;
  }
  if (!valid) {
    const pointers = safeLocate(text);
    const errors = validate.errors ?? [];
    for (const [pointer, group] of groupByPointer(errors)) {
      const where = pointer ? `at ${pointer}` : 'at the top level';
      for (const detail of describe(group)) {
        diagnostics.push(diagnostic(RULE, 'warning', `The review does not keep the reviewer contract ${where}: ${detail}.`, at(pointers.get(pointer) ?? 0)));
      }
    }
    if (errors.length === 0) diagnostics.push(diagnostic(RULE, 'warning', 'The review does not keep the reviewer contract.', at(0)));
  }
  review.valid = valid;

  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const record = data as Record<string, unknown>;
    if (typeof record.verdict === 'string') review.verdict = record.verdict;
    const pointers = ALIASES.some(([, alias]) => alias in record) ? safeLocate(text) : undefined;
    for (const [field, key, alias] of LISTS) {
      const value = record[key] ?? record[alias];
      if (!(key in record) && alias in record) {
        diagnostics.push(
          diagnostic(RULE, 'warning', `The review names its list "${alias}"; the contract's key is "${key}".`, at(pointers?.get(`/${alias}`) ?? 0)),
        );
      }
      if (Array.isArray(value)) review[field] = value.map(toItem);
    }
    readLinkKeys(record, review, text, at);
  }
  return { value: review, diagnostics };
}

/** Keys a review may name its feature by, in the order they are trusted (docs/formats/review.md). */
const DECLARED_KEYS = ['feature', 'feature_id', 'featureId', 'spec', 'spec_id', 'specId', 'spec_path', 'spec_file'];
const ROUND_KEYS = ['round', 'cycle', 'iteration'];
const DATE_KEYS = ['date', 'reviewed_at', 'reviewedAt', 'created_at', 'createdAt'];

/** The verdict's place and what ties the review to a feature: declared keys, branch, round, date. */
function readLinkKeys(record: Record<string, unknown>, review: ReviewOutput, text: string, at: (offset: number) => { file: string; line: number; column: number }): void {
  const declaredKey = DECLARED_KEYS.find((k) => typeof record[k] === 'string' && (record[k] as string).trim() !== '');
  if (review.verdict === undefined && declaredKey === undefined) return;
  const pointers = safeLocate(text);
  if (review.verdict !== undefined) {
    const offset = pointers.get('/verdict');
    if (offset !== undefined) review.verdictPosition = at(offset);
  }
  if (declaredKey !== undefined) {
    review.declared = { value: (record[declaredKey] as string).trim(), position: at(pointers.get(`/${declaredKey}`) ?? 0) };
  }
  if (typeof record.branch === 'string' && record.branch.trim() !== '') review.branch = record.branch.trim();
  const round = ROUND_KEYS.map((k) => record[k]).find((v) => typeof v === 'number' && Number.isInteger(v) && v > 0);
  if (typeof round === 'number') review.round = round;
  const date = DATE_KEYS.map((k) => record[k]).find((v) => typeof v === 'string' && v.trim() !== '');
  if (typeof date === 'string') review.date = date.trim();
}

/** Section titles of a prose review, by the list their items go to. */
const PROSE_SECTIONS: Array<[RegExp, 'blocking' | 'shouldFix' | 'nits' | 'scopeViolations']> = [
  [/^(?:blockers?|blocking(?: issues| findings)?|must[- ]fix)$/, 'blocking'],
  [/^(?:out[- ]of[- ]scope(?: changes)?|scope violations?)$/, 'scopeViolations'],
  [/^(?:should[- ]fix|suggestions)$/, 'shouldFix'],
  [/^(?:nits?|nice[- ]to[- ]haves?|minor)$/, 'nits'],
];
/** `VERDICT: NEEDS_CHANGES`, `**Verdict:** PASS` after markup is removed. */
const VERDICT_LINE = /^verdict\s*:\s*([a-z][a-z_ -]*)/i;
const LABEL_LINE = /^(feature|spec|branch)\s*:\s*(\S.*)$/i;
const LINE_BREAK = /\r\n|\r|\n/;
const NONE_ITEM = /^(?:none|n\/a|nothing|-)\.?$/i;

/**
 * A prose review in the seed workflow's Markdown format, with no JSON block: the verdict from a
 * `VERDICT:` line in its first 20 lines, findings from the lists under `Blockers`, `Out-of-scope
 * changes`, `Should fix` and `Nits` headings, and `Feature:` / `Spec:` / `Branch:` labels written before
 * the first `##` heading. `undefined` when no verdict line is found: then it is notes, not a review.
 */
export function parseMarkdownReview(doc: MarkdownDocument): ReviewOutput | undefined {
  const lines = doc.text.split(LINE_BREAK, 200);
  const review: ReviewOutput = { file: doc.file, valid: true, blocking: [], shouldFix: [], nits: [], scopeViolations: [], format: 'markdown' };
  let beforeSections = true;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (/^\s{0,3}##/.test(raw)) beforeSections = false;
    // Emphasis and code marks go; an underscore inside a word (`NEEDS_CHANGES`) stays.
    const plain = raw.replace(/[*`>]/g, '').replace(/(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu, '').replace(/^\s*(?:[-+]\s+)?/, '').trim();
    if (review.verdict === undefined && i < 20) {
      const verdict = VERDICT_LINE.exec(plain);
      if (verdict) {
        review.verdict = verdict[1]!.trim();
        const column = raw.toLowerCase().indexOf(review.verdict.toLowerCase());
        review.verdictPosition = { file: doc.file, line: i + 1, column: column >= 0 ? column + 1 : 1 };
        continue;
      }
    }
    if (!beforeSections) continue;
    const label = LABEL_LINE.exec(plain);
    if (!label) continue;
    const key = label[1]!.toLowerCase();
    const value = label[2]!.trim();
    if (key === 'branch') review.branch ??= value;
    else if (!review.declared) {
      const column = raw.indexOf(value);
      review.declared = { value, position: { file: doc.file, line: i + 1, column: column >= 0 ? column + 1 : 1 } };
    }
  }
  if (review.verdict === undefined) return undefined;
  const scope = parseScopeBlock(doc.tree, doc.file);
  if (scope && scope.inScope.length > 0) review.inScope = scope.inScope.map((item) => item.value);
  let list: (typeof PROSE_SECTIONS)[number][1] | undefined;
  for (const node of doc.tree.children as RootContent[]) {
    if (node.type === 'heading') {
      const title = toString(node as Heading).trim().toLowerCase().replace(/[:：]$/, '').trim();
      list = PROSE_SECTIONS.find(([pattern]) => pattern.test(title))?.[1];
      continue;
    }
    if (!list || node.type !== 'list') continue;
    for (const item of (node as List).children) {
      const text = toString(item).trim();
      if (text === '' || NONE_ITEM.test(text)) continue;
      review[list].push(proseItem(text));
    }
  }
  return review;
}

/** `src/a.ts:18 — what is wrong` (the place often in backticks, which the text no longer has). */
function proseItem(text: string): ReviewItem {
  const place = /^([^\s:]+)(?::(\d+))?(?::\d+)?\s*(?:[—–:-]\s*)?/.exec(text);
  if (!place || !/\.[a-z0-9]+$/i.test(place[1]!)) return { text };
  const rest = text.slice(place[0].length).trim();
  const item: ReviewItem = { text: rest || text, file: place[1]! };
  if (place[2]) item.line = Number(place[2]);
  return item;
}

const LISTS: Array<['blocking' | 'shouldFix' | 'nits' | 'scopeViolations', string, string]> = [
  ['blocking', 'blocking', 'blockers'],
  ['shouldFix', 'should_fix', 'shouldFix'],
  ['nits', 'nits', 'nit'],
  ['scopeViolations', 'scope_violations', 'scopeViolations'],
];
const ALIASES = LISTS.map(([, key, alias]) => [key, alias] as const);

const TEXT_KEYS = ['description', 'issue', 'message', 'title', 'summary', 'text', 'finding', 'reason', 'detail', 'details'];

function toItem(value: unknown): ReviewItem {
  if (typeof value === 'string') return { text: value };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { text: JSON.stringify(value) ?? String(value) };
  const record = value as Record<string, unknown>;
  const key = TEXT_KEYS.find((k) => typeof record[k] === 'string' && (record[k] as string).trim());
  const item: ReviewItem = { text: key ? (record[key] as string) : JSON.stringify(record) };
  let file = typeof record.file === 'string' ? record.file : typeof record.path === 'string' ? record.path : undefined;
  let line = toLine(record.line);
  if (!file && typeof record.location === 'string') {
    // `src/a.ts:42` or `src/a.ts:42:7`
    const match = /^(.*?):(\d+)(?::\d+)?$/.exec(record.location);
    file = match ? match[1] : record.location;
    line ??= match ? Number(match[2]) : undefined;
  }
  if (file) item.file = file;
  if (line !== undefined) item.line = line;
  return item;
}

function toLine(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  if (typeof value === 'string') {
    const match = /^\s*L?(\d+)/.exec(value);
    if (match) return Number(match[1]);
  }
  return undefined;
}

function groupByPointer(errors: ValidationError[]): Map<string, ValidationError[]> {
  const groups = new Map<string, ValidationError[]>();
  for (const error of errors) {
    const pointer = error.instancePath || '';
    groups.set(pointer, [...(groups.get(pointer) ?? []), error]);
  }
  return groups;
}

/**
 * What is wrong at one place. A finding that is neither a sentence nor a described object fails
 * every branch of the schema's `oneOf`; one sentence says that instead of a dozen.
 */
function describe(errors: ValidationError[]): string[] {
  if (errors.some((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')) {
    const isObject = errors.some((e) => e.keyword === 'required');
    return [isObject ? 'a finding object needs a description (or an issue, message or title)' : 'a finding must be a sentence or an object with a description'];
  }
  const details = errors.map((error) => {
    const params = error.params ?? {};
    if (error.keyword === 'required' && typeof params.missingProperty === 'string') return `"${params.missingProperty}" is missing`;
    return error.message ?? 'invalid value';
  });
  return [...new Set(details)];
}

/**
 * Where a JSON syntax error is. V8 says "... at position 42" and, since Node 22, "(line 3 column 5)";
 * "Unexpected end of JSON input" has neither and means the end.
 */
function syntaxErrorOffset(message: string, text: string): number {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) {
    const starts = lineStarts(text);
    return (starts[Number(lineColumn[1]) - 1] ?? 0) + Number(lineColumn[2]) - 1;
  }
  const position = /position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  return text.trimEnd().length;
}

function safeLocate(text: string): Map<string, number> {
  try {
    return locatePointers(text);
  } catch {
    return new Map();
  }
}

/**
 * The reviewer JSON held in a Markdown review's fenced `json` block, with the line its text starts
 * on. A review may hold several blocks; the one with a `verdict` wins. No block: a prose review,
 * which is fine, so no diagnostic.
 */
export function extractReviewJson(doc: MarkdownDocument): { text: string; line: number } | undefined {
  const blocks: Code[] = [];
  eachNode(doc.tree, (node) => {
    if (node.type === 'code' && /^json5?c?$/i.test((node as Code).lang ?? '')) blocks.push(node as Code);
    return node.type === 'code';
  });
  const block = blocks.find((b) => /"verdict"\s*:/.test(b.value)) ?? blocks[0];
  if (!block) return undefined;
  const fenced = /^\s*(?:```|~~~)/.test(doc.text.slice(block.position?.start.offset ?? 0));
  return { text: block.value, line: (block.position?.start.line ?? 1) + (fenced ? 1 : 0) };
}

/** A JSON error without where it happened (` in JSON at position 12`, ` (line 1 column 13)`): the diagnostic's position says that. */
function withoutPosition(reason: string): string {
  const at = reason.search(/in JSON at position \d/);
  let out = at >= 0 && !/[\n\r\u2028\u2029]/.test(reason.slice(at)) ? reason.slice(0, at).trimEnd() : reason;
  const line = /\(line \d+ column \d+\)$/.exec(out);
  if (line) out = out.slice(0, line.index).trimEnd();
  return out;
}
