/**
 * Text and JSON output at scale: summarized above SUMMARY_THRESHOLD rows, every row with --full,
 * --from / --to filters, and output written in bounded chunks. Facts are read back from the
 * output (workload, destination, outcome), never whole sentences or column padding.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dump } from 'js-yaml';
import { buildSyntheticManifests } from '../../src/egress';
import { runEgressCli, type CliIo } from '../../src/egress/run-cli';
import { SUMMARY_THRESHOLD } from '../../src/egress/report-output';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  chunks: number[];
}

let meshFile: string;
let externalFile: string;
beforeAll(() => {
  // 30 namespaces × 4 ports: 30 workloads × 120 destinations = 3,600 probes, above the threshold.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'egress-output-'));
  meshFile = path.join(dir, 'mesh.yaml');
  fs.writeFileSync(meshFile, buildSyntheticManifests(30).map((m) => dump(m)).join('---\n'));
  // The same mesh plus external hosts: an HTTP and an HTTPS entry, and one whose port has no
  // protocol (the model answers "unknown (needs a port protocol)").
  const entry = (name: string, host: string, port: Record<string, unknown>) => ({
    apiVersion: 'networking.istio.io/v1',
    kind: 'ServiceEntry',
    metadata: { name, namespace: 'ns-0000' },
    spec: { hosts: [host], ports: [port], resolution: 'DNS' },
  });
  externalFile = path.join(dir, 'external.yaml');
  const entries = [
    entry('httpbin', 'httpbin.org', { number: 80, name: 'http', protocol: 'HTTP' }),
    entry('github', 'api.github.com', { number: 443, name: 'https', protocol: 'HTTPS' }),
    entry('db', 'db.example.com', { number: 3306, name: 'db' }),
  ];
  fs.writeFileSync(externalFile, [...buildSyntheticManifests(30), ...entries].map((m) => dump(m)).join('---\n'));
});

async function cli(...args: string[]): Promise<Run> {
  return cliOn(meshFile, ...args);
}

async function cliOn(file: string, ...args: string[]): Promise<Run> {
  const run: Run = { code: -1, stdout: '', stderr: '', chunks: [] };
  const io: CliIo = {
    stdout: (t) => {
      run.stdout += t;
      run.chunks.push(t.length);
    },
    stderr: (t) => void (run.stderr += t),
    readStdin: () => '',
    renderChart: async () => ({ code: 1, stdout: '', stderr: 'not used' }),
  };
  run.code = await runEgressCli(['--manifests', file, ...args], io);
  return run;
}

/** Workload names of the `== <ns>/<name>  —  …` section headers. */
const workloadsOf = (text: string) => [...text.matchAll(/^== (\S+)/gm)].map((m) => m[1]);

/** Rows of the full matrix as `{ destination, outcome }`. */
function rowsOf(text: string, workload: string): Array<{ destination: string; outcome: string }> {
  const section = text.split(/^== /m).find((s) => s.startsWith(`${workload} `)) ?? '';
  return section
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((cells) => /\.svc\.cluster\.local:\d+$/.test(cells[0]))
    .map(([destination, outcome]) => ({ destination, outcome }));
}

/** Summary lines of one workload as `{ outcome, port, namespaces }` (namespaces: the count). */
function summaryOf(text: string, workload: string): Array<{ outcome: string; port: number; namespaces: number }> {
  const section = text.split(/^== /m).find((s) => s.startsWith(`${workload} `)) ?? '';
  const facts: Array<{ outcome: string; port: number; namespaces: number }> = [];
  let outcome = '';
  for (const line of section.split('\n')) {
    const m = /^\s+(\w+)?\s+port (\d+): (?:every namespace \((\d+)\)|(\d+) namespaces?)/.exec(line);
    if (!m) continue;
    outcome = m[1] ?? outcome;
    facts.push({ outcome, port: Number(m[2]), namespaces: Number(m[3] ?? m[4]) });
  }
  return facts;
}

describe('egress text output at scale', () => {
  it(`summarizes by default above ${SUMMARY_THRESHOLD} probe rows: per outcome and port, how many namespaces`, async () => {
    const r = await cli();
    expect(r.code).toBe(0);
    expect(workloadsOf(r.stdout)).toHaveLength(30);
    const facts = summaryOf(r.stdout, 'ns-0000/app-0');
    // Every (port) accounts for all 30 destination namespaces across its outcomes.
    const perPort = new Map<number, number>();
    for (const f of facts) perPort.set(f.port, (perPort.get(f.port) ?? 0) + f.namespaces);
    expect([...perPort.values()]).toEqual([30, 30, 30, 30]);
    expect(rowsOf(r.stdout, 'ns-0000/app-0')).toEqual([]);
  });

  it('agrees with --full on how many namespaces each outcome reaches', async () => {
    const [summary, full] = await Promise.all([cli(), cli('--full')]);
    const rows = rowsOf(full.stdout, 'ns-0003/app-3');
    const facts = summaryOf(summary.stdout, 'ns-0003/app-3');
    expect([rows.length, facts.length >= 4]).toEqual([120, true]);
    for (const f of facts) {
      const namespaces = new Set(
        rows.filter((r) => r.outcome === f.outcome && r.destination.endsWith(`:${f.port}`)).map((r) => r.destination.split('.')[1]),
      );
      expect({ ...f, namespaces: namespaces.size }).toEqual(f);
    }
  });

  it('keeps only the workloads of --from and the destinations of --to', async () => {
    const r = await cli('--from', 'ns-0001', '--from', 'ns-0002', '--to', 'ns-0005', '--full');
    expect(workloadsOf(r.stdout)).toEqual(['ns-0001/app-1', 'ns-0002/app-2']);
    const destinations = new Set(rowsOf(r.stdout, 'ns-0001/app-1').map((row) => row.destination.split('.')[1]));
    expect([...destinations]).toEqual(['ns-0005']);
  });

  it('prints a small filtered output in full without --full', async () => {
    const r = await cli('--from', 'ns-0001');
    expect(rowsOf(r.stdout, 'ns-0001/app-1')).toHaveLength(120);
  });

  it('summarizes a small output with --summary', async () => {
    const r = await cli('--from', 'ns-0001', '--summary');
    expect([rowsOf(r.stdout, 'ns-0001/app-1'), summaryOf(r.stdout, 'ns-0001/app-1').length > 0]).toEqual([[], true]);
  });

  it('writes the full output in chunks (about 64 KB of whole workload sections), never one string', async () => {
    const r = await cli('--full');
    expect(r.chunks.length).toBeGreaterThan(5);
    expect(Math.max(...r.chunks)).toBeLessThan(r.stdout.length / 5);
  });

  it('rejects --full with --summary', async () => {
    const r = await cli('--full', '--summary');
    expect(r.code).toBe(2);
  });
});

describe('egress --json output at scale', () => {
  it('keeps its shape and applies --from and --to', async () => {
    const r = await cli('--json', '--from', 'ns-0004', '--to', 'ns-0006', '--to', 'ns-0007');
    const out = JSON.parse(r.stdout) as { workloads: Array<{ workload: string }>; probes: Array<{ from: string; to: string }> };
    expect(Object.keys(out)).toEqual(['workloads', 'probes']);
    expect(out.workloads.map((w) => w.workload)).toEqual(['ns-0004/app-4']);
    expect(out.probes).toHaveLength(8);
    expect(new Set(out.probes.map((p) => p.to.split('.')[1]))).toEqual(new Set(['ns-0006', 'ns-0007']));
  });

  it('streams the whole result in chunks', async () => {
    const r = await cli('--json');
    expect(JSON.parse(r.stdout).probes).toHaveLength(3600);
    expect(r.chunks.length).toBeGreaterThan(5);
  });
});

describe('egress output with external hosts (ServiceEntries)', () => {
  const EXTERNAL = ['httpbin.org', 'api.github.com', 'db.example.com'];

  /** Full-output rows to an external host, as `{ outcome, port, host }`. */
  function externalRows(text: string, workload: string): Array<{ outcome: string; port: number; host: string }> {
    const section = text.split(/^== /m).find((s) => s.startsWith(`${workload} `)) ?? '';
    return [...section.matchAll(/^ {2}([a-z][-a-z0-9.]*\.[a-z]+):(\d+)\s+(\w+)/gm)]
      .filter((m) => !m[1].endsWith('.svc.cluster.local'))
      .map((m) => ({ outcome: m[3], port: Number(m[2]), host: m[1] }));
  }

  /** Summary lines naming external hosts, one fact per host: `{ outcome, port, host }`. */
  function externalSummary(text: string, workload: string): Array<{ outcome: string; port: number; host: string }> {
    const section = text.split(/^== /m).find((s) => s.startsWith(`${workload} `)) ?? '';
    const facts: Array<{ outcome: string; port: number; host: string }> = [];
    let outcome = '';
    for (const line of section.split('\n')) {
      const m = /^\s+(\w+)?\s+port (\d+): (?:(\d+) external hosts?: (.*)|.*)$/.exec(line);
      if (!m) continue;
      outcome = m[1] ?? outcome;
      if (m[4]) for (const host of m[4].split(', ')) facts.push({ outcome, port: Number(m[2]), host });
    }
    return facts;
  }

  it('summarizes each external host under its outcome and port, as --full decides it, unknown outcomes included', async () => {
    const [summary, full] = await Promise.all([cliOn(externalFile, '--summary'), cliOn(externalFile, '--full')]);
    expect([summary.code, full.code]).toEqual([0, 0]);
    // ns-0000 declares the entries (the protocol-less port is unknown there); the others do not import them.
    expect(externalRows(full.stdout, 'ns-0000/app-0')).toContainEqual({ outcome: 'unknown', port: 3306, host: 'db.example.com' });
    for (const workload of ['ns-0000/app-0', 'ns-0001/app-1', 'ns-0002/app-2', 'ns-0017/app-17']) {
      const rows = externalRows(full.stdout, workload);
      expect(new Set(rows.map((r) => r.host))).toEqual(new Set(EXTERNAL));
      const sortKey = (f: { outcome: string; port: number; host: string }) => `${f.outcome} ${f.port} ${f.host}`;
      expect(externalSummary(summary.stdout, workload).map(sortKey).sort()).toEqual(rows.map(sortKey).sort());
    }
  });

  it('does not count an external host as a namespace', async () => {
    const r = await cliOn(externalFile, '--summary', '--from', 'ns-0002');
    const namespaces = summaryOf(r.stdout, 'ns-0002/app-2');
    const perPort = new Map<number, number>();
    for (const f of namespaces) perPort.set(f.port, (perPort.get(f.port) ?? 0) + f.namespaces);
    expect(Object.fromEntries(perPort)).toEqual({ 80: 30, 8081: 30, 9090: 30, 5432: 30 });
    expect(r.stdout).not.toMatch(/namespaces?: .*\bexample\b/);
  });

  it('keeps an external host with --to <host>', async () => {
    const r = await cliOn(externalFile, '--full', '--from', 'ns-0003', '--to', 'api.github.com');
    expect(externalRows(r.stdout, 'ns-0003/app-3').map((row) => row.host)).toEqual(['api.github.com']);
    expect(rowsOf(r.stdout, 'ns-0003/app-3')).toEqual([]);
  });
});
