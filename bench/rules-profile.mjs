// Where the engine's check spends its time: the whole check per memo size next to the floor (YAML
// parse + compiled schema validation), and each rule alone on the 200 KB memo.
// Usage: npm run build && node bench/rules-profile.mjs [outDir]   (medians; numbers are for reading, not asserting)
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');
const out = resolve(process.argv[2] ?? join(root, 'out'));
const engine = require(join(out, 'server/src/engine'));
const { builtInMemoSchema, validateMemoData } = require(join(out, 'server/src/engine/schema'));

// The reference memo with its body repeated to size; its `#` links made real so only prose is measured.
const ref = readFileSync(join(root, 'test/fixtures/reference/reference.memo.md'), 'utf8');
const split = ref.indexOf('\n---\n') + 5;
const head = ref.slice(0, split);
const body = ref.slice(split).replace(/\]\(#\)/g, '](https://www.ontario.ca/)');
const memoOf = (size) => {
  let b = body;
  while (b.length < size) b += '\n' + body;
  return head + b.slice(0, size);
};

function median(run, times) {
  run();
  const t = [];
  for (let k = 0; k < times; k++) {
    const s = process.hrtime.bigint();
    run();
    t.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  t.sort((a, b) => a - b);
  return { median: t[Math.floor(times / 2)], min: t[0] };
}
const ms = ({ median, min }) => `${median.toFixed(2).padStart(8)} ${`(${min.toFixed(2)})`.padStart(9)}`;

// The floor: the same memo as `.memo.yaml` (its body a block scalar), parsed by `yaml` and validated
// by the compiled schema, and nothing else.
const schema = builtInMemoSchema();
const asYaml = (text) => {
  const end = text.indexOf('\n---\n');
  const body = text.slice(end + 5).split('\n').map((line) => (line ? `  ${line}` : line));
  return `${text.slice(4, end + 1)}body: |\n${body.join('\n')}\n`;
};
const floor = (yaml) => validateMemoData(schema, parseDocument(yaml, { prettyErrors: false, uniqueKeys: true }).toJS({ maxAliasCount: 100 }));

// On a shared machine the minimum (in parentheses) moves less than the median.
console.log('size      .memo.md check (min)  .memo.yaml check (min)  floor (min)          md ÷ floor');
for (const size of [2e3, 2e4, 2e5, 1e6]) {
  const text = memoOf(size);
  const times = size >= 1e6 ? 9 : size >= 2e5 ? 15 : 101;
  const yaml = asYaml(text);
  const check = median(() => engine.checkMemo(text, 'markdown'), times);
  const checkYaml = median(() => engine.checkMemo(yaml, 'yaml'), times);
  const bare = median(() => floor(yaml), times);
  console.log(`${String(size).padEnd(9)} ${ms(check)}      ${ms(checkYaml)}        ${ms(bare)}  ${(check.median / bare.median).toFixed(1).padStart(8)}`);
}

console.log('\neach rule alone at 200 KB (parse included)');
const text = memoOf(2e5);
const ids = engine.ruleIds;
const only = (id) => Object.fromEntries(ids.filter((x) => x !== id).map((x) => [x, 'off']));
for (const id of [...ids, 'none']) {
  const severities = only(id);
  console.log(`${id.padEnd(18)} ${ms(median(() => engine.checkMemo(text, 'markdown', { severities }), 15))}`);
}
