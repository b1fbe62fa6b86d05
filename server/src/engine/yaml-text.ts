import { Scalar } from 'yaml';

/** Writes a string as a YAML scalar for block context: plain when that reads back the same, else double-quoted. */
export function yamlScalar(value: string, style?: Scalar.Type): string {
  if (style === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
  const plainSafe =
    value === value.trim() &&
    value !== '' &&
    !/^[-?:,[\]{}#&*!|>'"%@`]/.test(value) &&
    !/: |:$| #|[\r\n\t]/.test(value) &&
    !/^(true|false|null|yes|no|on|off|~|[-+]?\d[\d._]*|\.inf|\.nan)$/i.test(value);
  return style !== Scalar.QUOTE_DOUBLE && plainSafe ? value : JSON.stringify(value);
}
