import type { DocumentText } from './read.js';
import type { MarkdownDocument, MarkdownParser } from '../parse/markdown.js';

/**
 * The project's Markdown trees. A document whose model came from an analysis (another thread, a
 * cache) has no tree until a rule asks for one; it is then parsed from the text already read.
 */
export class DocumentTrees extends Map<string, MarkdownDocument> {
  readonly #texts: ReadonlyMap<string, DocumentText>;
  readonly #parser: MarkdownParser | undefined;

  constructor(texts: ReadonlyMap<string, DocumentText>, parser: MarkdownParser | undefined) {
    super();
    this.#texts = texts;
    this.#parser = parser;
  }

  override get(file: string): MarkdownDocument | undefined {
    const tree = super.get(file);
    if (tree || !this.#parser || !file.toLowerCase().endsWith('.md')) return tree;
    const text = this.#texts.get(file);
    if (!text) return undefined;
    // Its parse problems were reported by the analysis the model came from.
    const { document } = this.#parser.parse(file, text.text);
    super.set(file, document);
    return document;
  }
}
