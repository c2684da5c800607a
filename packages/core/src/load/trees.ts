import type { MarkdownDocument, MarkdownParser } from '../parse/markdown.js';
import { LoadingMap } from './loading-map.js';
import type { DocumentText } from './read.js';

/**
 * The project's Markdown trees. A document whose model came from an analysis (another thread, a
 * cache) has no tree until a rule asks for one; it is then parsed from its text. Its parse problems
 * were reported by the analysis the model came from.
 */
export class DocumentTrees extends LoadingMap<MarkdownDocument> {
  constructor(texts: ReadonlyMap<string, DocumentText>, parser: MarkdownParser | undefined) {
    super((file) => {
      const text = parser && file.toLowerCase().endsWith('.md') ? texts.get(file) : undefined;
      return text && parser!.parse(file, text.text).document;
    });
  }
}
