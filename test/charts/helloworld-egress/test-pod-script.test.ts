/**
 * The `helm test` pods' check script (templates/tests/egress-test.yaml), run:
 * each rendered pod's command and args, under /bin/sh, with the real curl,
 * against local endpoints that answer like the app (200), Envoy's block_all
 * (502), Envoy's no-route (404) and BlackHoleCluster (reset, curl exit 56), and,
 * for the external-host checks (`tests.externalHosts`), a TLS server (handshake
 * completes: `tls-ok`) and a reset during the TLS handshake (curl exit 35).
 */
import { expectedOutcomes, PROBE_OUTCOMES } from '../../../src/egress/expectations';
import type { Probe } from '../../../src/egress/types';
import { loadChart, type RenderResult } from '../../../src/testing';
import { ENDPOINT_KINDS, startLocalEndpoints, type EndpointKind, type LocalEndpoints } from './local-endpoints';
import { CheckScriptRunner, hostHeader, parseCheck, type Check, type CheckRun } from './run-check-script';
import { externalMix } from './external-mix-values';

const chart = loadChart('charts/helloworld-egress');

interface TestPod {
  /** `<namespace>/<name>` */
  name: string;
  command: string[];
  args: string[];
  checks: Check[];
}

function testPods(out: RenderResult): TestPod[] {
  const pods = out.template('templates/tests/egress-test.yaml').map((doc) => {
    const container = doc.spec.containers[0] as { command: string[]; args: string[] };
    return {
      name: `${doc.metadata?.namespace}/${doc.metadata?.name}`,
      command: container.command,
      args: container.args,
      checks: container.args.map(parseCheck),
    };
  });
  if (pods.length === 0) throw new Error('the render has no test pods');
  return pods;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const okLine = (c: Check) => expect.stringMatching(new RegExp(`^ok\\s+${escape(c.target)}\\s+${escape(c.expected)}$`));
const failLine = (c: Check, got: string) =>
  expect.stringMatching(new RegExp(`^FAIL\\s+${escape(c.target)}\\s+expected ${escape(c.expected)}, got ${escape(got)}$`));

let endpoints: LocalEndpoints;
let runner: CheckScriptRunner;

beforeAll(async () => {
  endpoints = await startLocalEndpoints();
  runner = new CheckScriptRunner(endpoints);
});

afterAll(async () => {
  runner?.cleanup();
  await endpoints?.close();
});

/** Runs one pod with every endpoint matching its expectation; asserts success, `ok` lines and what was requested. */
async function expectAllPass(pod: TestPod): Promise<void> {
  expect(pod.command[0]).toBe('/bin/sh');
  endpoints.clear();
  const run = await runner.run(pod.command, pod.args);
  expect({ pod: pod.name, exitCode: run.exitCode, stderr: run.stderr }).toEqual({ pod: pod.name, exitCode: 0, stderr: '' });
  expect(run.lines).toEqual(pod.checks.map(okLine));
  for (const kind of ENDPOINT_KINDS) {
    const sent = pod.checks.filter((c) => c.expected === kind).map((c) => (kind === 'curl-exit-35' ? 'TLS ClientHello' : `GET ${hostHeader(c.target)}/`));
    expect({ kind, requests: endpoints.byKind[kind].requests }).toEqual({ kind, requests: sent });
  }
  expect(endpoints.quitquitquit.requests).toEqual(['POST localhost:15020/quitquitquit']);
}

/** The first check of the seed's pods that expects `expected`, and its pod. */
function firstExpecting(pods: TestPod[], expected: string): { pod: TestPod; check: Check } {
  for (const pod of pods) {
    const check = pod.checks.find((c) => c.expected === expected);
    if (check) return { pod, check };
  }
  throw new Error(`no check of the seed's test pods expects ${expected}`);
}

function expectOneFailure(run: CheckRun, pod: TestPod, failed: Check, got: string): void {
  expect(run.exitCode).not.toBe(0);
  expect(run.signal).toBeNull();
  expect(run.lines).toEqual(pod.checks.map((c) => (c === failed ? failLine(c, got) : okLine(c))));
}

describe('the helm test pods’ check script, run with real curl against local endpoints', () => {
  it.each([4, 3] as const)(
    'passes every check of the seed’s pods rendered by Helm %i, prints ok per check and stops the sidecar',
    async (helm) => {
      const pods = testPods(await chart.render({ helm }));
      expect(pods.map((p) => p.name)).toEqual(['default/helloworld-egress-test-default', 'foo/helloworld-egress-test-foo']);
      for (const pod of pods) await expectAllPass(pod);
    },
  );

  it.each(['values/allow-any.yaml', 'values/deny-all.yaml', 'values/three-namespaces.yaml'])(
    'passes every check of the pods rendered from %s when each endpoint behaves as predicted',
    async (file) => {
      for (const pod of testPods(await chart.render({ values: [file] }))) await expectAllPass(pod);
    },
  );

  it('passes the external-host checks too, one per outcome kind, with a TLS handshake for https targets', async () => {
    const pods = testPods(await chart.render({ set: externalMix }));
    const external = pods.flatMap((p) => p.checks).filter((c) => !c.target.includes('.svc.cluster.local:'));
    expect(new Set(external.map((c) => c.expected))).toEqual(new Set(['tls-ok', 'curl-exit-35', 'curl-exit-56', 'http-200', 'http-502']));
    for (const pod of pods) await expectAllPass(pod);
  });

  it.each<[string, EndpointKind]>([
    ['tls-ok', 'curl-exit-35'],
    ['curl-exit-35', 'tls-ok'],
    ['curl-exit-56', 'http-200'],
    ['http-200', 'http-502'],
  ])('fails an external-host check expecting %s that meets %s', async (expected, got) => {
    const pods = testPods(await chart.render({ set: externalMix }));
    const { pod, check } = firstExpecting(
      pods.map((p) => ({ ...p, checks: p.checks.filter((c) => !c.target.includes('.svc.cluster.local:')) })),
      expected,
    );
    const full = pods.find((p) => p.name === pod.name)!;
    endpoints.clear();
    const run = await runner.run(full.command, full.args, { answeredBy: { [check.target]: got } });
    expectOneFailure(run, full, full.checks.find((c) => c.target === check.target)!, got);
  });

  it.each<[string, EndpointKind]>([
    ['http-502', 'http-200'],
    ['curl-exit-56', 'http-502'],
    ['curl-exit-56', 'http-200'],
    ['http-200', 'http-502'],
    ['http-200', 'curl-exit-56'],
    ['http-502', 'curl-exit-56'],
    ['http-200', 'http-404'],
  ])('fails and names the target, expected and got when a check expecting %s meets %s', async (expected, got) => {
    const { pod, check } = firstExpecting(testPods(await chart.render({})), expected);
    endpoints.clear();
    const run = await runner.run(pod.command, pod.args, { answeredBy: { [check.target]: got } });
    expectOneFailure(run, pod, check, got);
    expect(endpoints.byKind[got].requests).toContain(`GET ${hostHeader(check.target)}/`);
    expect(endpoints.quitquitquit.requests).toEqual(['POST localhost:15020/quitquitquit']);
  });

  it('reports a target that never answers as a failure (curl exit 28), whatever was expected', async () => {
    const pods = testPods(await chart.render({}));
    endpoints.clear();
    const cases = ['http-200', 'http-502', 'curl-exit-56'].map((expected) => firstExpecting(pods, expected));
    // 2 s per curl instead of the pod's 10: short, with room for the pod's other checks on a busy machine.
    const runs = await Promise.all(
      cases.map(({ pod, check }) =>
        runner.run(pod.command, pod.args, { answeredBy: { [check.target]: 'hang' }, timeoutSeconds: 2 }),
      ),
    );
    cases.forEach(({ pod, check }, i) => expectOneFailure(runs[i], pod, check, 'curl-exit-28'));
    expect(endpoints.byKind.hang.requests).toHaveLength(3);
    expect(endpoints.quitquitquit.requests).toHaveLength(3);
  });

  it('tells every outcome kind the egress prediction emits apart', async () => {
    const [pod] = testPods(await chart.render({}));
    // `unknown` has nothing a curl could check; `route_response` (a VirtualService route answers) needs a
    // VirtualService, which the chart does not render.
    const probes: Probe[] = PROBE_OUTCOMES.filter((o) => o !== 'unknown' && o !== 'route_response').map((outcome, i) => ({
      from: 'default/helloworld-default',
      to: `probe-${outcome.replace(/_/g, '-')}.example.svc.cluster.local:${i % 2 ? 8080 : 80}`,
      outcome,
      via: '',
      reason: '',
    }));
    const observed = (e: ReturnType<typeof expectedOutcomes>[number]) =>
      e.httpStatus === null ? `curl-exit-${e.curlExitCode}` : `http-${e.httpStatus}`;
    const args = expectedOutcomes(probes).map((e) => `${e.to}=${observed(e)}`);
    expect(new Set(args.map((a) => parseCheck(a).expected))).toEqual(new Set(['http-200', 'http-502', 'http-404', 'curl-exit-56']));

    const matching = await runner.run(pod.command, args);
    expect(matching.exitCode).toBe(0);
    expect(matching.lines).toEqual(args.map(parseCheck).map(okLine));

    // Each target answered by the next distinct outcome's endpoint: every check must fail.
    const kinds: EndpointKind[] = ['http-200', 'http-502', 'http-404', 'curl-exit-56'];
    const wrong = (expected: string) => kinds[(kinds.indexOf(expected as EndpointKind) + 1) % kinds.length];
    const checks = args.map(parseCheck);
    const answeredBy = Object.fromEntries(checks.map((c) => [c.target, wrong(c.expected)]));
    const mismatched = await runner.run(pod.command, args, { answeredBy });
    expect(mismatched.exitCode).not.toBe(0);
    expect(mismatched.lines).toEqual(checks.map((c) => failLine(c, wrong(c.expected))));
  });

  it('gives each curl 10 seconds unless EGRESS_CHECK_TIMEOUT is set, and the pod does not set it', async () => {
    const out = await chart.render({});
    const pods = out.template('templates/tests/egress-test.yaml');
    expect(pods).toMatchValueRegex('spec.containers[0].command[2]', /--max-time "\$\{EGRESS_CHECK_TIMEOUT:-10\}"/);
    expect(pods).not.toHavePath('spec.containers[0].env');
  });
});
