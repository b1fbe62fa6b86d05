import type { Page } from 'playwright-core';
import { AbstractMessageReader, AbstractMessageWriter, createMessageConnection, DataCallback, Disposable, Message, MessageConnection } from 'vscode-jsonrpc/node';
import { launchChromium } from './browser';

/** The messages the worker posted, handed to vscode-jsonrpc as they come (kept until it listens). */
class PageReader extends AbstractMessageReader {
  private callback: DataCallback | undefined;
  private readonly early: Message[] = [];

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    this.early.splice(0).forEach(callback);
    return { dispose: () => (this.callback = undefined) };
  }

  push(message: Message): void {
    if (this.callback) this.callback(message);
    else this.early.push(message);
  }
}

/** Posts each message to the worker, as vscode-languageclient/browser does (structured clone of the JSON object). */
class PageWriter extends AbstractMessageWriter {
  constructor(private readonly page: Page) {
    super();
  }

  async write(message: Message): Promise<void> {
    await this.page.evaluate((json) => (window as unknown as { toWorker(json: string): void }).toWorker(json), JSON.stringify(message));
  }

  end(): void {}
}

const ORIGIN = 'http://policy-memo.test';

/**
 * The web build's language server in a real Web Worker in headless Chromium (no extension host):
 * a page on a made-up origin (served by the test, nothing goes to the network) starts the bundle as
 * a worker, and a JSON-RPC connection in this process talks to it through the page.
 */
export async function webWorkerServer(serverJs: string): Promise<{ connection: MessageConnection; failures: string[]; close(): Promise<void> }> {
  const browser = await launchChromium();
  const failures: string[] = [];
  try {
    const page = await browser.context.newPage();
    await page.route(`${ORIGIN}/**`, (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/server.js') return route.fulfill({ contentType: 'text/javascript', body: serverJs });
      return route.fulfill({
        contentType: 'text/html',
        body: [
          '<!DOCTYPE html><title>Policy Memo web worker</title><script>',
          "const worker = new Worker('/server.js', { name: 'policy-memo' });",
          'worker.onmessage = (event) => window.fromWorker(JSON.stringify(event.data));',
          "worker.onerror = (event) => window.workerFailed(String(event.message || 'the worker failed to start'));",
          'window.toWorker = (json) => worker.postMessage(JSON.parse(json));',
          '</script>',
        ].join('\n'),
      });
    });
    const reader = new PageReader();
    await page.exposeFunction('fromWorker', (json: string) => reader.push(JSON.parse(json) as Message));
    await page.exposeFunction('workerFailed', (message: string) => failures.push(message));
    page.on('pageerror', (error) => failures.push(error.message));
    await page.goto(`${ORIGIN}/`);
    const connection = createMessageConnection(reader, new PageWriter(page));
    return {
      connection,
      failures,
      async close() {
        connection.dispose();
        await browser.close();
      },
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
