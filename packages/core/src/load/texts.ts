import { readDocumentSync, type DocumentText } from './read.js';

/**
 * The documents' texts. A document a cache recognised by its size and modification time is not read
 * up front; its text is read the first time something asks for it (a rule quoting a line, a result
 * that carries its source), which on a warm run is rarely.
 */
export class DocumentTexts extends Map<string, DocumentText> {
  readonly #deferred = new Map<string, string>();

  /** Registers a document to read on first use. */
  defer(file: string, absolutePath: string): void {
    this.#deferred.set(file, absolutePath);
  }

  override has(file: string): boolean {
    return super.has(file) || this.#deferred.has(file);
  }

  override get(file: string): DocumentText | undefined {
    const text = super.get(file);
    const absolutePath = this.#deferred.get(file);
    if (text || absolutePath === undefined) return text;
    this.#deferred.delete(file);
    const outcome = readDocumentSync(absolutePath, file);
    if (!outcome.ok) return undefined;
    super.set(file, outcome.value);
    return outcome.value;
  }
}
