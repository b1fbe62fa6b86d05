// The web build's language server (dist/web/server.js): a web worker the web client starts, with the
// same server as the desktop's, given a runtime that reads the workspace through the client.
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { browserRuntime } from './browser-runtime';
import { startServer } from './server';

/** The worker's global scope, which carries the messages to and from the client. */
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
startServer(connection, browserRuntime(connection));
