/**
 * Local stand-ins, on 127.0.0.1, for what `curl http://<svc>:<port>/` meets
 * behind an Istio sidecar (research note §4, §5), so the `helm test` pods'
 * script can run against them:
 * - `http-200`: the application answering through the proxy;
 * - `http-502`: Envoy's `block_all` virtual host, a `direct_response` 502
 *   (the seed's `curl -sI`: `502 Bad Gateway`, `server: envoy`, empty chunked body);
 * - `http-404`: Envoy's `NR` (no route) answer, `404 Not Found` with no body;
 * - `curl-exit-56`: BlackHoleCluster: the connection is accepted, the request
 *   sent, then reset (RST). A reset right at accept makes curl exit 7
 *   (connection refused) instead, so it resets once the request has arrived;
 * - `hang`: accepts and never answers, so curl times out (exit 28);
 * - `tls-ok`: an external host reached through an SNI filter chain (or
 *   passthrough): a TLS server (self-signed certificate in fixtures/, which
 *   the script does not verify) that answers 200;
 * - `curl-exit-35`: BlackHoleCluster met by a TLS handshake: the connection is
 *   accepted and reset when the ClientHello arrives (curl exit 35, as the
 *   Istio egress task records); it records `TLS ClientHello` per handshake;
 * - `quitquitquit`: the sidecar agent's `POST /quitquitquit` on :15020.
 *
 * Every endpoint records the Host header of each request it got. All listen
 * on ephemeral ports; the curl shim (run-check-script.ts) routes to them.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

export const ENDPOINT_KINDS = ['http-200', 'http-502', 'http-404', 'curl-exit-56', 'hang', 'tls-ok', 'curl-exit-35'] as const;
export type EndpointKind = (typeof ENDPOINT_KINDS)[number];

export interface Endpoint {
  kind: EndpointKind | 'quitquitquit';
  port: number;
  /** `<METHOD> <Host><path>` of every request received since the last {@link LocalEndpoints.clear}. */
  requests: string[];
}

export interface LocalEndpoints {
  byKind: Record<EndpointKind, Endpoint>;
  quitquitquit: Endpoint;
  /** Forgets the recorded requests. */
  clear(): void;
  close(): Promise<void>;
}

type Answer = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const ENVOY = { server: 'envoy' };

const ANSWERS: Record<EndpointKind | 'quitquitquit', Answer> = {
  'http-200': (_req, res) => {
    res.writeHead(200, { ...ENVOY, 'content-type': 'text/plain' });
    res.end('Hello version: v1, instance: helloworld-local\n');
  },
  'http-502': (_req, res) => {
    res.writeHead(502, 'Bad Gateway', { ...ENVOY, 'transfer-encoding': 'chunked' });
    res.end();
  },
  'http-404': (_req, res) => {
    res.writeHead(404, 'Not Found', { ...ENVOY, 'content-length': '0' });
    res.end();
  },
  'curl-exit-56': (req) => {
    req.socket.resetAndDestroy();
  },
  hang: () => {
    // Never answers; close() drops the connection.
  },
  'tls-ok': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('external host\n');
  },
  'curl-exit-35': () => {
    // Not an HTTP server: see listen().
  },
  quitquitquit: (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('OK\n');
  },
};

const fixture = (file: string) => fs.readFileSync(path.join(__dirname, 'fixtures', file));

async function listen(kind: Endpoint['kind']): Promise<{ endpoint: Endpoint; server: net.Server & { closeAllConnections?: () => void } }> {
  const endpoint: Endpoint = { kind, port: 0, requests: [] };
  const answer = (req: http.IncomingMessage, res: http.ServerResponse) => {
    endpoint.requests.push(`${req.method} ${req.headers.host ?? ''}${req.url}`);
    ANSWERS[kind](req, res);
  };
  const sockets = new Set<net.Socket>();
  const server =
    kind === 'curl-exit-35'
      ? net.createServer((socket) => {
          sockets.add(socket);
          socket.once('data', (data) => {
            // A TLS handshake record (0x16) carrying a ClientHello (1): reset it.
            endpoint.requests.push(data[0] === 0x16 && data[5] === 1 ? 'TLS ClientHello' : 'not TLS');
            socket.resetAndDestroy();
          });
          socket.once('close', () => sockets.delete(socket));
        })
      : kind === 'tls-ok'
        ? https.createServer({ key: fixture('local-tls.key'), cert: fixture('local-tls.crt') }, answer)
        : http.createServer(answer);
  if (kind === 'curl-exit-35') {
    Object.assign(server, { closeAllConnections: () => sockets.forEach((s) => s.destroy()) });
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  endpoint.port = (server.address() as AddressInfo).port;
  return { endpoint, server };
}

/** Starts one server per kind plus the quitquitquit stub; call close() when done. */
export async function startLocalEndpoints(): Promise<LocalEndpoints> {
  const started = await Promise.all([...ENDPOINT_KINDS, 'quitquitquit' as const].map(listen));
  const byKind = Object.fromEntries(started.slice(0, -1).map(({ endpoint }) => [endpoint.kind, endpoint])) as Record<
    EndpointKind,
    Endpoint
  >;
  return {
    byKind,
    quitquitquit: started[started.length - 1].endpoint,
    clear: () => started.forEach(({ endpoint }) => (endpoint.requests.length = 0)),
    close: async () => {
      await Promise.all(
        started.map(
          ({ server }) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections?.();
            }),
        ),
      );
    },
  };
}
