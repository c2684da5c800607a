/**
 * A regular expression with Unicode property classes (`\p{L}`, `\p{N}`) costs about a millisecond to
 * compile, and a run of `govern check` compiles dozens of them once each: a large share of a small
 * repository's run. On text that is all ASCII such a class means exactly its ASCII members, so an ASCII
 * twin of the pattern, compiled at a fraction of the cost, gives the same matches there; the Unicode
 * original is compiled only when some text needs it.
 */

const NON_ASCII = /[^\x00-\x7f]/;

/** The ASCII members of the property classes the twins understand; `''` for classes with none. */
const ASCII_MEMBERS: Readonly<Record<string, string>> = {
  L: 'A-Za-z',
  Lu: 'A-Z',
  Ll: 'a-z',
  N: '0-9',
  Nd: '0-9',
  M: '',
  Extended_Pictographic: '',
};

/**
 * The source of a pattern that matches like `source` (compiled with the `u` flag) on ASCII text, without
 * the flag; undefined when the pattern uses something that could differ there.
 */
export function asciiSource(source: string): string | undefined {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\') {
      const next = source[i + 1];
      if (next === 'p' || next === 'P') {
        const close = source.indexOf('}', i);
        if (source[i + 2] !== '{' || close < 0) return undefined;
        const members = ASCII_MEMBERS[source.slice(i + 3, close)];
        if (members === undefined) return undefined;
        if (inClass) {
          if (next === 'P') return undefined;
          out += members;
        } else {
          out += next === 'P' ? `[^${members}]` : `[${members}]`;
        }
        i = close;
        continue;
      }
      // `\u{...}` means something else without the flag.
      if (next === 'u' && source[i + 2] === '{') return undefined;
      out += ch + (next ?? '');
      i++;
      continue;
    }
    // Case folding maps these two, and only these, onto ASCII letters (`ſ` → s, Kelvin sign → k).
    if (ch === '\u017f' || ch === '\u212a') return undefined;
    if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    out += ch;
  }
  return out;
}

/** The pattern `source` without its Unicode classes, for ASCII text; undefined when it has no such twin. */
export function asciiTwin(source: string, flags: string): RegExp | undefined {
  if (!flags.includes('u')) return undefined;
  const ascii = asciiSource(source);
  if (ascii === undefined) return undefined;
  try {
    return new RegExp(ascii, flags.replace('u', ''));
  } catch {
    return undefined;
  }
}

/** Whether every character of `text` is ASCII. */
export function isAscii(text: string): boolean {
  return !NON_ASCII.test(text);
}

/**
 * A chooser between the pattern `source` (with `flags`, which include `u`) and its ASCII twin: call it
 * with the text to be matched and match with the expression it returns. Each is built on first use:
 * even creating a Unicode-class expression costs a fraction of a millisecond, and a run may never need it.
 * Both are shared, so a caller that keeps `lastIndex` state must use one for a whole scan.
 */
export function asciiFirst(source: string, flags: string): (text: string) => RegExp {
  let unicode: RegExp | undefined;
  let twin: RegExp | null | undefined;
  return (text) => {
    if (!NON_ASCII.test(text)) {
      if (twin === undefined) twin = asciiTwin(source, flags) ?? null;
      if (twin) return twin;
    }
    return (unicode ??= new RegExp(source, flags));
  };
}
