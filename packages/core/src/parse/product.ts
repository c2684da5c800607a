import type { Heading, List, ListItem, Nodes, Root, RootContent, Table, TableCell } from 'mdast';
import type { Diagnostic, Located, ParseResult, Product, ProductFeature, ProductTable, SourcePosition, StateMark } from '../model/types.js';
import { diagnostic, positionOf } from '../model/positions.js';
import { clip, docsUrl } from '../text/messages.js';
import type { MarkdownDocument } from './markdown.js';
import {
  FEATURE_ID,
  coreTitle,
  isFeaturesHeading,
  isGroupId,
  isNonFeatureSection,
  isStrongId,
  labelLine,
  labelOf,
  parseName,
  parseTitle,
  skipSeparator,
  type ParsedTitle,
  type PartKind,
} from './product-ids.js';
import { cleanReason, emptyParts, readItemFirstParagraph, readParts, type FeatureParts, type PartsContext } from './product-parts.js';
import { dependencyReferences, rawLines, splice, stripInline } from './product-text.js';
import { leadingStateWord, type StateWordMatch } from '../text/state-words.js';
import { plainText, slugify } from '../text/plain-text.js';

/**
 * docs/PRODUCT.md: what each feature is. Features are read from headings (`## F-001: Tags`), from
 * list items and table rows under a features heading, and from runs of sections that carry acceptance
 * criteria. docs/formats/product.md describes every form and how feature sections are told apart.
 */

const RULE = 'govern/parse-product';

type Role = 'features' | 'candidate' | 'label' | 'other';

interface HeadingSection {
  node: Heading;
  /** Index of the heading among the root's children. */
  index: number;
  /** End of the heading's section (exclusive): the next heading of the same or a higher level. */
  end: number;
  /** End of the text directly under the heading: the next heading of any level. */
  bodyEnd: number;
  depth: number;
  text: string;
  parsed: ParsedTitle;
  parent?: HeadingSection;
  children: HeadingSection[];
  role: Role;
  /** The part the heading names, when it is a label heading (`#### Acceptance Criteria`). */
  label?: PartKind;
  nonFeature: boolean;
  /** Labels written directly under the heading (not under its sub-headings). */
  bodyLabels: Set<PartKind>;
  /** Labels anywhere in the section, sub-headings included. */
  sectionLabels: Set<PartKind>;
  /** A candidate that holds features (sub-headings, named items, table rows) rather than being one. */
  group: boolean;
}

/** A feature as found, before features met in several places are merged. */
interface Found {
  feature: ProductFeature;
  source: 'heading' | 'item' | 'row';
}

interface Reader {
  doc: MarkdownDocument;
  children: RootContent[];
  diagnostics: Diagnostic[];
  found: Found[];
  /** Root children already read as feature lists or tables. */
  consumed: Set<number>;
}

export function parseProduct(doc: MarkdownDocument): ParseResult<Product> {
  const reader: Reader = { doc, children: doc.tree.children, diagnostics: [], found: [], consumed: new Set() };
  const sections = buildSections(reader);
  classify(reader, sections);
  for (const section of sections.all) readHeading(reader, section);
  readLooseTables(reader, sections);
  const features = merge(reader);
  if (features.length === 0) reportNothingFound(reader, sections);
  return { value: { file: doc.file, features, tables: tablesOf(doc.tree) }, diagnostics: reader.diagnostics };
}

// ---------------------------------------------------------------- the heading tree

function buildSections(reader: Reader): { roots: HeadingSection[]; all: HeadingSection[] } {
  const roots: HeadingSection[] = [];
  const all: HeadingSection[] = [];
  const open: HeadingSection[] = [];
  const { children } = reader;
  for (let i = 0; i < children.length; i++) {
    const node = children[i]!;
    if (node.type !== 'heading') continue;
    const previous = all[all.length - 1];
    if (previous) previous.bodyEnd = i;
    while (open.length > 0 && open[open.length - 1]!.depth >= node.depth) open.pop()!.end = i;
    const text = plainText(node);
    const parent = open[open.length - 1];
    const section: HeadingSection = {
      node,
      index: i,
      end: children.length,
      bodyEnd: children.length,
      depth: node.depth,
      text,
      parsed: parseTitle(text),
      children: [],
      role: 'other',
      nonFeature: isNonFeatureSection(text),
      bodyLabels: new Set(),
      sectionLabels: new Set(),
      group: false,
    };
    const label = labelOf(text);
    if (label) section.label = label;
    if (parent) {
      section.parent = parent;
      parent.children.push(section);
    } else {
      roots.push(section);
    }
    all.push(section);
    open.push(section);
  }
  // Labels under each heading, for telling features from other sections.
  for (const section of all) {
    for (let i = section.index + 1; i < section.end; i++) {
      const node = children[i]!;
      const into = i < section.bodyEnd ? [section.bodyLabels, section.sectionLabels] : [section.sectionLabels];
      if (node.type === 'heading') {
        const label = labelOf(plainText(node));
        if (label) for (const set of into) set.add(label);
        continue;
      }
      for (const label of labelsIn(reader, node, 0)) for (const set of into) set.add(label);
    }
  }
  return { roots, all };
}

function labelsIn(reader: Reader, node: RootContent, depth: number): PartKind[] {
  const found: PartKind[] = [];
  if (node.type === 'paragraph') {
    for (const line of rawLines(reader.doc.text, node)) {
      const label = labelLine(line.text);
      if (label) found.push(label.kind);
    }
  } else if (node.type === 'list') {
    for (const item of node.children) {
      const first = item.children[0];
      if (first?.type !== 'paragraph') continue;
      const line = rawLines(reader.doc.text, first)[0];
      const label = line ? labelLine(line.text.replace(/^\s*\[[ xX~/-]\]\s*/, '')) : undefined;
      if (label) found.push(label.kind);
    }
  } else if (node.type === 'blockquote' && depth < 4) {
    for (const child of node.children) for (const item of labelsIn(reader, child, depth + 1)) found.push(item);
  } else if (node.type === 'table') {
    for (const row of node.children) {
      const key = row.children[0];
      const label = key ? labelOf(plainText(key)) : undefined;
      if (label) found.push(label);
    }
  }
  return found;
}

/** Parts that only a feature has; a definition or status alone is common in any section. */
const FEATURE_PARTS: readonly PartKind[] = ['acceptance', 'boundary', 'dependencies'];

function isStrong(section: HeadingSection): boolean {
  const { parsed } = section;
  if (parsed.kind !== 'explicit') return false;
  return parsed.featureWord === true || (parsed.id !== undefined && isStrongId(parsed.id));
}

/** A heading whose plain sub-headings may be features of its own: a features heading, or a group-like candidate. */
function opensToPlainChildren(section: HeadingSection): boolean {
  if (section.role === 'features') return true;
  if (section.role !== 'candidate') return false;
  if (isStrong(section) && !(section.parsed.id && isGroupId(section.parsed.id))) return false;
  return !hasOwnParts(section);
}

function hasOwnParts(section: HeadingSection): boolean {
  return section.bodyLabels.size > 0 || section.children.some((child) => child.label !== undefined);
}

function classify(reader: Reader, sections: { roots: HeadingSection[] }): void {
  classifyLevel(reader, undefined, sections.roots, false);
}

function classifyLevel(reader: Reader, parent: HeadingSection | undefined, level: HeadingSection[], excluded: boolean): void {
  const parentOpen = parent !== undefined && opensToPlainChildren(parent);
  for (const section of level) {
    if (section.parsed.kind !== 'explicit' && isFeaturesHeading(section.text) && !excluded) {
      section.role = 'features';
    } else if (section.label !== undefined && parent?.role === 'candidate') {
      section.role = 'label';
    } else if (isStrong(section) && !excluded) {
      section.role = 'candidate';
    } else if (parentOpen && !section.nonFeature && section.label === undefined && !excluded) {
      section.role = 'candidate';
    }
  }
  // A run of sibling sections that each carry feature parts is a list of features, wherever it stands.
  if (!excluded && (parent === undefined || parent.role === 'other' || parent.role === 'features')) {
    const run = level.filter(
      (section) =>
        section.role === 'other' &&
        !section.nonFeature &&
        section.label === undefined &&
        FEATURE_PARTS.some((kind) => section.sectionLabels.has(kind)),
    );
    if (run.length >= 2) for (const section of run) section.role = 'candidate';
  }
  for (const section of level) {
    classifyLevel(reader, section, section.children, excluded || section.nonFeature || section.role === 'label');
  }
  for (const section of level) {
    if (section.role !== 'candidate') continue;
    section.group =
      section.children.some((child) => child.role === 'candidate') ||
      (opensToPlainChildren(section) && bodyHasItems(reader, section));
  }
}

/** Whether the text directly under a heading holds a list of named features or a feature table. */
function bodyHasItems(reader: Reader, section: HeadingSection): boolean {
  for (let i = section.index + 1; i < section.bodyEnd; i++) {
    const node = reader.children[i]!;
    if (node.type === 'list' && listItemsOf(reader, node, true).length > 0) return true;
    if (node.type === 'table' && featureTable(node, true)) return true;
  }
  return false;
}

// ---------------------------------------------------------------- features from headings

function partsContext(reader: Reader, name: string): PartsContext {
  return { file: reader.doc.file, source: reader.doc.text, diagnostics: reader.diagnostics, name };
}

function readHeading(reader: Reader, section: HeadingSection): void {
  const { doc } = reader;
  if (section.role === 'features' || (section.role === 'candidate' && section.group)) {
    const group = section.role === 'candidate' ? section : undefined;
    for (let i = section.index + 1; i < section.bodyEnd; i++) {
      const node = reader.children[i]!;
      if (node.type === 'list') {
        const items = listItemsOf(reader, node, group !== undefined);
        if (items.length > 0) reader.consumed.add(i);
        for (const item of items) readListFeature(reader, item, group);
      } else if (node.type === 'table') {
        const columns = featureTable(node, true);
        if (columns) {
          reader.consumed.add(i);
          readTableFeatures(reader, node, columns, group);
        }
      }
    }
    return;
  }
  if (section.role !== 'candidate') return;
  const { parsed } = section;
  const title = parsed.title.length > 0 ? parsed.title : (parsed.id ?? section.text);
  const position = positionOf(section.node, doc.file);
  const feature = newFeature(parsed.id, title, position);
  setGroup(feature, section.parent);
  const parts = readParts(reader.children.slice(section.index + 1, section.end), partsContext(reader, feature.id));
  applyParts(feature, parts);
  if (!feature.status && parsed.state) feature.status = stateFromTitle(parsed.state, section.node, doc.text, doc.file);
  reader.found.push({ feature, source: 'heading' });
}

function setGroup(feature: ProductFeature, parent: HeadingSection | undefined): void {
  if (!parent || parent.role !== 'candidate' || !parent.group) return;
  feature.group = parent.parsed.title.length > 0 ? parent.parsed.title : parent.text;
  if (parent.parsed.id !== undefined) feature.groupId = parent.parsed.id;
}

function newFeature(id: string | undefined, title: string, position: SourcePosition): ProductFeature {
  const derived = slugify(title);
  return {
    id: id ?? (derived.length > 0 ? derived : `feature-${position.line}`),
    idSource: id !== undefined ? 'explicit' : 'derived',
    title,
    acceptanceCriteria: [],
    boundaryConditions: [],
    dependencies: [],
    position,
  };
}

function applyParts(feature: ProductFeature, parts: FeatureParts): void {
  if (parts.definition) feature.definition = parts.definition;
  for (const item of parts.acceptanceCriteria) feature.acceptanceCriteria.push(item);
  for (const item of parts.boundaryConditions) feature.boundaryConditions.push(item);
  for (const item of parts.dependencies) feature.dependencies.push(item);
  if (parts.status) feature.status = parts.status;
}

/** A state written in a title (`### F-001: Tags ✅`), located by finding its words on the title's line. */
function stateFromTitle(match: StateWordMatch, node: Heading | ListItem | TableCell, source: string, file: string): StateMark {
  const position = positionOf(node, file);
  const line = rawLines(source, node)[0];
  const at = line ? line.text.lastIndexOf(match.raw) : -1;
  const mark: StateMark = {
    state: match.state,
    raw: match.raw,
    position: line && at >= 0 ? { file, line: line.line, column: line.column + at } : { file, line: position.line, column: position.column },
  };
  const reason = cleanReason(match.rest);
  if (match.state === 'blocked' && reason.length > 0) mark.reason = reason;
  return mark;
}

// ---------------------------------------------------------------- features from list items

/** A feature's list item: the item, its parsed name, and the raw first line. */
interface ItemName {
  item: ListItem;
  name: NonNullable<ReturnType<typeof parseName>>;
}

/**
 * The items of a list that name features. Under a features heading every item does; under a group
 * only items whose name is bold or carries an id, so a group's prose bullets stay prose.
 */
function listItemsOf(reader: Reader, list: List, markedOnly: boolean): ItemName[] {
  const out: ItemName[] = [];
  for (const item of list.children) {
    const first = item.children[0];
    if (first?.type !== 'paragraph') continue;
    const line = rawLines(reader.doc.text, first)[0];
    if (!line) continue;
    const unchecked = line.text.replace(/^\s*\[[ xX~/-]\]\s*/, '');
    if (labelLine(unchecked)) continue;
    const name = parseName(line.text);
    if (!name || (markedOnly && !name.marked)) continue;
    if (labelOf(name.title) !== undefined && name.id === undefined) continue;
    out.push({ item, name });
  }
  return out;
}

function readListFeature(reader: Reader, { item, name }: ItemName, group: HeadingSection | undefined): void {
  const { doc } = reader;
  const position = positionOf(item, doc.file);
  const feature = newFeature(name.id, name.title, position);
  setGroup(feature, group);
  const first = item.children[0]!;
  const lines = rawLines(doc.text, first);
  const firstLine = lines[0]!;
  const restIndex = skipSeparator(firstLine.text, name.restIndex);
  const definitionLines = [
    { text: firstLine.text.slice(restIndex), line: firstLine.line, column: firstLine.column + restIndex },
    ...lines.slice(1),
  ];
  const context = partsContext(reader, feature.id);
  const parts = emptyParts();
  const current = readItemFirstParagraph(definitionLines, context, parts);
  readParts(item.children.slice(1), context, parts, current);
  applyParts(feature, parts);
  if (!feature.status) {
    if (typeof item.checked === 'boolean') {
      feature.status = { state: item.checked ? 'done' : 'todo', raw: item.checked ? '[x]' : '[ ]', position };
    } else {
      const box = leadingStateWord(firstLine.text);
      if (box && box.raw.startsWith('[')) {
        feature.status = { state: box.state, raw: box.raw, position: { file: doc.file, line: firstLine.line, column: firstLine.column + box.index } };
      } else if (name.state) {
        feature.status = stateFromTitle(name.state, item, doc.text, doc.file);
      }
    }
  }
  reader.found.push({ feature, source: 'item' });
}

// ---------------------------------------------------------------- features from tables

type Column = 'id' | 'title' | 'definition' | 'acceptance' | 'boundary' | 'dependencies' | 'status';

const HEADERS: ReadonlyArray<readonly [Column, RegExp]> = [
  ['id', /^(?:id|#|no\.?|nr\.?|n°|num(?:ber)?|ref|feature id|req(?:uirement)? id|编号|番号)$/],
  ['title', /^(?:feature|features|feature name|name|title|capability|requirement|story|user story|functionality|function|item|epic|fonctionnalité|功能|機能|名称)$/],
  ['definition', /^(?:description|definition|what|summary|details?|behaviou?r(?: notes)?|specific|notes?|descripción|beschreibung|描述|説明)$/],
  ['acceptance', /^(?:acceptance(?: criteria)?|ac|done when|criteria|definition of done|dod|success criteria|验收标准)$/],
  ['boundary', /^(?:boundary(?: conditions)?|boundaries|edge cases|constraints|limits|out of scope|non-goals)$/],
  ['dependencies', /^(?:depends on|dependencies|deps|requires|blocked by|prerequisites?|dépendances|依赖)$/],
  ['status', /^(?:status|state|progress|done\??|statut|estado|状态|状態)$/],
];

function columnOf(cell: TableCell): Column | undefined {
  const text = stripInline(plainText(cell))
    .replace(/^[^\p{L}\p{N}#]+|(?<![^\p{L}\p{N}#?.])[^\p{L}\p{N}#?.]+$/gu, '')
    .toLowerCase();
  for (const [column, pattern] of HEADERS) if (pattern.test(text)) return column;
  return undefined;
}

type Columns = Partial<Record<Column, number>>;

/**
 * The columns of a feature table. Under a features heading or group a Feature/Name column is enough
 * (or an id column with a description); elsewhere most rows must carry a feature id, in an id column
 * or at the start of the Feature column, so that tables of metrics or risks stay tables.
 */
function featureTable(table: Table, inContext: boolean): Columns | undefined {
  const header = table.children[0];
  if (!header) return undefined;
  const columns: Columns = {};
  header.children.forEach((cell, index) => {
    const column = columnOf(cell);
    if (column && columns[column] === undefined) columns[column] = index;
  });
  const hasName = columns.title !== undefined || (columns.id !== undefined && columns.definition !== undefined);
  if (!hasName) return undefined;
  if (inContext) return columns;
  // A column headed "Feature" beside a status or description is a feature table wherever it stands in PRODUCT.md.
  const titleHeader = columns.title === undefined ? '' : stripInline(plainText(header.children[columns.title])).toLowerCase();
  if (/^(?:features?|feature name)$/.test(titleHeader) && (columns.status !== undefined || columns.definition !== undefined)) return columns;
  const rows = table.children.slice(1);
  if (rows.length === 0) return undefined;
  const anchored = new RegExp(`^${FEATURE_ID.source}$`, 'u');
  const leading = new RegExp(`^${FEATURE_ID.source}`, 'u');
  let withId = 0;
  for (const row of rows) {
    const id = columns.id !== undefined ? stripInline(plainText(row.children[columns.id])) : '';
    const title = columns.title !== undefined ? stripInline(plainText(row.children[columns.title])) : '';
    if (anchored.test(id) || (columns.id === undefined && leading.test(title))) withId++;
  }
  return withId * 2 >= rows.length && withId > 0 ? columns : undefined;
}

function readTableFeatures(reader: Reader, table: Table, columns: Columns, group: HeadingSection | undefined): void {
  const { doc } = reader;
  for (const row of table.children.slice(1)) {
    const cell = (column: Column): TableCell | undefined => (columns[column] === undefined ? undefined : row.children[columns[column]!]);
    const idCell = cell('id');
    const titleCell = cell('title') ?? cell('definition');
    let id = idCell ? stripInline(plainText(idCell)) : '';
    let title = titleCell ? stripInline(plainText(titleCell)) : '';
    let titleState: StateWordMatch | undefined;
    if (title.length > 0) {
      const name = parseName(title);
      if (name) {
        if (id.length === 0 && name.id !== undefined) id = name.id;
        title = name.title;
        titleState = name.state;
      }
    }
    if (id.length === 0 && title.length === 0) continue;
    const position = positionOf(row, doc.file);
    const feature = newFeature(id.length > 0 ? id : undefined, title.length > 0 ? title : id, position);
    setGroup(feature, group);
    const definitionCell = cell('definition');
    if (definitionCell && definitionCell !== titleCell) {
      const value = plainText(definitionCell);
      if (value.length > 0) feature.definition = { value, position: positionOf(definitionCell, doc.file) };
    }
    const acceptance = cell('acceptance');
    if (acceptance) for (const item of cellSegments(acceptance, doc.file)) feature.acceptanceCriteria.push(item);
    const boundary = cell('boundary');
    if (boundary) for (const item of cellSegments(boundary, doc.file)) feature.boundaryConditions.push(item);
    const dependencies = cell('dependencies');
    if (dependencies) {
      for (const segment of cellSegments(dependencies, doc.file)) {
        const spliced = splice([{ text: segment.value, line: segment.position.line, column: segment.position.column }]);
        for (const item of dependencyReferences(spliced, 0, FEATURE_ID, doc.file)) feature.dependencies.push(item);
      }
    }
    const status = cell('status');
    if (status) {
      const text = plainText(status);
      const match = leadingStateWord(text, { loose: true });
      if (match) {
        const mark: StateMark = { state: match.state, raw: match.raw, position: positionOf(status, doc.file) };
        if (match.state === 'blocked' && cleanReason(match.rest).length > 0) mark.reason = cleanReason(match.rest);
        feature.status = mark;
      } else if (text.length > 0) {
        reader.diagnostics.push(
          diagnostic(RULE, 'info', `The status of feature ${feature.id} ("${clip(text, 60)}") is not a state govern knows; write Done, In progress, Blocked, Todo or Cancelled (or ✅ 🚧 ⛔ ⬜).`, positionOf(status, doc.file)),
        );
      }
    }
    if (!feature.status && titleState && titleCell) feature.status = stateFromTitle(titleState, titleCell, doc.text, doc.file);
    reader.found.push({ feature, source: 'row' });
  }
}

/** A cell's text split at `<br>`: one entry per line the author wrote in the cell. */
function cellSegments(cell: TableCell, file: string): Located<string>[] {
  const out: Located<string>[] = [];
  let current: TableCell['children'] = [];
  const flush = (): void => {
    const value = plainText(current);
    if (value.length > 0) out.push({ value, position: positionOf(current[0], file) });
    current = [];
  };
  for (const child of cell.children) {
    if (child.type === 'html' && /^<br\s*\/?>$/i.test(child.value.trim())) flush();
    else current.push(child);
  }
  flush();
  return out;
}

/** Tables outside any features heading whose rows are mostly feature ids: `| F-001 Tags | ✅ |`. */
function readLooseTables(reader: Reader, sections: { all: HeadingSection[] }): void {
  const owner: Array<HeadingSection | undefined> = new Array(reader.children.length);
  for (const section of sections.all) for (let i = section.index + 1; i < section.end; i++) owner[i] = section;
  reader.children.forEach((node, index) => {
    if (node.type !== 'table' || reader.consumed.has(index)) return;
    // Inside a feature's own section a table is a part of that feature, not a list of features.
    for (let section = owner[index]; section; section = section.parent) {
      if (section.nonFeature || section.role === 'label' || (section.role === 'candidate' && !section.group)) return;
    }
    const columns = featureTable(node, false);
    if (columns) readTableFeatures(reader, node, columns, undefined);
  });
}

// ---------------------------------------------------------------- merging and reporting

const SOURCE_RANK: Record<Found['source'], number> = { heading: 0, item: 1, row: 2 };

/**
 * One feature per id. A status table and a heading naming the same id are one feature told twice:
 * they merge, the heading leading. Two headings (or two items, or two rows) with one id are a mistake.
 */
function merge(reader: Reader): ProductFeature[] {
  const byId = new Map<string, Found>();
  const out: Found[] = [];
  const ordered = [...reader.found].sort((a, b) => SOURCE_RANK[a.source] - SOURCE_RANK[b.source] || compare(a.feature.position, b.feature.position));
  for (const found of ordered) {
    const existing = byId.get(found.feature.id);
    if (!existing) {
      byId.set(found.feature.id, found);
      out.push(found);
      continue;
    }
    if (existing.source !== found.source) {
      fill(existing.feature, found.feature);
      continue;
    }
    const first = existing.feature.position;
    reader.diagnostics.push(
      diagnostic(
        RULE,
        'warning',
        `Feature id ${found.feature.id} is used again (first at line ${first.line}); give each feature its own id so references to it are unambiguous.`,
        found.feature.position,
      ),
    );
    out.push(found);
  }
  return out.map((found) => found.feature).sort((a, b) => compare(a.position, b.position));
}

function fill(into: ProductFeature, from: ProductFeature): void {
  if (!into.definition && from.definition) into.definition = from.definition;
  if (!into.status && from.status) into.status = from.status;
  if (into.acceptanceCriteria.length === 0) for (const item of from.acceptanceCriteria) into.acceptanceCriteria.push(item);
  if (into.boundaryConditions.length === 0) for (const item of from.boundaryConditions) into.boundaryConditions.push(item);
  if (into.dependencies.length === 0) for (const item of from.dependencies) into.dependencies.push(item);
}

function compare(a: SourcePosition, b: SourcePosition): number {
  return a.line - b.line || a.column - b.column;
}

/** A product document with text but no recognisable feature gets one note saying how to declare features. */
function reportNothingFound(reader: Reader, sections: { all: HeadingSection[] }): void {
  const hasText = reader.children.some((node) => node.type !== 'yaml' && node.type !== 'html' && node.type !== 'definition');
  if (!hasText) return;
  const features = sections.all.find((section) => section.role === 'features');
  const position = features ? positionOf(features.node, reader.doc.file) : { file: reader.doc.file, line: 1, column: 1 };
  const where = features ? `under "${coreTitle(features.text)}" ` : '';
  reader.diagnostics.push(
    diagnostic(
      RULE,
      'info',
      `No features were recognised ${where}in this product document. Declare each feature as a heading under "## Features" (\`### F-001: Title\`), a list item (\`- **Title**: definition\`) or a table row with ID and Feature columns; see ${docsUrl('formats/product.md')}.`,
      position,
    ),
  );
}

/** Every table with its header cells. Iterative: lists can nest thousands of levels deep. */
function tablesOf(tree: Root): ProductTable[] {
  const tables: ProductTable[] = [];
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'table') {
      if (node.position) {
        const headers = (node.children[0]?.children ?? []).map((cell) => plainText(cell));
        tables.push({ startLine: node.position.start.line, endLine: node.position.end.line, headers });
      }
    } else if ('children' in node) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
    }
  }
  return tables;
}
