import { parse, Scalar } from 'yaml';

/** Writes a string as a YAML scalar for block context: plain when that reads back the same, else double-quoted. */
export function yamlScalar(value: string, style?: Scalar.Type): string {
  if (style === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
  const plainSafe =
    value === value.trim() &&
    value !== '' &&
    !/^[-?:,[\]{}#&*!|>'"%@`]/.test(value) &&
    !/: |:$| #|[\r\n\t]/.test(value) &&
    !/^(true|false|null|yes|no|on|off|~|[-+]?\d[\d._]*|\.inf|\.nan)$/i.test(value) &&
    readsBackAsItself(value);
  return style !== Scalar.QUOTE_DOUBLE && plainSafe ? value : JSON.stringify(value);
}

/**
 * Whether yaml's own parser reads the plain text back as this very string, under YAML 1.2 and 1.1
 * (a file may declare either): `1e3`, `0x1F`, `0o17`, `1_000`, `.5` or `2021-06-11` would come back as
 * numbers or dates.
 */
function readsBackAsItself(value: string): boolean {
  for (const version of ['1.2', '1.1'] as const) {
    try {
      if (parse(value, { version }) !== value) return false;
    } catch {
      return false;
    }
  }
  return true;
}
