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
 * - `quitquitquit`: the sidecar agent's `POST /quitquitquit` on :15020.
 *
 * Every endpoint records the Host header of each request it got. All listen
 * on ephemeral ports; the curl shim (run-check-script.ts) routes to them.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export const ENDPOINT_KINDS = ['http-200', 'http-502', 'http-404', 'curl-exit-56', 'hang'] as const;
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
  quitquitquit: (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('OK\n');
  },
};

async function listen(kind: Endpoint['kind']): Promise<{ endpoint: Endpoint; server: http.Server }> {
  const endpoint: Endpoint = { kind, port: 0, requests: [] };
  const server = http.createServer((req, res) => {
    endpoint.requests.push(`${req.method} ${req.headers.host ?? ''}${req.url}`);
    ANSWERS[kind](req, res);
  });
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
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}
