/**
 * A minimal LSP client of the real `yaml-language-server --stdio`, for tests:
 * open a document, wait for its diagnostics, ask for completion and hover.
 * Every wait is bounded; `stop()` shuts the server down and kills it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

// The few LSP shapes used here. (vscode-languageserver-protocol declares its types
// only through package.json "exports", which this repo's "node" module resolution ignores.)
export interface Position {
  /** 0-based. */
  line: number;
  /** 0-based, in UTF-16 code units. */
  character: number;
}
export interface Diagnostic {
  range: { start: Position; end: Position };
  message: string;
  severity?: number;
}
interface CompletionItem {
  label: string;
}
interface MarkupContent {
  kind: string;
  value: string;
}
interface Hover {
  contents: MarkupContent | string | Array<string | { language: string; value: string }>;
}
interface PublishDiagnosticsParams {
  uri: string;
  diagnostics: Diagnostic[];
}

const SERVER = path.join(__dirname, '..', '..', 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`yaml-language-server: no ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class YamlLanguageClient {
  private readonly diagnostics = new Map<string, Diagnostic[]>();
  private readonly waiters: Array<() => void> = [];
  private version = 0;

  private constructor(
    private readonly child: ChildProcess,
    private readonly connection: MessageConnection,
  ) {}

  /** Starts the server with validation, hover and completion on, and `rootDir` as the workspace. */
  static async start(rootDir: string): Promise<YamlLanguageClient> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr?.resume();
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new YamlLanguageClient(child, connection);
    const yaml = { validate: true, hover: true, completion: true, schemas: {}, schemaStore: { enable: false } };
    connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
      params.items.map((item) => (item.section === 'yaml' ? yaml : null)),
    );
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      client.diagnostics.set(params.uri, params.diagnostics);
      client.waiters.splice(0).forEach((wake) => wake());
    });
    connection.listen();
    await within(
      connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: pathToFileURL(rootDir).href,
        capabilities: {
          workspace: { configuration: true },
          textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] }, completion: { completionItem: { snippetSupport: false } } },
        },
      }),
      15000,
      'initialize response',
    );
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('workspace/didChangeConfiguration', { settings: { yaml } });
    return client;
  }

  /** Opens `text` as the document at `file` (which need not exist). Returns its URI. */
  async open(file: string, text: string): Promise<string> {
    const uri = pathToFileURL(file).href;
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: ++this.version, text },
    });
    return uri;
  }

  /** The first diagnostics published for `uri` that satisfy `ready` (default: any non-empty list). */
  async diagnosticsOf(uri: string, ready = (d: Diagnostic[]) => d.length > 0, ms = 10000): Promise<Diagnostic[]> {
    const check = async (): Promise<Diagnostic[]> => {
      for (;;) {
        const current = this.diagnostics.get(uri);
        if (current && ready(current)) return current;
        await new Promise<void>((wake) => this.waiters.push(wake));
      }
    };
    return within(check(), ms, `diagnostics for ${uri}`);
  }

  /** Labels of the completion items at `position` (0-based line and character). */
  async completionLabels(uri: string, position: Position): Promise<string[]> {
    const result = await within(
      this.connection.sendRequest<{ items: CompletionItem[] } | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position }),
      10000,
      'completion',
    );
    const items = Array.isArray(result) ? result : (result?.items ?? []);
    return items.map((item) => item.label);
  }

  /** The hover text at `position`, markdown or plain. */
  async hoverText(uri: string, position: Position): Promise<string> {
    const hover = await within(
      this.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position }),
      10000,
      'hover',
    );
    const contents = hover?.contents;
    if (!contents) return '';
    if (typeof contents === 'string') return contents;
    if (Array.isArray(contents)) return contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    return contents.value;
  }

  /** Asks the server to shut down (briefly), then kills it. */
  async stop(): Promise<void> {
    try {
      await within(this.connection.sendRequest('shutdown'), 2000, 'shutdown response');
      await this.connection.sendNotification('exit');
    } catch {
      // The server is killed below either way.
    } finally {
      this.connection.dispose();
      if (this.child.exitCode === null) this.child.kill('SIGKILL');
    }
  }
}
