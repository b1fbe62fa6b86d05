import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkMemo, memoKindOf } from '../../../server/src/engine';
import { corpusMemo, EDIT_PIECES } from '../../support/generated-memos';
import { LspClient } from '../../support/lsp';
import { REFERENCE } from '../../support/memo';

const SEEDS = [REFERENCE, corpusMemo('markdown', 1), corpusMemo('markdown', 4), corpusMemo('markdown', 9)];
const YAML_SEEDS = [corpusMemo('yaml', 2), corpusMemo('yaml', 3), corpusMemo('yaml', 7)];

/** A position anywhere, including lines and characters past the end of the document. */
const positionArb = fc.record({ line: fc.nat({ max: 80 }), character: fc.nat({ max: 200 }) });
const rangeArb = fc.tuple(positionArb, positionArb).map(([a, b]) => (a.line < b.line || (a.line === b.line && a.character <= b.character) ? { start: a, end: b } : { start: b, end: a }));
const textArb = fc.oneof(fc.constantFrom(...EDIT_PIECES), fc.string({ unit: 'grapheme', maxLength: 8 }), fc.constant(''));

/** Three documents per run: two .memo.md, one .memo.yaml. */
const DOCS = 3;
const opArb = fc.oneof(
  fc.record({ op: fc.constant('open' as const), doc: fc.nat(DOCS - 1), seed: fc.nat(10) }),
  fc.record({ op: fc.constant('incremental' as const), doc: fc.nat(DOCS - 1), changes: fc.array(fc.record({ range: rangeArb, text: textArb }), { minLength: 1, maxLength: 3 }) }),
  fc.record({ op: fc.constant('full' as const), doc: fc.nat(DOCS - 1), seed: fc.nat(10), cut: fc.nat() }),
  fc.record({ op: fc.constant('close' as const), doc: fc.nat(DOCS - 1) }),
  fc.record({ op: fc.constant('codeAction' as const), doc: fc.nat(DOCS - 1), range: rangeArb, fixAll: fc.boolean() }),
  fc.record({ op: fc.constant('completion' as const), doc: fc.nat(DOCS - 1), position: positionArb }),
  fc.record({ op: fc.constant('hover' as const), doc: fc.nat(DOCS - 1), position: positionArb }),
);

/** What a fresh engine check of the text says, in the fields the comparison uses. */
function expected(uri: string, text: string) {
  return checkMemo(text, memoKindOf(uri) ?? 'markdown').findings.map((f) => ({ code: f.rule, message: f.message, range: f.range }));
}
const observed = (diagnostics: Diagnostic[]) => diagnostics.map((d) => ({ code: d.code, message: d.message, range: d.range }));

describe('LSP fuzz: random editor traffic against the built server', () => {
  let client: LspClient;
  let run = 0;
  before(async () => {
    client = new LspClient();
    await client.initialize({ locale: 'en' });
  });
  after(async () => {
    assert.ok(client.alive, 'the server died');
    await client.stop();
  });

  /** The publication for `uri` at `version`, whether it already came or is still to come. */
  function publication(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    const already = client.published.find((p) => p.uri === uri && p.version === version);
    return already ? Promise.resolve(already) : client.diagnostics(uri, (p) => p.version === version);
  }

  it('survives random open, change, close, code action, completion and hover, and ends with a fresh check\'s diagnostics', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 10, maxLength: 60 }), async (ops) => {
        run++;
        const uris = Array.from({ length: DOCS }, (_, i) => `file:///fuzz/run-${run}/doc-${i}.memo.${i === DOCS - 1 ? 'yaml' : 'md'}`);
        const seedsOf = (doc: number) => (doc === DOCS - 1 ? YAML_SEEDS : SEEDS);
        const open = new Map<string, TextDocument>();
        const versions = new Map<string, number>();
        const nextVersion = (uri: string) => {
          const v = (versions.get(uri) ?? 0) + 1;
          versions.set(uri, v);
          return v;
        };
        for (const o of ops) {
          const uri = uris[o.doc];
          const doc = open.get(uri);
          const position = (p: { line: number; character: number }) => ({ textDocument: { uri }, position: p });
          switch (o.op) {
            case 'open': {
              if (doc) break;
              const seeds = seedsOf(o.doc);
              const text = seeds[o.seed % seeds.length];
              const version = nextVersion(uri);
              open.set(uri, TextDocument.create(uri, 'markdown', version, text));
              await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
              break;
            }
            case 'incremental':
            case 'full': {
              // Changes to a closed document are sent too: the server must ignore them.
              const version = nextVersion(uri);
              const seeds = seedsOf(o.doc);
              const contentChanges =
                o.op === 'full' ? [{ text: seeds[o.seed % seeds.length].slice(0, o.cut % (seeds[o.seed % seeds.length].length + 1)) }] : o.changes;
              if (doc) open.set(uri, TextDocument.update(doc, contentChanges, version));
              await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
              break;
            }
            case 'close':
              open.delete(uri);
              await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
              break;
            case 'codeAction': {
              // The last diagnostics the client saw, maybe stale, as an editor would send them.
              const diagnostics = client.published.filter((p) => p.uri === uri).pop()?.diagnostics ?? [];
              const only = o.fixAll ? ['source.fixAll.policyMemo'] : undefined;
              await client.codeActions({ textDocument: { uri }, range: o.range, context: { diagnostics, only } });
              break;
            }
            case 'completion':
              await client.completion(position(o.position));
              break;
            case 'hover':
              await client.hover(position(o.position));
              break;
          }
        }
        for (const [uri, doc] of open) {
          const last = await publication(uri, doc.version);
          assert.deepEqual(observed(last.diagnostics), expected(uri, doc.getText()), `${uri} v${doc.version}`);
        }
        assert.ok(client.alive, 'the server died');
        assert.deepEqual(client.logs.filter((l) => /failed|unhandled/i.test(l)), []);
      }),
      { numRuns: 25, seed: Number(process.env.PROPERTY_SEED ?? 20_261_002) },
    );
  });
});
