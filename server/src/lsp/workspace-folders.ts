import { isInside } from '../files/limits';
import { localPathOf, workspaceFolderOf } from './settings';

/** The client's workspace folders, as local paths. */
export class WorkspaceFolders {
  private paths: string[] = [];

  get all(): readonly string[] {
    return this.paths;
  }

  /** Sets the folders from the URIs `initialize` names (those with no local path are left out). */
  reset(uris: readonly string[]): void {
    this.paths = localPaths(uris);
  }

  /** Applies a `workspace/didChangeWorkspaceFolders` event's removed and added folders. */
  change(removed: readonly string[], added: readonly string[]): void {
    this.paths = this.paths.filter((f) => !removed.some((r) => localPathOf(r) === f));
    this.paths.push(...localPaths(added));
  }

  /** The workspace folder (a path) holding a document; the document's own folder when none does. */
  folderOf(uri: string): string {
    return workspaceFolderOf(uri, this.paths);
  }

  /** Whether a file is inside one of the workspace folders. */
  holds(file: string): boolean {
    return this.paths.some((f) => isInside(f, file));
  }
}

const localPaths = (uris: readonly string[]) => uris.map(localPathOf).filter((f): f is string => f !== undefined);
