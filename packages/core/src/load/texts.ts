import { LoadingMap } from './loading-map.js';
import { readDocumentSync, type DocumentText } from './read.js';

/**
 * The documents' texts. A document a cache recognised by its size and modification time is not read
 * up front; its text is read the first time something asks for it (a rule quoting a line, a result
 * that carries its source), which on a warm run is rarely.
 */
export class DocumentTexts extends LoadingMap<DocumentText> {
  readonly #deferred: Map<string, string>;
  #reads: Set<string> | undefined;

  constructor() {
    const deferred = new Map<string, string>();
    super((file) => {
      const absolutePath = deferred.get(file);
      if (absolutePath === undefined) return undefined;
      deferred.delete(file);
      const outcome = readDocumentSync(absolutePath, file);
      return outcome.ok ? outcome.value : undefined;
    });
    this.#deferred = deferred;
  }

  /** Notes in `reads` each document whose text is asked for from now on; `undefined` stops. */
  watch(reads: Set<string> | undefined): void {
    this.#reads = reads;
  }

  override get(file: string): DocumentText | undefined {
    this.#reads?.add(file);
    return super.get(file);
  }

  /** Registers a document to read on first use. */
  defer(file: string, absolutePath: string): void {
    this.#deferred.set(file, absolutePath);
  }

  override has(file: string): boolean {
    return super.has(file) || this.#deferred.has(file);
  }
}
