import { CodeAction, CodeActionKind, CodeActionParams, Command, CreateFile, Diagnostic, Position, Range, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { FileRefusal, Finding, Fix, glossaryAppendEdit, glossaryHolds, safeEdits, t } from '../engine';
import { toDiagnostic } from './diagnostics';
import type { Checked, OpenDocuments } from './documents';
import { pathToUri } from './settings';

/** The code action kind that applies every safe fix (usable in `editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.policyMemo`;

/** What the code actions need besides the request and the check. */
export interface CodeActionEnv {
  /** The open documents: a fix's other files (the glossary) are edited in their open text. */
  documents: OpenDocuments;
  /** The client applies edits that create files. */
  canCreateFiles: boolean;
  /** The client takes `documentChanges` (else a fix goes as `changes`). */
  documentChanges: boolean;
  /** A config file's text as it is on disk now: undefined when it does not exist, else why it is not read. */
  readConfigText(file: string): Promise<string | FileRefusal | undefined>;
  /** The docs pages' folder, for a quick fix's diagnostic when the client sent none of ours. */
  docsFolder?: string;
}

/** The quick fixes and the fix-all action for a code action request on `document`, from its current check `result`. */
export async function codeActionsFor(params: CodeActionParams, result: Checked, document: TextDocument, env: CodeActionEnv): Promise<CodeAction[]> {
  const uri = document.uri;
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    // The request's range chooses the findings. The client's copy of our diagnostics narrows them by
    // rule, and adds its own findings; a copy that matches none (its columns may be bytes, not UTF-16
    // code units, as in Neovim 0.7) adds the findings of its rule on its lines.
    const ours = params.context.diagnostics.filter((d) => d.source === 'policy-memo' && d.code !== undefined);
    const codes = new Set(ours.map((d) => String(d.code)));
    const exact = (f: Finding, d: Diagnostic) => d.code === f.rule && sameRange(f.range, d.range);
    const loose = ours.filter((d) => !result.findings.some((f) => exact(f, d)));
    const chosen = (f: Finding) =>
      (codes.size === 0 || codes.has(f.rule)) &&
      (intersects(f.range, params.range) || ours.some((d) => exact(f, d)) || loose.some((d) => d.code === f.rule && sharesLines(f.range, d.range)));
    for (const finding of result.findings) {
      if (!chosen(finding)) continue;
      const diagnostic = ours.find((d) => exact(finding, d)) ?? ours.find((d) => d.code === finding.rule);
      for (const fix of finding.fixes) {
        const edit = await workspaceEdit(uri, document.version, fix, env);
        if (!edit) continue;
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic ?? toDiagnostic(finding, result.locale, uri, env.docsFolder)],
          isPreferred: fix.preferred === true,
          edit,
        });
      }
    }
  }
  if (only && wants(FIX_ALL_KIND)) {
    const edits = safeEdits(result.findings, result.memo.text);
    if (edits.length > 0) actions.push({ title: t(result.locale, 'fix.all'), kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } });
  }
  return actions;
}

/** A fix as a workspace edit: the memo's edits, and any other file's (created when needed, if the client can). */
async function workspaceEdit(uri: string, version: number, fix: Fix, env: CodeActionEnv): Promise<WorkspaceEdit | undefined> {
  if (!fix.otherFiles?.length) return { changes: { [uri]: fix.edits } };
  const parts: { uri: string; version: number | null; edits: TextEdit[]; create: boolean }[] = [];
  if (fix.edits.length > 0) parts.push({ uri, version, edits: fix.edits, create: false });
  for (const other of fix.otherFiles) {
    const otherUri = pathToUri(other.path);
    const open = env.documents.get(otherUri);
    let edits = other.edits;
    let create = other.create === true && !open;
    if (other.glossaryTerm) {
      // The engine placed the term in the glossary the check read. The glossary may have changed since
      // (unsaved edits in an editor, or on disk), so the term is placed in its text as it is now, or not at all.
      const now = open ? open.getText() : await env.readConfigText(other.path);
      if (typeof now === 'object') return undefined;
      if (now === undefined && !other.create) return undefined;
      if (now !== undefined) {
        const edit = glossaryHolds(now, other.glossaryTerm) ? undefined : glossaryAppendEdit(now, other.glossaryTerm);
        if (!edit) return undefined;
        edits = [edit];
        create = false;
      }
    }
    if (create && !env.canCreateFiles) return undefined;
    parts.push({ uri: otherUri, version: open ? open.version : null, edits, create });
  }
  if (!env.documentChanges) return { changes: Object.fromEntries(parts.map((p) => [p.uri, p.edits])) };
  const documentChanges: (TextDocumentEdit | CreateFile)[] = [];
  for (const part of parts) {
    if (part.create) documentChanges.push(CreateFile.create(part.uri, { ignoreIfExists: true }));
    documentChanges.push(TextDocumentEdit.create({ uri: part.uri, version: part.version }, part.edits));
  }
  return { documentChanges };
}

/** The command that applies a code action's edit, for a client that takes code actions only as commands. */
export const APPLY_EDIT_COMMAND = 'policyMemo.server.applyEdit';

/** A code action as a command the server carries out (`APPLY_EDIT_COMMAND` with the edit). */
export function asCommand(action: CodeAction): Command {
  return { title: action.title, command: APPLY_EDIT_COMMAND, arguments: [action.edit] };
}

/** Whether two ranges share a position (touching ends count, as a cursor at a finding's end is on it). */
function intersects(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function sharesLines(a: Range, b: Range): boolean {
  return a.start.line <= b.end.line && b.start.line <= a.end.line;
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character
  );
}
