import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where to look for a Chromium-family browser (the defaults are this machine's). */
export interface BrowserSearch {
  /** `--browser PATH` or the setting `policyMemo.export.browserPath`: when given, only this one is tried. */
  explicit?: string;
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  isFile?: (file: string) => boolean;
}

/** The usual install places of Chrome, Edge and Chromium, in that order, for one platform. */
export function browserCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => !!r);
    const apps = ['Google\\Chrome\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe', 'Chromium\\Application\\chrome.exe'];
    return apps.flatMap((app) => roots.map((root) => path.win32.join(root, app)));
  }
  if (platform === 'darwin') {
    const apps = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge', 'Chromium.app/Contents/MacOS/Chromium'];
    const roots = ['/Applications', ...(env.HOME ? [path.posix.join(env.HOME, 'Applications')] : [])];
    return apps.flatMap((app) => roots.map((root) => path.posix.join(root, app)));
  }
  return [
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/opt/google/chrome/chrome',
    '/usr/bin/microsoft-edge-stable',
    '/usr/bin/microsoft-edge',
    '/opt/microsoft/msedge/msedge',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
  ];
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The browser that prints PDFs: the one given, else the first installed in the usual places; undefined when none is. Never downloads one. */
export function findBrowser(search: BrowserSearch = {}): string | undefined {
  const exists = search.isFile ?? isFile;
  if (search.explicit) return exists(search.explicit) ? search.explicit : undefined;
  return browserCandidates(search.platform ?? process.platform, search.env ?? process.env).find(exists);
}

/** A browser that did not print: it failed, timed out or wrote no PDF. */
export class PdfError extends Error {}

/** The longest a print may take before the browser is stopped. */
const PRINT_TIMEOUT_MS = 60_000;

/**
 * Prints a standalone HTML page (the HTML export: its print CSS gives Letter pages and keeps the
 * header block and signatures whole) to PDF with headless Chrome, Edge or Chromium, without the
 * browser's header and footer. The page's `lang` makes the PDF tagged in that language. The
 * browser runs with a fresh profile in a temporary folder, removed afterwards.
 */
export async function printPdf(html: string, browser: string, timeoutMs = PRINT_TIMEOUT_MS): Promise<Uint8Array> {
  const folder = mkdtempSync(path.join(tmpdir(), 'policy-memo-pdf-'));
  try {
    const page = path.join(folder, 'memo.html');
    const pdf = path.join(folder, 'memo.pdf');
    writeFileSync(page, html, 'utf8');
    const args = [
      '--headless',
      '--disable-gpu',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-extensions',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--export-tagged-pdf',
      '--no-pdf-header-footer',
      `--user-data-dir=${path.join(folder, 'profile')}`,
      `--print-to-pdf=${pdf}`,
      // Chromium refuses to start as root with its sandbox (containers, CI).
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      pathToFileURL(page).toString(),
    ];
    await new Promise<void>((resolve, reject) => {
      execFile(browser, args, { timeout: timeoutMs, killSignal: 'SIGKILL', windowsHide: true, maxBuffer: 4 * 1024 * 1024 }, (error, _stdout, stderr) => {
        if (error && !existsSync(pdf)) reject(new PdfError(error.killed ? `no PDF after ${timeoutMs / 1000} s` : lastLine(stderr) || error.message));
        else resolve();
      });
    });
    if (!existsSync(pdf)) throw new PdfError('the browser wrote no PDF');
    const bytes = readFileSync(pdf);
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new PdfError('the browser wrote something other than a PDF');
    return bytes;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The browser's last words, for a message: one line, with no control characters (nothing raw reaches a terminal). */
function lastLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '').replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, ' ');
  return (
    plain
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .pop() ?? ''
  );
}
