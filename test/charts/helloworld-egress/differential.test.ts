/**
 * Differential property test: for generated values that pass validate-values,
 * real `helm template` of the committed chart and the concrete TypeScript
 * render of the same values (merged over the defaults as helm merges them)
 * give the same documents, compared both ways by kind/namespace/name and
 * template by template; every rendered object passes its kubernetes-models
 * schema; and the NOTES helm renders list, per namespace, the checks and the
 * external hosts the TypeScript egress helpers compute (the analyzer's prediction).
 * The generated values draw ServiceEntries and Sidecar hosts naming them, and half
 * of them turn on the test pods' external-host checks (arbitrary-values.ts). Seeded, so a CI failure reproduces; a
 * time limit ends a slow shrink as a failure, and the failure names the
 * values file that reproduces it.
 *
 * NOTES come from the same `helm template` process: a copy of the chart gets
 * one extra ConfigMap template that includes NOTES.txt with the top-level
 * context, as the toolkit renders NOTES for Helm 3 (test/testing/notes.test.ts
 * shows that route equals `helm install`'s notes).
 */
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { helloworldEgress, type HelloworldEgressValues } from '../../../src/charts';
import { concreteBuiltIns, renderConcrete } from '../../../src/generator';
import { loadChart, type HelmMajor } from '../../../src/testing';
import { helmMergedValues, type ValuesMap } from '../../../src/values/helm-merge';
import { schemaProblems } from '../../../src/values/schema-problems';
import { semanticProblems } from '../../../src/values/semantic-problems';
import { arbitraryDuplicatePort, arbitraryValues } from './arbitrary-values';

const CHART = 'charts/helloworld-egress';
const NOTES_TEMPLATE = 'templates/zz-differential-notes.yaml';
const schema = JSON.parse(fs.readFileSync(path.join(CHART, 'values.schema.json'), 'utf8'));
const release = { name: 'diff-release', namespace: 'diff-ns' };
let dir: string;
let chart: ReturnType<typeof loadChart>;
let counter = 0;

/** A ConfigMap holding NOTES.txt rendered with the top-level context (`.Template.Name` set to NOTES.txt). */
const notesTemplate = (chartName: string) => `{{- $ctx := dict "Values" .Values "Release" .Release "Chart" .Chart "Capabilities" .Capabilities "Files" .Files "Subcharts" .Subcharts "Template" (dict "Name" "${chartName}/templates/NOTES.txt" "BasePath" "${chartName}/templates") }}
apiVersion: v1
kind: ConfigMap
metadata:
  name: differential-notes
  namespace: {{ .Release.Namespace }}
data:
  notes: {{ include "${chartName}/templates/NOTES.txt" $ctx | toJson }}
`;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'differential-'));
  const copy = path.join(dir, 'chart');
  fs.cpSync(CHART, copy, { recursive: true });
  fs.writeFileSync(path.join(copy, NOTES_TEMPLATE), notesTemplate(helloworldEgress.name));
  chart = loadChart(copy);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const egressChecks = helloworldEgress.helpers!.find((h) => (h as { helperName?: string }).helperName === 'egressChecks') as unknown as (
  values: HelloworldEgressValues,
  args: { from: HelloworldEgressValues['namespaces'][number]; every?: boolean },
) => string[];

const externalOutcomes = helloworldEgress.helpers!.find((h) => (h as { helperName?: string }).helperName === 'externalOutcomes') as unknown as (
  values: HelloworldEgressValues,
  args: { from: HelloworldEgressValues['namespaces'][number] },
) => string[];

const podProxy = helloworldEgress.helpers!.find((h) => (h as { helperName?: string }).helperName === 'podProxy') as unknown as (
  values: HelloworldEgressValues,
  args: { from: HelloworldEgressValues['namespaces'][number] },
) => string;

/** NOTES lists the checks of a namespace with a Sidecar whose pods get a sidecar (the analyzer's injection decision). */
const predicted = (v: HelloworldEgressValues, from: HelloworldEgressValues['namespaces'][number]): boolean => Boolean(from.sidecar) && podProxy(v, { from }) === 'sidecar';

/** A namespace's external-host lines in NOTES: the hosts it may reach (null: not printed) and the "any other" line. */
interface ExternalFacts {
  reach: string[] | null;
  other: string | undefined;
}

/** What a NOTES text says: the release, each listed namespace's checks (null: no Sidecar) and external hosts, or a namespace count, and the `helm test` line. */
interface NotesFacts {
  release: string | undefined;
  namespaces: Record<string, string[] | null> | { count: number };
  external: Record<string, ExternalFacts>;
  helmTest: string | undefined;
}

function notesFacts(text: string): NotesFacts {
  const count = /^(\d+) namespaces: too many/m.exec(text);
  const listed: Record<string, string[] | null> = {};
  const external: Record<string, ExternalFacts> = {};
  let current: string[] | null = null;
  let ext: ExternalFacts | null = null;
  for (const line of text.split('\n')) {
    const from = /^ {2}from (\S+?):(.*)$/.exec(line);
    const check = /^ {4}(\S+) {2}(\S+)$/.exec(line);
    const other = /^ {4}any other external host: (.*)$/.exec(line);
    if (from) {
      listed[from[1]] = current = from[2] === '' ? [] : null;
      external[from[1]] = ext = { reach: null, other: undefined };
    } else if (check && current) current.push(`${check[1]}=${check[2]}`);
    else if (ext && line === '    external hosts it may reach (ServiceEntries it imports):') ext.reach = [];
    else if (ext?.reach && /^ {6}\S/.test(line)) ext.reach.push(line.slice(6));
    else if (ext && other) ext.other = other[1];
  }
  return {
    release: /release (\S+) /.exec(text)?.[1],
    namespaces: count ? { count: Number(count[1]) } : listed,
    external: count ? {} : external,
    helmTest: /^ {2}helm test (\S+ -n \S+) /m.exec(text)?.[1],
  };
}

/** NOTES' external-host lines, from the TypeScript helper (the analyzer's prediction). */
function expectedExternal(v: HelloworldEgressValues, from: HelloworldEgressValues['namespaces'][number]): ExternalFacts {
  if (!predicted(v, from)) return { reach: null, other: undefined };
  const mode = from.sidecar?.outboundTrafficPolicy ?? v.istio.meshOutboundTrafficPolicy;
  const reach = externalOutcomes(v, { from })
    .map((e) => e.split('|'))
    .filter(([kind, , outcome]) => kind !== 'fixed' && (outcome === 'ok' || outcome.startsWith('unknown')))
    .map(([, label, outcome]) => (outcome === 'ok' ? label : `${label}  ${outcome}`));
  return {
    reach: v.serviceEntries.length > 0 ? (reach.length > 0 ? reach : ['none']) : null,
    other:
      v.serviceEntries.length > 0 || mode === 'ALLOW_ANY'
        ? mode === 'ALLOW_ANY'
          ? 'passes through (ALLOW_ANY: PassthroughCluster)'
          : 'blocked (REGISTRY_ONLY)'
        : undefined,
  };
}

/** The NOTES facts the TypeScript side predicts for merged values `v`. */
function expectedNotesFacts(v: HelloworldEgressValues): NotesFacts {
  const many = v.namespaces.length > 10;
  return {
    release: release.name,
    namespaces: many
      ? { count: v.namespaces.length }
      : Object.fromEntries(v.namespaces.map((from) => [from.name, predicted(v, from) ? egressChecks(v, { from, every: true }) : null])),
    external: many ? {} : Object.fromEntries(v.namespaces.map((from) => [from.name, expectedExternal(v, from)])),
    helmTest: v.tests.enabled ? `${release.name} -n ${release.namespace}` : undefined,
  };
}

const key = (d: { kind?: string; metadata?: { namespace?: string; name?: string } }) =>
  `${d.kind}/${d.metadata?.namespace ?? ''}/${d.metadata?.name}`;

/**
 * Renders `values` with helm and with TypeScript and compares them. `errors` lists the
 * paths validate-values must report as errors for these values (none for valid values).
 */
async function helmEqualsTypeScript(values: ValuesMap, helm: HelmMajor, errors: string[] = []): Promise<void> {
  const file = path.join(dir, `values-${counter++}.json`);
  fs.writeFileSync(file, JSON.stringify(values));
  try {
    // Valid values, or the property says nothing: the schema and the semantic rules of `helmts validate`.
    const merged = helmMergedValues(helloworldEgress.defaults as unknown as ValuesMap, [values]);
    const problems = [...schemaProblems(merged, schema), ...semanticProblems(merged)];
    expect(problems.filter((p) => p.severity === 'error').map((p) => p.path)).toEqual(errors);

    const out = await chart.render({ values: [file], release, helm }); // validates every document
    const expected = renderConcrete(helloworldEgress, merged as never, concreteBuiltIns(helloworldEgress, release));

    // Both directions: the same set of objects by kind/namespace/name, each equal.
    const helmDocs = out.documents.filter((d) => !(d.kind === 'ConfigMap' && d.metadata?.name === 'differential-notes'));
    const tsDocs = expected.flatMap((t) => t.documents);
    expect(helmDocs.map(key).sort()).toEqual(tsDocs.map(key).sort());
    const tsByKey = new Map(tsDocs.map((d) => [key(d), d]));
    for (const doc of helmDocs) expect({ key: key(doc), doc }).toEqual({ key: key(doc), doc: tsByKey.get(key(doc)) });
    // And each object comes from the same template.
    for (const { template, documents } of expected) {
      expect({ template, documents: out.template(template).map(key) }).toEqual({ template, documents: documents.map(key) });
    }

    const notes = out.document({ kind: 'ConfigMap', name: 'differential-notes' }).data?.notes as string;
    expect(notesFacts(notes)).toEqual(expectedNotesFacts(merged as unknown as HelloworldEgressValues));
  } catch (error) {
    // Keep the failing values where the report says, since the temp dir goes at the end.
    const kept = path.join(os.tmpdir(), `helloworld-egress-differential-helm${helm}-failure.json`);
    fs.copyFileSync(file, kept);
    throw new Error(`values file ${kept} (helm template r ${CHART} -f ${kept}):\n${(error as Error).message}`);
  }
}

/** Ends the run, shrinking included, as a failure after `ms`, so a Jest timeout never loses the counterexample. */
const timeLimit = (ms: number) => ({ interruptAfterTimeLimit: ms, markInterruptAsFailure: true });

describe('helm template versus the TypeScript render', () => {
  it('agree on 200 generated valid values files on Helm 4, NOTES included', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryValues, (values) => helmEqualsTypeScript(values as unknown as ValuesMap, 4)),
      { seed: 20261125, numRuns: 200, endOnFailure: false, ...timeLimit(270_000) },
    );
  }, 300_000);

  it('agree on a sample of 25 generated valid values files on Helm 3, NOTES included', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryValues, (values) => helmEqualsTypeScript(values as unknown as ValuesMap, 3)),
      { seed: 3172026, numRuns: 25, ...timeLimit(100_000) },
    );
  }, 120_000);

  it('agree on values with two egress listeners on one port, which validate-values reports at the second', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryDuplicatePort, ({ values, namespace, duplicate }) =>
        helmEqualsTypeScript(values as unknown as ValuesMap, 4, [`namespaces[${namespace}].sidecar.egress[${duplicate}].port`]),
      ),
      { seed: 2026120, numRuns: 20, ...timeLimit(50_000) },
    );
  }, 60_000);

  it('agree on the edge cases the property is meant to reach', async () => {
    const edge = {
      app: { name: 'on', image: { repository: 'nginx', tag: '0777', pullPolicy: 'Never' }, containerPort: 65535, replicas: 0, resources: {} },
      service: { ports: [{ name: 'no', port: 1, targetPort: 65535, appProtocol: 'tcp' }] },
      namespaces: [
        { name: '1e3', create: true, labels: { y: '', on: '0777' }, sidecar: { egress: [] } },
        {
          name: 'no',
          create: false,
          sidecar: {
            outboundTrafficPolicy: 'ALLOW_ANY',
            egress: [{ port: 65535, protocol: 'MONGO', name: 'off', hosts: ['*/*', '~/*', './*', '1e3/*.1e3.svc.cluster.local'] }],
          },
        },
      ],
      // ServiceEntries with YAML-trap names, every optional field, and a host the 'no' Sidecar imports.
      serviceEntries: [
        { name: 'on', namespace: '1e3', hosts: ['*.on.example'], ports: [{ number: 65535, protocol: 'MONGO', name: 'no' }], resolution: 'NONE', exportTo: ['.', 'no'] },
        {
          name: 'y',
          namespace: 'no',
          hosts: ['0777.example', 'Yes.Example'],
          ports: [{ number: 1, protocol: 'HTTP', name: 'y', targetPort: 65535 }],
          resolution: 'STATIC',
          location: 'MESH_INTERNAL',
          addresses: ['240.0.0.1'],
          endpoints: [{ address: '1e3.example', ports: { y: 1 } }],
        },
      ],
      istio: { sidecarApiVersion: 'networking.istio.io/v1', meshOutboundTrafficPolicy: 'REGISTRY_ONLY' },
      tests: { enabled: true, image: 'curlimages/curl:8.11.1' },
    };
    await helmEqualsTypeScript(edge, 4);
  });

  it('agree without test pods, and with more namespaces than NOTES lists', async () => {
    const many = Array.from({ length: 11 }, (_, i) => ({ name: `ns-${i}`, create: false, sidecar: { egress: [{ port: 80, protocol: 'HTTP', name: 'http', hosts: ['./*'] }] } }));
    await helmEqualsTypeScript({ namespaces: many, tests: { enabled: false, image: 'curlimages/curl:8.11.1' } }, 4);
  });
});
