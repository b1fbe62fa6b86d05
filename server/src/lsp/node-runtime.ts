import { isFolder, readBytes, readText, unchangedSince } from '../files/read';
import { folderImages } from '../preview/images';
import { findBrowser, PdfError, printPdf } from '../preview/pdf';
import { listMemoFiles } from '../workspace/memo-files';
import type { RenderHost } from './preview';
import type { ServerRuntime } from './runtime';

/** The desktop's renderer host: images and the Word template from disk (files/read.ts), PDFs printed by a local browser. */
export const nodeRenderHost: RenderHost = {
  images: folderImages,
  readBytes,
  findBrowser: (explicit) => findBrowser({ explicit }),
  printPdf: (html, browser) => printPdf(html, browser),
  isPrintFailure: (error) => error instanceof PdfError,
};

/** The runtime of the desktop's server (a Node process): the one file reader, Node's timers, the docs pages beside the bundle. */
export function nodeRuntime(docsFolder?: string): ServerRuntime {
  return {
    readFile: readText,
    unchangedSince,
    isFolder: async (folder) => isFolder(folder),
    listMemoFiles,
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
    render: nodeRenderHost,
    docsFolder,
  };
}
