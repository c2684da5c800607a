import type { Heading, Node, Paragraph } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Diagnostic, Located, NumberedRequirement, ParseResult, SourcePosition, SpecDocument, UserStory } from '../model/types.js';
import { diagnostic, positionOf } from '../model/positions.js';
import type { MarkdownDocument } from './markdown.js';
import { labeledLines } from './labeled-lines.js';
import { parseScopeBlock } from './scope-block.js';
import { eachNode, lineStarts } from './source-text.js';
import { findClarifications } from './clarifications.js';
import { plainText } from '../text/plain-text.js';
import { asciiFirst } from '../text/ascii.js';

/**
 * A feature spec: Spec Kit's `specs/NNN-name/spec.md` or a single-file `.agent/specs/<slug>.md`.
 * See docs/formats/specs.md for every form recognised here.
 */

const RULE = 'govern/parse-spec';

/** `Feature Specification: Tags`, `Spec: Tags`, `Specification — Tags`, OpenSpec's `Change: Tags`, `Proposal: Tags`, Conductor's `Track Specification: Tags`. */
const TITLE_PREFIX = /^(?:(?:(?:feature|track)\s+)?spec(?:ification)?|track|change(?:\s+proposal)?|proposal|requirements(?:\s+document)?|功能规格|功能規格|機能仕様(?:書)?)\s*[:：—–-]\s*/i;
/**
 * Titles that name the kind of document, not the feature: Kiro's `# Requirements Document`, `# Bugfix
 * Requirements`; the folder's name is the better title then.
 */
const GENERIC_TITLE = /^(?:(?:bugfix\s+)?requirements?(?:\s+document)?|bugfix(?:\s+document)?|proposal|change\s+proposal|design(?:\s+document)?|需求文档|需求文件|需求規格|需求文檔|要件定義書?|要求仕様書?|요구사항(?:\s*문서)?)$/iu;

/** `User Story 1 - Title`, `Story 2: Title`, `User Story 3 — Title`. */
const STORY_NUMBERED = /^(?:user\s+)?story\s+(\d+)\s*(?:[-–—:：.]\s*|(?<=\s)(?=\S))(\S.*|)$/i;
/** `US1: Title`, `US-003 — Title`, `US2 - Title`. */
const STORY_ID = /^(US-?\d+)\s*[-–—:：.]\s*(\S.*|)$/i;
/** A parenthesised priority: `(Priority: P1)`, `(P1)`, `(P1 MVP)`, `(High)`, `(priority: high)`. */
const PRIORITY_GROUP = /\(\s*(?:priority\s*[:：]\s*)?(P\d+|high|medium|low|critical|must|should|could)\b[^()]*\)/i;
/** One character of the emoji, marks and separators that trail a heading (`🎯 MVP` keeps its word; a lone `✅` goes). */
const markChar = asciiFirst(String.raw`^[\s\p{Extended_Pictographic}\uFE0F\u200D✓✔:\-–—]$`, 'u');

/** Trims trailing marks a code point at a time: an end-anchored regex would rescan long runs of emoji. */
function trimTrailingMarks(text: string): string {
  let end = text.length;
  while (end > 0) {
    const low = text.charCodeAt(end - 1);
    const width = low >= 0xdc00 && low <= 0xdfff && end >= 2 ? 2 : 1;
    const ch = text.slice(end - width, end);
    if (!markChar(ch).test(ch)) break;
    end -= width;
  }
  return text.slice(0, end);
}

/** `Status` and its usual translations in spec headers. */
const STATUS_LABELS = 'status|状态|狀態|ステータス|상태';
/** A section titled by the status (`## Status`), or holding it (`## Status: Done`). */
const STATUS_HEADING = new RegExp(`^(?:${STATUS_LABELS})(?:\\s*[:：]\\s*(\\S.{0,80}))?$`, 'iu');
/** A status is a word or a few (`Ready for Review`); a longer first line under `## Status` is prose about it. */
const STATUS_VALUE_LIMIT = 60;
/** Labels naming the feature a spec is for; Spec Kit's `Feature Branch` is another label. */
const FEATURE_LABELS = 'feature|feature id';


function frontmatterKeyPosition(doc: MarkdownDocument, key: string): SourcePosition {
  const node = doc.frontmatterNode;
  const base = positionOf(node, doc.file);
  if (!node) return base;
  const lines = node.value.split(/\r\n|\r|\n/);
  const pattern = new RegExp(`^\\s*["']?${key}["']?\\s*:`, 'i');
  const index = lines.findIndex((line) => pattern.test(line));
  // The fence `---` is the node's first line; its content starts on the next.
  return { file: doc.file, line: base.line + 1 + Math.max(index, 0), column: 1 };
}

function frontmatterString(doc: MarkdownDocument, key: string, diagnostics: Diagnostic[]): Located<string> | undefined {
  const data = doc.frontmatter;
  if (!data) return undefined;
  const entry = Object.entries(data).find(([k]) => k.toLowerCase() === key);
  if (!entry) return undefined;
  const [name, value] = entry;
  const position = frontmatterKeyPosition(doc, name);
  if (typeof value === 'string' && value.trim() !== '') return { value: value.trim(), position };
  if (typeof value === 'number' || typeof value === 'boolean') return { value: String(value), position };
  if (value === null || value === undefined || value === '') return undefined;
  diagnostics.push(
    diagnostic(RULE, 'warning', `Front matter \`${name}\` is not a single value; write it as text (e.g. \`${name}: Draft\`).`, position),
  );
  return undefined;
}

function storyFromHeading(heading: Heading, file: string): UserStory | undefined {
  const text = plainText(heading);
  let id: string | undefined;
  let rest: string;
  const numbered = STORY_NUMBERED.exec(text);
  const byId = numbered ? undefined : STORY_ID.exec(text);
  if (numbered) {
    id = `US${numbered[1]}`;
    rest = numbered[2]!;
  } else if (byId) {
    id = byId[1]!.toUpperCase();
    rest = byId[2]!;
  } else {
    return undefined;
  }
  let priority: string | undefined;
  const group = PRIORITY_GROUP.exec(rest);
  if (group) {
    priority = /^p\d+$/i.test(group[1]!) ? group[1]!.toUpperCase() : group[1]!;
    rest = rest.slice(0, group.index);
  }
  const title = trimTrailingMarks(rest).trim();
  const story: UserStory = { id, title, position: positionOf(heading, file) };
  if (priority !== undefined) story.priority = priority;
  return story;
}

function titleFromHeading(heading: Heading, file: string): Located<string> | undefined {
  const value = plainText(heading).replace(TITLE_PREFIX, '').trim();
  if (value === '' || GENERIC_TITLE.test(value)) return undefined;
  return { value, position: positionOf(heading, file) };
}

/** A label that introduces what the work waits for: `Dependencies:`, `Depends on`, `REQUIRES`, `Prerequisites`. */
const DEPENDENCY_LABEL = /^(?:dependencies|dependency|depends\s+on|requires|required|prerequisites?|blocked\s+by|depende\s+de|dependencias)\s*[:：]?$/i;
/** The same label inside running text, ending in a colon: `Depends on: `. */
const DEPENDENCY_IN_TEXT = /(?:^|[\s(])(?:dependencies|depends\s+on|requires|prerequisites?|blocked\s+by)\s*[:：]/i;
/** How a change or spec id is written: lower-case words joined by hyphens (`add-foundation-architecture`). */
const WORK_ID = /^[a-z0-9]+(?:-[a-z0-9]+)+$/;

/**
 * The work a spec says it waits for: ids in code spans after a dependency label in a paragraph (up to the
 * next bold label: `**Dependencies:** \`a\` **Blocks:** \`b\``), and the leading code span of each item in a
 * Dependencies section. Prose (`A short-link service`, library names) is not an id and is left alone.
 */
function readDependencies(doc: MarkdownDocument): Located<string>[] {
  const found: Located<string>[] = [];
  const add = (node: Node): void => {
    const value = (node as { value?: string }).value?.trim() ?? '';
    if (WORK_ID.test(value) && !found.some((d) => d.value === value)) found.push({ value, position: positionOf(node, doc.file) });
  };
  let sectionDepth: number | undefined;
  eachNode(doc.tree, (node: Node) => {
    if (node.type === 'code' || node.type === 'html' || node.type === 'yaml' || node.type === 'table') return true;
    if (node.type === 'heading') {
      const heading = node as Heading;
      if (sectionDepth !== undefined && heading.depth <= sectionDepth) sectionDepth = undefined;
      if (DEPENDENCY_LABEL.test(plainText(heading).trim())) sectionDepth = heading.depth;
      return true;
    }
    if (node.type !== 'paragraph') return false;
    const children = (node as Paragraph).children;
    if (sectionDepth !== undefined) {
      const first = children.find((child) => !(child.type === 'text' && child.value.trim() === ''));
      if (first?.type === 'inlineCode') add(first);
    }
    let active = false;
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      if (child.type === 'strong' || child.type === 'emphasis') {
        const label = plainText(child).trim();
        const next = children[i + 1];
        const colonAfter = next?.type === 'text' && /^\s*[:：]/.test(next.value);
        if (DEPENDENCY_LABEL.test(label)) active = true;
        else if (/[:：]$/.test(label) || colonAfter) active = false;
      } else if (child.type === 'text') {
        if (DEPENDENCY_IN_TEXT.test(child.value)) active = true;
      } else if (child.type === 'inlineCode' && active) {
        add(child);
      }
    }
    return true;
  });
  return found;
}

/** `Requirement 2`, `Requirement 2: Title`, `需求 2`, `要件 2`, `요구사항 2`: a numbered requirement's heading. */
const REQUIREMENT_HEADING = /^(?:requirement|req|需求|要件|要求|요구사항)(?:\s*[-#])?\s*(\d{1,4})(?!\d|\.\d)/iu;
/** The heading of a requirement's criteria: `Acceptance Criteria`, `验收标准`, `受け入れ基準`. */
const CRITERIA_HEADING = /acceptance|criteria|验收|驗收|受け入れ|受入|수용|인수/iu;

/** A line that opens with a criterion's own number, `2.3 When …`: its requirement and its place. */
const CRITERION_LINE = /^\s*(\d{1,4})\.(\d{1,4})(?=[\s.:)）])/u;

/**
 * Criteria written as lines of one paragraph, each opening with its number (`1.1 The service shall …`,
 * `1.2 When …`), as some Kiro-style generators write them: the highest criterion number that belongs to
 * requirement `requirement`, so that criterion M is still the M-th.
 */
function numberedLines(text: string, requirement: string): number {
  let highest = 0;
  for (const line of text.split(/\r\n?|\n/u)) {
    const match = CRITERION_LINE.exec(line);
    if (match && match[1]!.replace(/^0+(?=\d)/, '') === requirement) highest = Math.max(highest, Number(match[2]));
  }
  return highest;
}

/**
 * A requirements document's numbered requirements and how many acceptance criteria each lists: the
 * items of the lists (or numbered lines) under its criteria heading, or else of its numbered lists.
 */
function readRequirements(doc: MarkdownDocument): NumberedRequirement[] {
  const found: Array<NumberedRequirement & { depth: number; underCriteria: number; numbered: number; ordered: number; criteriaDepth?: number }> = [];
  let current: (typeof found)[number] | undefined;
  for (const node of doc.tree.children) {
    if (node.type === 'heading') {
      const text = plainText(node).trim();
      const match = REQUIREMENT_HEADING.exec(text);
      if (match) {
        current = { number: match[1]!.replace(/^0+(?=\d)/, ''), criteria: 0, position: positionOf(node, doc.file), depth: node.depth, underCriteria: 0, numbered: 0, ordered: 0 };
        found.push(current);
        continue;
      }
      if (!current) continue;
      if (node.depth <= current.depth) current = undefined;
      else if (CRITERIA_HEADING.test(text)) current.criteriaDepth = node.depth;
      else if (current.criteriaDepth !== undefined && node.depth <= current.criteriaDepth) current.criteriaDepth = undefined;
      continue;
    }
    if (!current) continue;
    if (node.type === 'paragraph' && current.criteriaDepth !== undefined) current.numbered = Math.max(current.numbered, numberedLines(toString(node), current.number));
    if (node.type !== 'list') continue;
    if (current.criteriaDepth !== undefined) current.underCriteria += node.children.length;
    else if (node.ordered) current.ordered += node.children.length;
  }
  return found.map(({ number, underCriteria, numbered, ordered, position }) => ({ number, criteria: Math.max(underCriteria, numbered) || ordered, position }));
}

/** Parses a spec document: title, status, user stories, `[NEEDS CLARIFICATION]` markers and the scope block. */
export function parseSpecDocument(doc: MarkdownDocument): ParseResult<SpecDocument> {
  const file = doc.file;
  const diagnostics: Diagnostic[] = [];
  const starts = lineStarts(doc.text);
  const value: SpecDocument = { file, userStories: [], clarifications: [] };

  let firstH1: Heading | undefined;
  let bodyStatus: Located<string> | undefined;
  let storyAwaitingPriority: UserStory | undefined;
  let storyDepth = 0;
  /** Before the first section heading: where a single-file spec's metadata lines are. */
  let inHeader = true;
  /** Right after a `## Status` heading, whose first line of text is the status (BMAD's stories write it so). */
  let statusSection = false;

  eachNode(doc.tree, (node: Node) => {
    const afterStatusHeading = statusSection;
    statusSection = false;
    switch (node.type) {
      case 'code':
      case 'html':
      case 'yaml':
      case 'table':
        return true;
      case 'heading': {
        const heading = node as Heading;
        if (!bodyStatus && heading.depth > 1) {
          // `## Status` over its value, or `## Status: Done` in the heading itself.
          const named = STATUS_HEADING.exec(plainText(heading).trim());
          if (named && named[1] !== undefined) bodyStatus = { value: named[1], position: positionOf(heading, file) };
          else statusSection = named !== null;
        }
        if (heading.depth === 1) {
          firstH1 ??= heading;
          storyAwaitingPriority = undefined;
          return true;
        }
        inHeader = false;
        const story = storyFromHeading(heading, file);
        if (story) {
          value.userStories.push(story);
          storyAwaitingPriority = story.priority === undefined ? story : undefined;
          storyDepth = heading.depth;
        } else if (heading.depth <= storyDepth) {
          // A `**Priority**: P2` line belongs to the story only until its section ends.
          storyAwaitingPriority = undefined;
        }
        return true;
      }
      case 'paragraph': {
        const paragraph = node as Paragraph;
        if (inHeader && !value.feature) {
          const line = labeledLines(doc.text, starts, paragraph, FEATURE_LABELS, file)[0];
          if (line && line.value !== '') value.feature = { value: line.value, position: line.position };
        }
        if (!bodyStatus && afterStatusHeading) {
          const first = toString(paragraph).split(/\r\n|\r|\n/u)[0]!.trim();
          if (first !== '' && first.length <= STATUS_VALUE_LIMIT) bodyStatus = { value: first, position: positionOf(paragraph, file) };
        }
        if (!bodyStatus) {
          for (const line of labeledLines(doc.text, starts, paragraph, STATUS_LABELS, file)) {
            if (line.value === '') {
              diagnostics.push(diagnostic(RULE, 'info', 'The Status line has no value; write one (e.g. `**Status**: Draft`).', line.position));
              continue;
            }
            bodyStatus = { value: line.value, position: line.position };
            break;
          }
        }
        if (storyAwaitingPriority) {
          const line = labeledLines(doc.text, starts, paragraph, 'priority', file)[0];
          if (line && line.value !== '') {
            const word = /^(P\d+|high|medium|low|critical)\b/i.exec(line.value)?.[1];
            storyAwaitingPriority.priority = word ? (/^p\d+$/i.test(word) ? word.toUpperCase() : word) : line.value;
            storyAwaitingPriority = undefined;
          }
        }
        return true;
      }
      default:
        return false;
    }
  });

  const frontTitle = frontmatterString(doc, 'title', diagnostics);
  const title = firstH1 ? titleFromHeading(firstH1, file) : undefined;
  if (title) value.title = title;
  else if (frontTitle) value.title = frontTitle;

  const frontStatus = frontmatterString(doc, 'status', diagnostics);
  if (frontStatus) value.status = frontStatus;
  else if (bodyStatus) value.status = bodyStatus;

  const clarifications = findClarifications(doc, starts);
  value.clarifications = clarifications.open;
  if (clarifications.claimedNoneAt) value.clarificationsClaimedNone = clarifications.claimedNoneAt;

  const scope = parseScopeBlock(doc.tree, file);
  if (scope) value.scope = scope;

  const dependencies = readDependencies(doc);
  if (dependencies.length > 0) value.dependencies = dependencies;

  const requirements = readRequirements(doc);
  if (requirements.length > 0) value.requirements = requirements;

  return { value, diagnostics };
}
