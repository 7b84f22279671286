/** templates/sidecar.yaml: the Istio Sidecar of each namespace that sets `sidecar`. */
import { loadChart } from '../../../src/testing';

const chart = loadChart('charts/helloworld-egress');
const listener = { port: 80, protocol: 'HTTP', name: 'egress-http', hosts: ['./*'] };

describe('templates/sidecar.yaml', () => {
  it('renders nothing for namespaces without a sidecar', async () => {
    const out = await chart.render({ set: { namespaces: [{ name: 'a', create: false }] } });
    expect(out.template('templates/sidecar.yaml')).toHaveDocuments(0);
  });

  it('renders a networking.istio.io/v1alpha3 Sidecar named <app.name>-sidecar-<namespace> by default', async () => {
    const out = await chart.render({
      set: { 'app.name': 'web', namespaces: [{ name: 'a', create: false, sidecar: { egress: [listener] } }] },
    });
    const sidecar = out.document({ kind: 'Sidecar' });
    expect(sidecar).toHaveApiVersion('networking.istio.io/v1alpha3');
    expect(sidecar).toHaveValue('metadata.name', 'web-sidecar-a');
    expect(sidecar).toHaveValue('metadata.namespace', 'a');
  });

  it.each(['networking.istio.io/v1beta1', 'networking.istio.io/v1'])('renders apiVersion %s from istio.sidecarApiVersion', async (apiVersion) => {
    const out = await chart.render({
      set: { 'istio.sidecarApiVersion': apiVersion, namespaces: [{ name: 'a', create: false, sidecar: { egress: [listener] } }] },
    });
    expect(out.document({ kind: 'Sidecar' })).toHaveApiVersion(apiVersion);
  });

  it('selects the application pods by app only', async () => {
    const out = await chart.render({
      set: { 'app.name': 'web', namespaces: [{ name: 'a', create: false, sidecar: { egress: [listener] } }] },
    });
    expect(out.document({ kind: 'Sidecar' })).toHaveValue('spec.workloadSelector.labels', { app: 'web' });
  });

  it('renders each egress listener with port number, protocol, name and hosts', async () => {
    const out = await chart.render({
      set: {
        namespaces: [
          {
            name: 'a',
            create: false,
            sidecar: {
              egress: [
                { port: 8080, protocol: 'TCP', name: 'egress-tcp', hosts: ['*/*', '~/*'] },
                { port: 443, protocol: 'TLS', name: 'egress-tls', hosts: ['b/*.b.svc.cluster.local'] },
              ],
            },
          },
        ],
      },
    });
    const sidecar = out.document({ kind: 'Sidecar' });
    expect(sidecar).toHaveLengthAt('spec.egress', 2);
    expect(sidecar).toHaveValue('spec.egress[0].port', { number: 8080, protocol: 'TCP', name: 'egress-tcp' });
    expect(sidecar).toHaveValue('spec.egress[0].hosts', ['*/*', '~/*']);
    expect(sidecar).toContainValue('spec.egress[1].hosts', 'b/*.b.svc.cluster.local', { count: 1 });
  });

  it('renders an empty egress list as [] rather than null', async () => {
    const out = await chart.render({ set: { namespaces: [{ name: 'a', create: false, sidecar: { egress: [] } }] } });
    const sidecar = out.document({ kind: 'Sidecar' });
    expect(sidecar).toHaveTypeAt('spec.egress', '[]interface {}');
    expect(sidecar).toHaveLengthAt('spec.egress', 0);
  });

  it('sets outboundTrafficPolicy.mode when given', async () => {
    const out = await chart.render({
      set: { namespaces: [{ name: 'a', create: false, sidecar: { outboundTrafficPolicy: 'ALLOW_ANY', egress: [listener] } }] },
    });
    expect(out.document({ kind: 'Sidecar' })).toHaveValue('spec.outboundTrafficPolicy.mode', 'ALLOW_ANY');
  });

  it('leaves outboundTrafficPolicy out when not given, so the mesh default applies', async () => {
    const out = await chart.render({ set: { namespaces: [{ name: 'a', create: false, sidecar: { egress: [listener] } }] } });
    expect(out.document({ kind: 'Sidecar' })).not.toHavePath('spec.outboundTrafficPolicy');
  });

  it('does not give the Sidecar the app label its selector uses', async () => {
    const out = await chart.render({ set: { namespaces: [{ name: 'a', create: false, sidecar: { egress: [listener] } }] } });
    expect(out.document({ kind: 'Sidecar' })).not.toHavePath('metadata.labels.app');
  });
});
