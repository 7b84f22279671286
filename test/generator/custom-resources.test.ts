/**
 * Typed custom resources from the kubernetes-models line (ES modules only, base 6): a chart with a cert-manager
 * Certificate and a Prometheus Operator ServiceMonitor, whose values take the models' types, renders on Helm 4 and 3;
 * the rendered objects are validated by their models; the schema refuses what the models refuse; and an untyped
 * ExternalDNS record (no model package) is rendered as written.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateChart, writeFiles } from '../../src/generator';
import { loadChart, type Chart } from '../../src/testing';
import { customResourcesChart } from './fixtures/charts/custom-resources/chart';

const repoRoot = path.resolve(__dirname, '..', '..');
let work: string;
let chart: Chart;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'custom-resources-'));
  writeFiles(work, ['custom-resources'], generateChart(customResourcesChart, { repoRoot, chartDir: 'custom-resources' }).files);
  chart = loadChart(path.join(work, 'custom-resources'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe.each([4, 3] as const)('a chart of cert-manager and Prometheus Operator resources on Helm %d', (helm) => {
  it('renders the Certificate and the ServiceMonitor from typed values, both validated by their models', async () => {
    const endpoints = [{ port: 'metrics', path: '/metrics', interval: '15s', scheme: 'HTTPS' }];
    const out = await chart.render({ helm, release: { name: 'shop' }, set: { dnsNames: ['a.example.com', 'b.example.com'], endpoints } });
    const certificate = out.document({ kind: 'Certificate', name: 'shop' });
    expect(certificate).toHaveValue('apiVersion', 'cert-manager.io/v1');
    expect(certificate).toHaveValue('spec.dnsNames', ['a.example.com', 'b.example.com']);
    expect(certificate).toHaveValue('spec.issuerRef', { name: 'letsencrypt', kind: 'ClusterIssuer' });
    expect(certificate).toHaveValue('spec.secretName', 'shop-tls');
    const monitor = out.document({ kind: 'ServiceMonitor', name: 'shop' });
    expect(monitor).toHaveValue('apiVersion', 'monitoring.coreos.com/v1');
    expect(monitor).toHaveValue('spec.endpoints', endpoints);
    expect(out.unvalidated).toEqual([]);
  });

  it("refuses values the models refuse: an issuerRef without name, an endpoint scheme that isn't HTTP or HTTPS", async () => {
    expect(await chart.renderError({ helm, set: { 'issuerRef.name': null } })).toMatch(/issuerRef/);
    expect(await chart.renderError({ helm, set: { endpoints: [{ port: 'metrics', scheme: 'gopher' }] } })).toMatch(/endpoints[./]0[./]scheme/);
  });

  it('renders the untyped DNSEndpoint as written, listed as unvalidated', async () => {
    const out = await chart.render({ helm, release: { name: 'shop' }, set: { 'dnsRecord.enabled': true } });
    expect(out.document({ kind: 'DNSEndpoint' })).toHaveValue('spec.endpoints[0]', { dnsName: 'shop.example.com', recordType: 'CNAME', targets: ['lb.example.net'] });
    expect(out.unvalidated).toEqual(['DNSEndpoint/shop (externaldns.k8s.io/v1alpha1)']);
  });
});
