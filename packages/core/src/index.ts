export type * from './model/types.js';
export type * from './model/project.js';
export type * from './load/config-types.js';
export { positionOf, diagnostic } from './model/positions.js';
export { parseMarkdown, loadMarkdownParser, type MarkdownDocument, type MarkdownParser } from './parse/markdown.js';
export { plainText, slugify } from './parse/text.js';
export { decodeDocument, readDocument, type DocumentText, type LineEnding } from './load/read.js';
