/**
 * The probes of one analysis: every non-UDP Service port (`curl http://<fqdn>:<port>/`), every
 * exact ServiceEntry host × port, the `externalProbes` (`host:port`), and the `requests`
 * (a URL, optionally `connectTo` a Service: curl's `--resolve`). A request's probe key (`to`)
 * is its URL normalized with the port (`https://en.wikipedia.org:443/wiki/Main_Page`), followed
 * by `@<Service FQDN>` when it connects elsewhere.
 */
import type { ServiceIndex } from './service-index';
import { hostServes, type ExternalServiceModel } from './service-entry';
import { InputError } from './load-manifests';
import { CLUSTER_DOMAIN, type ProbeRequest } from './types';

export interface ProbeTarget {
  id: number;
  /** The Service connected to (its VIP), or -1 for an external host / address. */
  serviceIndex: number;
  /** The Service FQDN, or the external host. */
  fqdn: string;
  port: number;
  to: string;
  /** Host header / SNI. */
  host: string;
  tls: boolean;
  path: string;
  /** A request from `requests`: decided per client, never by the shared per-port tables. */
  request: boolean;
  /** The request names the address it connects to (`connectTo`, curl's `--resolve`): no DNS lookup. */
  connect: boolean;
}

/** `svc.ns`, `svc.ns.svc` or the FQDN of a Service of the input. */
function serviceOf(host: string, index: ServiceIndex): string | undefined {
  for (const c of [host, `${host}.svc.${CLUSTER_DOMAIN}`, `${host}.${CLUSTER_DOMAIN}`]) if (index.byFqdn.has(c)) return c;
  return undefined;
}

export interface ParsedRequest {
  to: string;
  host: string;
  port: number;
  tls: boolean;
  path: string;
  connectTo: string | null;
}

/** Parses one request; throws an {@link InputError} for a URL that is not `http(s)://host[:port][/path]`. */
export function parseProbeRequest(r: ProbeRequest): ParsedRequest {
  let url: URL;
  try {
    url = new URL(r.url);
  } catch {
    throw new InputError(`probe "${r.url}" must be a URL such as https://api.example.com/ or http://10.0.0.7:3128/`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InputError(`probe "${r.url}": only http:// and https:// URLs are probed`);
  const tls = url.protocol === 'https:';
  const port = Number(url.port || (tls ? 443 : 80));
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const connectTo = r.connectTo ? r.connectTo.toLowerCase() : null;
  const to = `${url.protocol}//${host}:${port}${url.pathname}${connectTo ? `@${connectTo}` : ''}`;
  return { to, host, port, tls, path: url.pathname, connectTo };
}

const HOST_PORT = /^([A-Za-z0-9.-]+\.[A-Za-z0-9-]+):([0-9]{1,5})$/;

export function probeTargets(index: ServiceIndex, externals: readonly ExternalServiceModel[], extra: readonly string[], requests: readonly ProbeRequest[]): ProbeTarget[] {
  const out: ProbeTarget[] = [];
  const seen = new Set<string>();
  const add = (t: Omit<ProbeTarget, 'id'>): void => {
    if (seen.has(t.to)) return;
    seen.add(t.to);
    out.push({ id: out.length, serviceIndex: t.serviceIndex, fqdn: t.fqdn, port: t.port, to: t.to, host: t.host, tls: t.tls, path: t.path, request: t.request, connect: t.connect });
  };
  for (const s of index.services) {
    for (const p of s.ports) {
      if (p.protocol === 'UDP') continue;
      add({ serviceIndex: s.index, fqdn: s.fqdn, port: p.port, to: `${s.fqdn}:${p.port}`, host: s.fqdn, tls: false, path: '/', request: false, connect: false });
    }
  }
  const external = (host: string, port: number, tls: boolean): void =>
    add({ serviceIndex: -1, fqdn: host, port, to: `${host}:${port}`, host, tls, path: '/', request: false, connect: false });
  for (const e of externals) {
    if (e.wildcard) continue;
    for (const p of e.ports) if (p.protocol !== 'UDP') external(e.host, p.number, p.protocol === 'HTTPS' || p.protocol === 'TLS');
  }
  for (const raw of extra) {
    const m = HOST_PORT.exec(raw);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) throw new InputError(`external probe "${raw}" must be <host>:<port>, e.g. en.wikipedia.org:443`);
    const host = m[1].toLowerCase();
    const port = Number(m[2]);
    const declared = externals.flatMap((e) => (hostServes(e.host, host) ? e.ports.filter((p) => p.number === port) : []))[0];
    external(host, port, declared ? declared.protocol === 'HTTPS' || declared.protocol === 'TLS' : port === 443);
  }
  for (const r of requests) {
    const parsed = parseProbeRequest(r);
    // A request to a Service's ClusterIP connects to that Service, and its Host (the IP) is one of
    // the domains of the Service's virtual host (`httproute.go` `generateVirtualHostDomains` adds
    // every address of the service), so it routes as the Service's own name does.
    const byIp = !parsed.connectTo ? index.services.find((x) => x.clusterIP === parsed.host && !x.headless) : undefined;
    const connect = parsed.connectTo ? serviceOf(parsed.connectTo, index) : byIp ? byIp.fqdn : serviceOf(parsed.host, index);
    if (parsed.connectTo && !connect) throw new InputError(`probe ${r.url}: connectTo ${parsed.connectTo} is no Service of the input`);
    const svc = connect ? index.byFqdn.get(connect) : undefined;
    add({
      serviceIndex: svc ? svc.index : -1,
      fqdn: svc ? svc.fqdn : parsed.host,
      port: parsed.port,
      to: parsed.to,
      host: svc && !parsed.connectTo ? svc.fqdn : parsed.host,
      tls: parsed.tls,
      path: parsed.path,
      request: true,
      connect: parsed.connectTo !== null || byIp !== undefined,
    });
  }
  return out;
}
