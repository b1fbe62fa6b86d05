/**
 * A small expander for VS Code snippet bodies, enough to check our snippets: tab stops ($1, ${1},
 * ${1:placeholder}, ${1|a,b|}), $0, variables ($NAME, ${NAME}, ${NAME:default}) and backslash escapes.
 * Each tab stop is filled by `fill`; a variable it does not know makes the expansion fail.
 */
export interface TabStop {
  index: number;
  /** The placeholder text, already expanded, or the choices. */
  placeholder?: string;
  choices?: string[];
}

export type Fill = (stop: TabStop) => string;

export interface Expansion {
  text: string;
  /** Tab stop indexes in the order they first appear. */
  order: number[];
}

export function expandSnippet(body: string, variables: Record<string, string>, fill: Fill): Expansion {
  let i = 0;
  const order: number[] = [];
  const seen = new Map<number, string>();

  const stop = (index: number, placeholder?: string, choices?: string[]): string => {
    if (!order.includes(index)) order.push(index);
    const known = seen.get(index);
    if (known !== undefined && placeholder === undefined && choices === undefined) return known; // a mirror of an earlier stop
    const value = fill({ index, placeholder, choices });
    seen.set(index, value);
    return value;
  };

  const variable = (name: string, fallback?: string): string => {
    if (name in variables) return variables[name];
    if (fallback !== undefined) return fallback;
    throw new Error(`unknown snippet variable ${name}`);
  };

  // Reads until one of `stops` (unescaped) at this level; returns the expanded text.
  const parse = (stops: string): string => {
    let out = '';
    while (i < body.length && !stops.includes(body[i])) {
      const c = body[i];
      if (c === '\\' && i + 1 < body.length && '$}\\,|'.includes(body[i + 1])) {
        out += body[i + 1];
        i += 2;
      } else if (c === '$') {
        out += dollar();
      } else {
        out += c;
        i++;
      }
    }
    return out;
  };

  const dollar = (): string => {
    i++; // $
    let m = /^\d+/.exec(body.slice(i));
    if (m) {
      i += m[0].length;
      return stop(+m[0]);
    }
    m = /^[A-Z_][A-Z_0-9]*/.exec(body.slice(i));
    if (m) {
      i += m[0].length;
      return variable(m[0]);
    }
    if (body[i] !== '{') return '$';
    i++; // {
    m = /^(\d+|[A-Z_][A-Z_0-9]*)/.exec(body.slice(i));
    if (!m) throw new Error(`bad snippet syntax at ${i}: ${body.slice(i - 2, i + 10)}`);
    i += m[0].length;
    const name = m[0];
    const numeric = /^\d/.test(name);
    if (body[i] === '}') {
      i++;
      return numeric ? stop(+name) : variable(name);
    }
    if (body[i] === ':') {
      i++;
      const inner = parse('}');
      i++; // }
      return numeric ? stop(+name, inner) : variable(name, inner);
    }
    if (body[i] === '|' && numeric) {
      i++;
      const choices: string[] = [];
      for (;;) {
        choices.push(parse(',|'));
        const sep = body[i++];
        if (sep === '|') break;
      }
      if (body[i++] !== '}') throw new Error('bad choice syntax');
      return stop(+name, undefined, choices);
    }
    throw new Error(`bad snippet syntax near ${body.slice(i - 4, i + 10)}`);
  };

  const text = parse('');
  return { text, order };
}
