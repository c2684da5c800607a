import type { Heading, Html, List, ListItem, Node, RootContent } from 'mdast';
import type { MarkdownDocument } from './markdown.js';
import type { Constitution, Diagnostic, Located, ParseResult, Principle, Section, SourcePosition, SyncImpactReport } from '../model/types.js';
import { diagnostic, positionOf } from '../model/positions.js';
import { plainText, splitAround } from '../text/plain-text.js';
import { CODE_AND_COMMENTS, eachNode, lineStarts, locate, maskNodes, splitLines } from './source-text.js';

const RULE = 'govern/parse-constitution';

/** Code, comments and link reference definitions are not prose: placeholders and version lines there do not count. */
const PROSE_MASK: ReadonlySet<string> = new Set([...CODE_AND_COMMENTS, 'definition']);

/**
 * Reads a Spec Kit style constitution (`.specify/memory/constitution.md` or `constitution.md`):
 * title, principles, other sections, the version line, the Sync Impact Report comment and
 * template placeholders left unfilled. See docs/formats/constitution.md.
 */
export function parseConstitution(doc: MarkdownDocument): ParseResult<Constitution> {
  const diagnostics: Diagnostic[] = [];
  const file = doc.file;
  const children = doc.tree.children;
  const starts = lineStarts(doc.text);

  const headings: Array<{ node: Heading; index: number; text: string }> = [];
  children.forEach((node, index) => {
    if (node.type === 'heading') headings.push({ node, index, text: plainText(node) });
  });

  const titleHeading = headings.find((h) => h.node.depth === 1);
  const title: Located<string> | undefined = titleHeading
    ? { value: titleHeading.text, position: positionOf(titleHeading.node, file) }
    : undefined;

  const principles: Principle[] = [];
  /** Where each principles section's principles start in `principles`: each section may number its own from 1. */
  const groupStarts: number[] = [];
  const principleNodes = new Set<Heading>();
  const named = headings.filter((h) => h.node.depth >= 2 && isPrinciplesHeading(h.text) && !parsePrincipleHeading(h.text, true).id);
  // The principles sections are the outermost ones: `### Principles of file layout` under a `## Documentation`
  // section of the same constitution is a rule about documents, and its list items are not principles.
  const outermost = Math.min(...named.map((h) => h.node.depth));
  const containers = named.filter((h) => h.node.depth === outermost);

  const bodyText = maskNodes(doc.text, doc.tree, HTML_ONLY);
  let containerEnd = -1;
  for (const container of containers) {
    // A heading such as `### Principles of Testing` inside the Principles section is a principle, not a second section.
    if (container.index < containerEnd) continue;
    const end = sectionEnd(children, container.index, container.node.depth);
    containerEnd = end;
    groupStarts.push(principles.length);
    const childDepth = headings.find((h) => h.index > container.index && h.index < end && h.node.depth > container.node.depth)?.node.depth;
    if (childDepth !== undefined) {
      for (const h of headings) {
        if (h.index <= container.index || h.index >= end || h.node.depth !== childDepth) continue;
        principles.push(principleFromHeading(doc, bodyText, h, sectionEnd(children, h.index, h.node.depth)));
        principleNodes.add(h.node);
      }
    } else {
      for (const item of principlesFromList(doc, bodyText, children.slice(container.index + 1, end))) principles.push(item);
    }
  }

  if (containers.length === 0) {
    // Without a "Principles" section, only headings that number themselves as principles count.
    for (const h of headings) {
      if (h.node.depth < 2 || !parsePrincipleHeading(h.text, true).id) continue;
      principles.push(principleFromHeading(doc, bodyText, h, sectionEnd(children, h.index, h.node.depth)));
      principleNodes.add(h.node);
    }
  }

  // `## Technical principles` and `## Security principles` each numbering theirs from 1 reuse no number.
  const seen = new Map<string, Principle>();
  for (const [index, principle] of principles.entries()) {
    if (!principle.id) continue;
    const key = `${groupStarts.filter((start) => start <= index).length}:${principle.id.toUpperCase()}`;
    const first = seen.get(key);
    if (first) {
      diagnostics.push(
        diagnostic(
          RULE,
          'warning',
          `Principle number ${principle.id} is used twice (also by "${first.name}" on line ${first.position.line}); renumber one of them.`,
          principle.position,
        ),
      );
    } else {
      seen.set(key, principle);
    }
  }

  const rest = headings.filter((h) => !principleNodes.has(h.node) && h !== titleHeading);
  // Top-level is the shallowest depth below the title (a spread would overflow on a file of many headings).
  const topDepth = rest.reduce((min, h) => (h.node.depth < min && (!titleHeading || h.node.depth > 1) ? h.node.depth : min), 7);
  const sections: Section[] = rest
    .filter((h) => h.node.depth === topDepth)
    .map((h) => ({ title: h.text, depth: h.node.depth, position: positionOf(h.node, file) }));

  const prose = maskNodes(doc.text, doc.tree, PROSE_MASK);
  const meta = readVersionLines(prose, file);
  fillFromFrontmatter(doc, meta);

  const constitution: Constitution = {
    file,
    principles,
    sections,
    templateTokens: findTemplateTokens(prose, starts, file),
  };
  if (title) constitution.title = title;
  if (meta.version) constitution.version = meta.version;
  if (meta.ratified) constitution.ratified = meta.ratified;
  if (meta.lastAmended) constitution.lastAmended = meta.lastAmended;

  const report = findSyncImpactReport(doc, diagnostics);
  if (report) constitution.syncImpactReport = report;

  return { value: constitution, diagnostics };
}

// ---------------------------------------------------------------- principles

/**
 * Words a heading that introduces the principles contains, in the languages constitutions are
 * written in: `Core Principles`, `Grundsätze`, `Principios`, `Незыблемые принципы`, `基本原則`, `설계 원칙`.
 * Looked up in the lower-cased heading, never as one alternation over document text.
 */
const PRINCIPLES_STEMS: readonly string[] = [
  'principle',
  'principe',
  'prinzip',
  'grundsätze',
  'grundsatz',
  'principio',
  'princípio',
  'принцип',
  'zasad',
  'zásad',
  'ilke',
  '原則',
  '原则',
  '원칙',
];

function isPrinciplesHeading(text: string): boolean {
  const folded = text.toLowerCase();
  return PRINCIPLES_STEMS.some((stem) => folded.includes(stem));
}

const NON_NEGOTIABLE_IN_HEADING = /(?<!\s)\s*(?:[([]\s*)?non[-\s]?negotiable\s*[)\]]?/i;
/** In a body only the emphatic forms count: a sentence that merely says "is non-negotiable" about one detail does not flag the principle. */
const NON_NEGOTIABLE_IN_BODY = /NON-NEGOTIABLE|\(\s*non[-\s]?negotiable\s*\)/;
const NON_NEGOTIABLE_PARENTHESISED = /\(\s*non[-\s]?negotiable\s*\)/i;

const SEPARATOR = String.raw`\s*(?:[:.)．：]|\s[-—–]|[—–])\s*`;
// The name is `(\S.*|\s)`, not `(.+)`, after the separator's `\s*`: one part owns a run of spaces, so a
// name that fails to match (a line break in it) is not tried again from every space of the run.
const PREFIXED = new RegExp(String.raw`^(?:principle|article|原則|原则|원칙)\s*([IVXLCDM]+|\d+)(?:${SEPARATOR}|\s+)(\S.*|\s)$`, 'i');
const P_NUMBER = new RegExp(String.raw`^(P\d+)${SEPARATOR}(\S.*|\s)$`, 'i');
/** I to XXXIX: enough for any constitution, and `D. Deployment` or `C. Clients` are not mistaken for numerals. */
const ROMAN = /^(X{0,3}(?:IX|IV|V?I{0,3}))[.)．]\s*(\S[\s\S]*|\s)$/;
const ARABIC = /^(\d+(?:\.\d+)*)(?:[.)．]\s*|\s+)(\S[\s\S]*|\s)$/;

/**
 * The number and name a principle heading is written with. `strict` accepts only headings that
 * say they are principles (a `Principle`/`Article` word, a roman numeral or a `P3` id), which is
 * what may be trusted outside a Principles section.
 */
function parsePrincipleHeading(text: string, strict: boolean): { id?: string; name: string } {
  const patterns = strict ? [PREFIXED, P_NUMBER, ROMAN] : [PREFIXED, P_NUMBER, ROMAN, ARABIC];
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match?.[1] && match[2]?.trim()) return { id: match[1], name: match[2].trim() };
  }
  return { name: text };
}

function principleFromHeading(
  doc: MarkdownDocument,
  bodyText: string,
  heading: { node: Heading; index: number; text: string },
  end: number,
): Principle {
  const parsed = parsePrincipleHeading(heading.text, false);
  const body = sourceOf(bodyText, doc.tree.children.slice(heading.index + 1, end));
  return makePrinciple(parsed, body, positionOf(heading.node, doc.file));
}

function makePrinciple(parsed: { id?: string; name: string }, body: string, position: SourcePosition): Principle {
  const inHeading = NON_NEGOTIABLE_IN_HEADING.test(parsed.name);
  const name = inHeading ? parsed.name.replace(NON_NEGOTIABLE_IN_HEADING, '').replace(/^[\s:：—–-]+|(?<![\s:：—–-])[\s:：—–-]+$/g, '') : parsed.name;
  const principle: Principle = {
    name: name || parsed.name,
    nonNegotiable: inHeading || NON_NEGOTIABLE_IN_BODY.test(body) || NON_NEGOTIABLE_PARENTHESISED.test(body),
    body,
    position,
  };
  if (parsed.id) principle.id = parsed.id;
  return principle;
}

/** Principles written as a list under the Principles heading: `1. **Simplicity** — ...`. */
function principlesFromList(doc: MarkdownDocument, bodyText: string, nodes: RootContent[]): Principle[] {
  const principles: Principle[] = [];
  for (const node of nodes) {
    if (node.type !== 'list') continue;
    const list = node as List;
    list.children.forEach((item: ListItem, i) => {
      const first = item.children[0];
      if (first?.type !== 'paragraph') return;
      const lead = first.children[0];
      if (lead?.type !== 'strong') return;
      const parsed = parsePrincipleHeading(plainText(lead).replace(/(?<![:：.\s])[:：.\s]+$/, ''), false);
      if (!parsed.id && list.ordered) parsed.id = String((list.start ?? 1) + i);
      const body = sourceOf(bodyText, [item]).replace(/^(?:[-*+]|\d+[.)])\s+/, '');
      principles.push(makePrinciple(parsed, body, positionOf(item, doc.file)));
    });
  }
  return principles;
}

/** Index of the first root child after `index` that is a heading of `depth` or shallower. */
function sectionEnd(children: RootContent[], index: number, depth: number): number {
  for (let i = index + 1; i < children.length; i++) {
    const node = children[i];
    if (node?.type === 'heading' && node.depth <= depth) return i;
  }
  return children.length;
}

/** The source of `nodes`, read from `bodyText` where HTML comments are blanked (Spec Kit's template keeps its examples in them). */
function sourceOf(bodyText: string, nodes: Node[]): string {
  const parts: string[] = [];
  for (const node of nodes) {
    if (node.type === 'html') continue;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) continue;
    parts.push(bodyText.slice(start, end).replace(/\r\n?/g, '\n').replace(/(?<![ \t])[ \t]+(?=\n|$)/g, '').trim());
  }
  return parts.filter(Boolean).join('\n\n');
}

const HTML_ONLY: ReadonlySet<string> = new Set(['html']);

// ---------------------------------------------------------------- version line

interface VersionMeta {
  version?: Located<string>;
  ratified?: Located<string>;
  lastAmended?: Located<string>;
}

/**
 * The version line's labels in the languages constitutions are written in, by field. Compared after
 * `labelKey` (lower case, no spaces, `_` or `-`), so `Last Amended`, `last_amended` and `LAST-AMENDED`
 * are one label.
 */
const FIELD_LABEL_WORDS: Record<keyof VersionMeta, readonly string[]> = {
  version: ['version', 'constitution version', 'current version', 'バージョン', '版本', '当前版本', '當前版本', '现行版本', '現行版本', '버전', '현재 버전', 'версия', 'versión', 'versão', 'versione', 'sürüm', 'wersja', 'verze'],
  ratified: [
    'ratified', 'ratified on', 'ratified date', 'ratification', 'ratification date', 'adopted', 'adopted on',
    '承認日', '制定日', '施行日', '批准', '批准日', '批准日期', '通過日期', '生效日期', '生效日', '生效時間', '生效时间', '비준일', '비준', '제정일', '시행일', '작성일',
    'effective', 'effective date', 'effective since',
    'ratifiziert', 'ratifiziert am', 'verabschiedet', 'verabschiedet am', 'ratifié', 'ratifié le', 'adopté', 'adopté le', 'adoptée', 'adoptée le', 'approuvée le',
    'adottata', 'adottata il', 'approvata', 'approvata il', 'przyjęta', 'przyjęto', 'uchwalona',
    'ratificado', 'ratificada', 'ratificado em', 'ratificada em', 'ratificado el', 'ratificada el', 'ratificação', 'data de ratificação',
    'fecha de ratificación', 'adoptado', 'adotado', 'aprobado', 'aprovado', 'aprovada',
    'ратифицировано', 'ратифицирована', 'дата ратификации', 'принято', 'дата принятия', 'утверждено', 'onaylandı', 'kabul tarihi',
  ],
  lastAmended: [
    'last amended', 'last amended date', 'amended', 'amended date', 'amended on', 'last updated', 'last amendment',
    '最終修正日', '最終改訂日', '最終改定日', '改訂日', '改定日', '最終更新日', '最终修订', '最终修订日期', '最后修订', '最后修订日期',
    '最終修正', '最終改訂', '最終改定', '最後修訂', '最後修訂日期', '最终修改', '最终修改日期', '最后修改', '最后修改日期', '修订日期', '修訂日期',
    '最后更新', '最後更新', '최종 개정일', '최종 개정', '최종 수정일',
    'zuletzt geändert', 'zuletzt geändert am', 'letzte änderung', 'geändert am', 'dernière modification', 'dernier amendement', 'modifié le',
    'dernière mise à jour', 'dernière révision', 'ultima modifica', 'ultimo emendamento', 'ultimo aggiornamento', 'ostatnia zmiana', 'ostatnia aktualizacja',
    'última modificación', 'última enmienda', 'última alteração', 'última emenda', 'última atualização', 'última actualización',
    'последнее изменение', 'последняя редакция', 'изменено', 'дата изменения', 'son değişiklik', 'son güncelleme',
  ],
};

function labelKey(label: string): string {
  return label.toLowerCase().replace(/[\s_*-]+/g, '');
}

const FIELD_BY_LABEL: ReadonlyMap<string, keyof VersionMeta> = new Map(
  (Object.entries(FIELD_LABEL_WORDS) as Array<[keyof VersionMeta, readonly string[]]>).flatMap(([field, words]) => words.map((word) => [labelKey(word), field] as const)),
);

/**
 * Ratification is one Latin word across languages, inflected for gender and tense (`Ratifiée le`,
 * `Ratificata il`, `Ratyfikowana`, `Ратифицирована`): a label that begins with its stem names the date.
 */
const RATIFIED_STEMS = ['ratif', 'ratyf', 'ратиф'];

function fieldOfLabel(label: string): keyof VersionMeta | undefined {
  const key = labelKey(label);
  const field = FIELD_BY_LABEL.get(key);
  if (field) return field;
  if (RATIFIED_STEMS.some((stem) => key.startsWith(stem))) return 'ratified';
  return namesConstitutionVersion(label) ? 'version' : undefined;
}

const VERSION_WORDS = FIELD_LABEL_WORDS.version.map(labelKey);
const CONSTITUTION_WORDS = ['constitution', '憲法', '宪法', '헌법', 'конституц', 'verfassung', 'constitución', 'constituição', 'anayasa', 'konstytucj', 'ústav'];

/** `This constitution's version`, `本憲法版本`: a label that ends in a version word and says whose version it is. */
function namesConstitutionVersion(label: string): boolean {
  const key = labelKey(label);
  return VERSION_WORDS.some((word) => key.endsWith(word)) && CONSTITUTION_WORDS.some((word) => key.includes(word));
}

/** Characters that wrap a label or value as Markdown (bold, italics, list and quote markers). */
function isWrapping(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '*' || ch === '_' || ch === '>' || ch === '+' || ch === '-' || ch === '\u00a0';
}

/**
 * `**Label**: value` in one segment of a line, read without a regular expression (a line may be long,
 * and a pattern with a lazy value and trailing spaces would backtrack over it): the label before the
 * first colon, the value after it, each without its Markdown wrapping.
 */
function labelAndValue(segment: string): { label: string; value: string; valueAt: number } | undefined {
  let colon = -1;
  for (let i = 0; i < segment.length && i <= 64; i++) {
    if (segment[i] === ':' || segment[i] === '：') {
      colon = i;
      break;
    }
  }
  if (colon < 0) return undefined;
  let start = 0;
  while (start < colon && isWrapping(segment[start]!)) start++;
  // A numbered list item: `1. **Version**: 1.0.0`.
  let digits = start;
  while (digits < colon && segment[digits]! >= '0' && segment[digits]! <= '9') digits++;
  if (digits > start && segment[digits] === '.' && segment[digits + 1] === ' ') {
    start = digits + 2;
    while (start < colon && isWrapping(segment[start]!)) start++;
  }
  let end = colon;
  while (end > start && isWrapping(segment[end - 1]!)) end--;
  const label = segment.slice(start, end);
  if (label === '' || label.length > 40) return undefined;
  let valueStart = colon + 1;
  while (valueStart < segment.length && isWrapping(segment[valueStart]!)) valueStart++;
  let valueEnd = segment.length;
  while (valueEnd > valueStart && (isWrapping(segment[valueEnd - 1]!) || segment[valueEnd - 1] === '\r')) valueEnd--;
  return { label, value: segment.slice(valueStart, valueEnd), valueAt: valueStart };
}

/**
 * Finds `**Version**: 2.1.1 | **Ratified**: 2025-06-13 | **Last Amended**: 2025-07-16` in any of
 * its spellings and languages: one line or several, bold or not, in a list or a quote. `prose` has
 * code and comments blanked, so the template's commented example does not count.
 */
function readVersionLines(prose: string, file: string): VersionMeta {
  const meta: VersionMeta = {};
  const lines = splitLines(prose);
  for (let lineIndex = 0; lineIndex < lines.length; lineIndex++) {
    const line = lines[lineIndex] ?? '';
    if (!line.includes(':') && !line.includes('：')) continue;
    let segmentStart = 0;
    for (const segment of line.split('|')) {
      const pair = labelAndValue(segment);
      const field = pair ? fieldOfLabel(pair.label) : undefined;
      if (pair && field && !meta[field] && pair.value !== '') {
        meta[field] = { value: pair.value, position: { file, line: lineIndex + 1, column: segmentStart + pair.valueAt + 1 } };
      }
      segmentStart += segment.length + 1;
    }
  }
  return meta;
}

const FRONTMATTER_KEYS: Array<[keyof VersionMeta, string[]]> = [
  ['version', ['version', 'constitution_version', 'constitutionVersion']],
  ['ratified', ['ratified', 'ratification_date', 'ratificationDate', 'ratified_date']],
  ['lastAmended', ['last_amended', 'last_amended_date', 'lastAmended', 'amended']],
];

function fillFromFrontmatter(doc: MarkdownDocument, meta: VersionMeta): void {
  const data = doc.frontmatter;
  const node = doc.frontmatterNode;
  if (!data || !node) return;
  const lines = splitLines(node.value);
  const firstLine = (node.position?.start.line ?? 1) + 1;
  for (const [field, keys] of FRONTMATTER_KEYS) {
    if (meta[field]) continue;
    for (const key of keys) {
      const raw = data[key];
      if (raw === undefined || raw === null || (typeof raw === 'object' && !(raw instanceof Date))) continue;
      const value = raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw);
      const index = lines.findIndex((line) => line.startsWith(`${key}:`));
      const position: SourcePosition = { file: doc.file, line: firstLine + Math.max(index, 0), column: 1 };
      meta[field] = { value, position };
      break;
    }
  }
}

// ---------------------------------------------------------------- template tokens

/**
 * A Spec Kit placeholder: square brackets around an ALL-CAPS name with at least one underscore
 * (`[PROJECT_NAME]`, `[PRINCIPLE_1_NAME]`). Not `[NEEDS CLARIFICATION]` (a space), not `[x]`,
 * not `[TODO]`; not link text or labels (`[A_B](url)`, `[A_B][ref]`, `[text][A_B]`); reference definitions
 * (`[A_B]: url`) are masked with code.
 */
const TEMPLATE_TOKEN = /(?<!\])\[([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\](?![(\[])/g;

function findTemplateTokens(prose: string, starts: number[], file: string): Located<string>[] {
  const tokens: Located<string>[] = [];
  for (const match of prose.matchAll(TEMPLATE_TOKEN)) {
    const offset = match.index ?? 0;
    if (offset > 0 && prose[offset - 1] === '\\') continue;
    const { line, column } = locate(starts, offset);
    tokens.push({
      value: match[0],
      position: { file, line, column, endLine: line, endColumn: column + match[0].length },
    });
  }
  return tokens;
}

// ---------------------------------------------------------------- sync impact report

const REPORT_MARKER = /sync\s+impact\s+report|同期影響レポート|同步影响报告|同步影響報告|동기화\s*영향\s*보고서/i;

type ReportList = 'modifiedPrinciples' | 'addedSections' | 'removedSections' | 'followUpTodos';

const REPORT_LABELS: Array<[ReportList | 'versionChange', RegExp]> = [
  ['versionChange', /^(?:version(?:\s+change)?|バージョン変更|バージョン|版本变更|版本變更|版本|버전\s*변경)$/i],
  ['modifiedPrinciples', /^(?:(?:list\s+of\s+)?modified\s+principles?|principles?\s+modified|変更された原則|修改的原则|修改原则|修改的原則|修改原則|수정된\s*원칙)$/i],
  ['addedSections', /^(?:added\s+sections?|new\s+sections?|追加されたセクション|新增章节|新增章節|추가된\s*섹션)$/i],
  ['removedSections', /^(?:removed\s+sections?|deleted\s+sections?|削除されたセクション|删除的章节|移除章节|移除章節|刪除的章節|제거된\s*섹션)$/i],
  ['followUpTodos', /^(?:follow[\s-]*up\s+todos?|follow[\s-]*ups?|deferred(?:\s+(?:items|todos?))?|todos?|フォローアップ\s*todo|后续\s*todo|后续追踪|後續追蹤|후속\s*todo)$/i],
];

/** `None`, `N/A`, `-` and the like: the report says the list is empty. */
const EMPTY_VALUE = /^(?:(?:none|n\/a|na|nil|nothing)(?![a-z])|(?:なし|无|無|없음)|[-—–]$)/i;

function findSyncImpactReport(doc: MarkdownDocument, diagnostics: Diagnostic[]): SyncImpactReport | undefined {
  let comment: Html | undefined;
  eachNode(doc.tree, (node) => {
    if (comment) return true;
    if (node.type === 'html' && REPORT_MARKER.test((node as Html).value)) comment = node as Html;
    return false;
  });
  if (!comment) return undefined;

  const position = positionOf(comment, doc.file);
  const report: SyncImpactReport = { modifiedPrinciples: [], addedSections: [], removedSections: [], followUpTodos: [], position };
  const lines = splitLines(comment.value);
  let current: ReportList | undefined;
  let currentIndent = -1;

  lines.forEach((rawLine, i) => {
    const line = rawLine.replace(/^\s*<!--/, '').replace(/-->\s*$/, '');
    if (!line.trim() || /^[\s=\-~_*]+$/.test(line)) return;
    const indent = /^\s*/.exec(line)?.[0].length ?? 0;
    const isHeading = /^#{1,6}\s/.test(line.trim());
    const stripped = line.trim().replace(/^(?:#{1,6}\s+|[-*+•]\s+)/, '').trim();
    const pair = /^([^:：]{1,60}?)(?<!\s)\s*[:：]\s*(\S.*|)$/.exec(stripped);
    const labelled = pair !== null || isHeading;
    const label = (pair?.[1] ?? (isHeading ? stripped : '')).replace(/[*_]/g, '').trim();
    const field = label ? REPORT_LABELS.find(([, pattern]) => pattern.test(label))?.[0] : undefined;
    const linePosition: SourcePosition = { file: doc.file, line: position.line + i, column: 1 };

    // `### v1.3.0 (2026-02-22)`: a report kept as a running log, one heading per amendment, reaches that version.
    const logged = isHeading ? /^v?(\d+\.\d+(?:\.\d+)?)(?![\d.])/iu.exec(stripped)?.[1] : undefined;
    if (logged !== undefined) {
      current = undefined;
      if (!report.versionChange || compareVersions(logged, report.versionChange.to) > 0) report.versionChange = { raw: stripped, to: logged, position: linePosition };
      return;
    }

    if (field && (current === undefined || indent <= currentIndent)) {
      const value = (pair?.[2] ?? '').trim();
      if (field === 'versionChange') {
        current = undefined;
        if (!value) return;
        // A report may keep the earlier reports below the newest: the one reaching furthest is the last amendment.
        const change = parseVersionChange(value, linePosition, diagnostics);
        if (!report.versionChange || compareVersions(change.to, report.versionChange.to) > 0) report.versionChange = change;
        return;
      }
      current = field;
      currentIndent = indent;
      if (value && !EMPTY_VALUE.test(value)) report[field].push(value);
      return;
    }
    if (labelled && current !== undefined && indent <= currentIndent) {
      // Another label at the same level (`Templates requiring updates:`) ends the list.
      current = undefined;
      return;
    }
    if (current !== undefined && (indent > currentIndent || /^\s*[-*+•]\s/.test(line))) {
      if (!EMPTY_VALUE.test(stripped)) report[current].push(stripped);
      return;
    }
    if (labelled) current = undefined;
  });
  return report;
}

const SEMVER = /(?<!\d)\d+\.\d+(?:\.\d+)?(?:-[0-9A-Za-z.-]+)?/;

/**
 * Orders two versions (`1.1.0` after `1.0.10`, `v1.2` equal to `1.2.0`); a missing or unreadable
 * version comes first.
 */
export function compareVersions(a: string | undefined, b: string | undefined): number {
  const parts = (v: string | undefined) => (v === undefined ? undefined : /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/i.exec(v.trim()));
  const x = parts(a);
  const y = parts(b);
  if (!x || !y) return x ? 1 : y ? -1 : 0;
  for (let i = 1; i <= 3; i++) {
    const difference = Number(x[i] ?? 0) - Number(y[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

function parseVersionChange(raw: string, position: SourcePosition, diagnostics: Diagnostic[]): NonNullable<SyncImpactReport['versionChange']> {
  const change: NonNullable<SyncImpactReport['versionChange']> = { raw, position };
  const parts = splitAround(raw, /→|->|=>|⟶|➔|➜|\bto\b/g);
  if (parts.length >= 2) {
    // `template → 1.0.0 → 1.1.0`: a chain of amendments ends at its last version, the one before it is where it came from.
    let last = parts.length - 1;
    while (last > 1 && !SEMVER.test(parts[last] ?? '')) last--;
    const from = SEMVER.exec(parts[last - 1] ?? '')?.[0];
    const to = SEMVER.exec(parts[last] ?? '')?.[0];
    if (from) change.from = from;
    if (to) change.to = to;
  } else {
    const to = SEMVER.exec(raw)?.[0];
    if (to) change.to = to;
  }
  if (!change.to) {
    diagnostics.push(
      diagnostic(
        RULE,
        'info',
        `The Sync Impact Report's version change "${raw}" names no target version; write it as "1.0.0 → 1.1.0".`,
        position,
      ),
    );
  }
  return change;
}
