export interface Colors {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
  underline(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

const ansi: Colors = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  green: wrap(32, 39),
  cyan: wrap(36, 39),
  underline: wrap(4, 24),
};

const identity = (text: string) => text;
const plain: Colors = { bold: identity, dim: identity, red: identity, yellow: identity, green: identity, cyan: identity, underline: identity };

/** Colours only on a terminal, never when NO_COLOR is set (https://no-color.org), always with FORCE_COLOR. */
export function colorsFor(isTTY: boolean, env: Record<string, string | undefined>, flag?: boolean): Colors {
  if (flag !== undefined) return flag ? ansi : plain;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return plain;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return ansi;
  return isTTY ? ansi : plain;
}
