/**
 * Where each value of a JSON text starts, keyed by JSON pointer (`/blocking/0/line`), so a schema
 * error can point at the line it is about. A single pass with an explicit stack: no recursion,
 * however deep the nesting, and malformed text yields what was read up to the fault.
 */

interface Frame {
  kind: 'object' | 'array';
  pointer: string;
  key: string;
  index: number;
}

function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The offset just after the string literal that starts at `start` (a `"`). */
function skipString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch === 92) i += 2;
    else if (ch === 34) return i + 1;
    else i++;
  }
  return text.length;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

export function locatePointers(text: string): Map<string, number> {
  const offsets = new Map<string, number>();
  const stack: Frame[] = [];
  let expect: 'value' | 'key' | 'after' = 'value';
  let i = 0;
  while (i < text.length) {
    if (isSpace(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const ch = text[i];
    const top = stack[stack.length - 1];
    if (expect === 'value') {
      if (ch === ']' && top?.kind === 'array') {
        stack.pop();
        expect = 'after';
        i++;
        continue;
      }
      const pointer = !top ? '' : `${top.pointer}/${top.kind === 'array' ? top.index : escapeSegment(top.key)}`;
      if (!offsets.has(pointer)) offsets.set(pointer, i);
      if (ch === '{' || ch === '[') {
        stack.push({ kind: ch === '{' ? 'object' : 'array', pointer, key: '', index: 0 });
        expect = ch === '{' ? 'key' : 'value';
        i++;
        continue;
      }
      if (ch === '"') i = skipString(text, i);
      else while (i < text.length && !isSpace(text.charCodeAt(i)) && !',]}'.includes(text[i] ?? '')) i++;
      expect = 'after';
      continue;
    }
    if (expect === 'key') {
      if (ch === '}') {
        stack.pop();
        expect = 'after';
        i++;
        continue;
      }
      if (ch === '"' && top) {
        const end = skipString(text, i);
        try {
          top.key = JSON.parse(text.slice(i, end)) as string;
        } catch {
          top.key = text.slice(i + 1, end - 1);
        }
        i = end;
        while (i < text.length && isSpace(text.charCodeAt(i))) i++;
        if (text[i] === ':') i++;
        expect = 'value';
        continue;
      }
      i++;
      continue;
    }
    if (!top) break;
    if (ch === ',') {
      if (top.kind === 'array') {
        top.index++;
        expect = 'value';
      } else {
        expect = 'key';
      }
    } else if (ch === '}' || ch === ']') {
      stack.pop();
    }
    i++;
  }
  return offsets;
}
