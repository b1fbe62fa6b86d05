import { CodeAction, CodeActionKind, CodeActionParams, CreateFile, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Finding, Fix, glossaryAppendEdit, safeEdits, t } from '../engine';
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
}

/** The quick fixes and the fix-all action for a code action request on `document`, from its current check `result`. */
export function codeActionsFor(params: CodeActionParams, result: Checked, document: TextDocument, env: CodeActionEnv): CodeAction[] {
  const uri = document.uri;
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== 'policy-memo') continue;
      const finding = result.findings.find((f) => f.rule === diagnostic.code && sameRange(f.range, diagnostic.range));
      for (const fix of finding?.fixes ?? []) {
        const edit = workspaceEdit(uri, document.version, fix, env);
        if (!edit) continue;
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.preferred === true, edit });
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
function workspaceEdit(uri: string, version: number, fix: Fix, env: CodeActionEnv): WorkspaceEdit | undefined {
  const { documents, canCreateFiles } = env;
  if (!fix.otherFiles?.length) return { changes: { [uri]: fix.edits } };
  if (fix.otherFiles.some((f) => f.create && !documents.get(pathToUri(f.path))) && !canCreateFiles) return undefined;
  const documentChanges: (TextDocumentEdit | CreateFile)[] = [];
  if (fix.edits.length > 0) documentChanges.push(TextDocumentEdit.create({ uri, version }, fix.edits));
  for (const other of fix.otherFiles) {
    const otherUri = pathToUri(other.path);
    const open = documents.get(otherUri);
    // The engine placed the term in the glossary as saved; an open glossary may hold unsaved edits, so it is placed in that text.
    let edits = other.edits;
    if (open && other.glossaryTerm) {
      const edit = glossaryAppendEdit(open.getText(), other.glossaryTerm);
      if (!edit) return undefined;
      edits = [edit];
    } else if (other.create) documentChanges.push(CreateFile.create(otherUri, { ignoreIfExists: true }));
    documentChanges.push(TextDocumentEdit.create({ uri: otherUri, version: open ? open.version : null }, edits));
  }
  return { documentChanges };
}

function sameRange(a: Finding['range'], b: Finding['range']): boolean {
  return (
    a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character
  );
}
