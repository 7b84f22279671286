/**
 * Runs a `helm test` pod's container (its rendered command and args) on this
 * machine, under /bin/sh, with the real curl. The script is not changed: a
 * `curl` shim first on PATH execs the real curl with a config file (`-K`)
 * whose `connect-to` lines route each check's `host:port`, and the sidecar's
 * `localhost:15020`, to the local endpoints; `-q` keeps ~/.curlrc out and
 * `noproxy` keeps proxies out. Nothing else on PATH is replaced.
 */
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ENDPOINT_KINDS, type EndpointKind, type LocalEndpoints } from './local-endpoints';

export interface Check {
  /** `host:port` */
  target: string;
  expected: string;
}

export interface CheckRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout split into lines, without the trailing empty one. */
  lines: string[];
}

export interface RunOptions {
  /** Which endpoint answers each target; targets not listed get the endpoint their expectation names. */
  answeredBy?: Record<string, EndpointKind>;
  /** Sets `EGRESS_CHECK_TIMEOUT` (seconds per curl); unset when omitted. */
  timeoutSeconds?: number;
}

/** Splits a check argument `host:port=expected` the way the script does (at the last `=`). */
export function parseCheck(arg: string): Check {
  const eq = arg.lastIndexOf('=');
  if (eq < 0) throw new Error(`check argument "${arg}" is not host:port=expected`);
  return { target: arg.slice(0, eq), expected: arg.slice(eq + 1) };
}

/** The Host header curl sends for `http://<target>/` or `https://…` (it leaves out the default port 80 / 443). */
export function hostHeader(target: string): string {
  if (target.startsWith('https://')) {
    const hostPort = target.slice('https://'.length);
    return hostPort.endsWith(':443') ? hostPort.slice(0, -4) : hostPort;
  }
  return target.endsWith(':80') ? target.slice(0, -3) : target;
}

function realCurl(): string {
  try {
    return execFileSync('/bin/sh', ['-c', 'command -v curl'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('curl is not installed; .ci/run installs it (apt-get install -y --no-install-recommends curl)');
  }
}

function isEndpointKind(s: string): s is EndpointKind {
  return (ENDPOINT_KINDS as readonly string[]).includes(s);
}

/** A temp dir holding the `curl` shim; {@link run} executes one container against the endpoints. */
export class CheckScriptRunner {
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-check-script-'));
  private runs = 0;

  constructor(private readonly endpoints: LocalEndpoints) {
    const shim = [
      '#!/bin/sh',
      '# Test shim: the real curl, with host names routed to local endpoints by $CURL_SHIM_CONFIG.',
      '[ -n "$CURL_SHIM_CONFIG" ] || { echo "curl shim: CURL_SHIM_CONFIG is not set" >&2; exit 2; }',
      `exec '${realCurl()}' -q -K "$CURL_SHIM_CONFIG" "$@"`,
      '',
    ].join('\n');
    fs.writeFileSync(path.join(this.dir, 'curl'), shim, { mode: 0o755 });
  }

  /** Runs `command` + `args` (a pod container's) with each check routed to its endpoint. */
  async run(command: readonly string[], args: readonly string[], options: RunOptions = {}): Promise<CheckRun> {
    const routes = args.map(parseCheck).map(({ target, expected }) => {
      const kind = options.answeredBy?.[target] ?? expected;
      if (!isEndpointKind(kind)) {
        throw new Error(`no local endpoint behaves like "${kind}" (check ${target}); add one to local-endpoints.ts`);
      }
      return `connect-to = "${target.replace(/^https:\/\//, '')}:127.0.0.1:${this.endpoints.byKind[kind].port}"`;
    });
    const config = path.join(this.dir, `curl-${++this.runs}.cfg`);
    const quit = `connect-to = "localhost:15020:127.0.0.1:${this.endpoints.quitquitquit.port}"`;
    fs.writeFileSync(config, [...routes, quit, 'noproxy = "*"', ''].join('\n'));

    const env: NodeJS.ProcessEnv = { PATH: `${this.dir}:/usr/local/bin:/usr/bin:/bin`, CURL_SHIM_CONFIG: config };
    if (options.timeoutSeconds !== undefined) env.EGRESS_CHECK_TIMEOUT = String(options.timeoutSeconds);
    const [file, ...rest] = command;
    // Asynchronous: the endpoints answer from this process's event loop.
    const child = spawn(file, [...rest, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, sig) => resolve([code, sig]));
    });
    const lines = stdout.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    return { exitCode, signal, stdout, stderr, lines };
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
