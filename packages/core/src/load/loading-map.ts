/** A map whose missing entries are loaded on the first `get`, and kept: nothing is read or parsed before something asks. */
export class LoadingMap<V> extends Map<string, V> {
  readonly #load: (key: string) => V | undefined;

  constructor(load: (key: string) => V | undefined) {
    super();
    this.#load = load;
  }

  override get(key: string): V | undefined {
    const held = super.get(key);
    if (held !== undefined) return held;
    const loaded = this.#load(key);
    if (loaded !== undefined) super.set(key, loaded);
    return loaded;
  }

  /** The entry if it is loaded already, without loading it. */
  peek(key: string): V | undefined {
    return super.get(key);
  }
}
