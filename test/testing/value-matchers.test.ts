import { loadChart } from '../../src/testing';
import { BASIC_CHART, expectReport, failureOf } from './helpers';

const chart = loadChart(BASIC_CHART);

describe('path matchers (one document)', () => {
  it('toEachHaveValue: equal / notEqual, brackets, filters and asymmetric matchers', async () => {
    const out = await chart.render({ set: { replicas: 2 }, release: { name: 'r1', namespace: 'apps' } });
    const web = out.document({ kind: 'Deployment', name: 'r1-web' });
    expect(web).toEachHaveValue('spec.replicas', 2);
    expect(web).not.toEachHaveValue('spec.replicas', 3);
    expect(web).toEachHaveValue('metadata.labels["app.kubernetes.io/instance"]', 'r1');
    expect(web).toEachHaveValue('spec.template.spec.containers[0].ports[?(@.name == "http-b")].containerPort', 9090);
    expect(web).toEachHaveValue('spec.template.spec.containers[0].image', expect.stringMatching(/^nginx:/));
    expect(web).toEachHaveValue('metadata', expect.objectContaining({ namespace: 'apps' }));
  });

  it('toEachHaveValue: failure names document, path, expected, actual and diff', async () => {
    const out = await chart.render({ set: { replicas: 2 }, release: { name: 'r1', namespace: 'apps' } });
    const web = out.document({ kind: 'Deployment', name: 'r1-web' });
    const msg = failureOf(() => expect(web).toEachHaveValue('spec.replicas', 3));
    expect(msg).toContain('Document: Deployment/r1-web (templates/deployment.yaml)');
    expectReport(msg, { path: 'spec.replicas', expected: '3', actual: '2' });

    const objMsg = failureOf(() => expect(web).toEachHaveValue('spec.selector.matchLabels', { app: 'x' }));
    expect(objMsg).toContain('Difference:');
    expect(objMsg).toContain('"app.kubernetes.io/name": "basic"');

    const notMsg = failureOf(() => expect(web).not.toEachHaveValue('spec.replicas', 2));
    expectReport(notMsg, { path: 'spec.replicas', expected: 'not 2', actual: '2' });
  });

  it('a missing path fails both toEachHaveValue and .not.toEachHaveValue', async () => {
    const out = await chart.render({ set: { replicas: 2 }, release: { name: 'r1', namespace: 'apps' } });
    const web = out.document({ kind: 'Deployment', name: 'r1-web' });
    expectReport(
      failureOf(() => expect(web).toEachHaveValue('spec.replcas', 2)),
      { path: 'spec.replcas', expected: '2', actual: '<path not found>' },
    );
    expectReport(
      failureOf(() => expect(web).not.toEachHaveValue('spec.replcas', 2)),
      { path: 'spec.replcas', expected: 'not 2', actual: '<path not found>' },
    );
  });

  it('toEachMatchValueRegex: matchRegex / notMatchRegex', async () => {
    const out = await chart.render({ set: { image: 'nginx:1.27' }, release: { name: 'r1', namespace: 'apps' } });
    const web = out.document({ kind: 'Deployment' });
    expect(web).toEachMatchValueRegex('spec.template.spec.containers[0].image', /^nginx:\d+\.\d+$/);
    expect(web).not.toEachMatchValueRegex('spec.template.spec.containers[0].image', 'busybox');
    expectReport(
      failureOf(() => expect(web).toEachMatchValueRegex('spec.template.spec.containers[0].image', /^busybox/)),
      { path: 'spec.template.spec.containers[0].image', expected: '/^busybox/', actual: '"nginx:1.27"' },
    );
    const notString = failureOf(() => expect(web).toEachMatchValueRegex('spec.replicas', /1/));
    expectReport(notString, { path: 'spec.replicas', expected: '/1/', actual: '1' });
    expect(notString).toContain('value is number, not a string');
  });

  it('toEachContainValue: contains / notContains with count', async () => {
    const out = await chart.render({ set: { egressHosts: ['istio-system/*', 'default/*'] }, release: { name: 'r1', namespace: 'apps' } });
    const sidecar = out.document({ kind: 'Sidecar', name: 'sidecar-default' });
    expect(sidecar).toEachContainValue('spec.egress[0].hosts', 'default/*');
    expect(sidecar).toEachContainValue('spec.egress[0].hosts', './*', { count: 1 });
    expect(sidecar).not.toEachContainValue('spec.egress[0].hosts', 'kube-system/*');
    const msg = failureOf(() => expect(sidecar).toEachContainValue('spec.egress[0].hosts', 'kube-system/*'));
    expectReport(msg, {
      path: 'spec.egress[0].hosts',
      expected: 'an array containing "kube-system/*"',
      actual: '["./*", "istio-system/*", "default/*"]',
    });
    const countMsg = failureOf(() => expect(sidecar).toEachContainValue('spec.egress[0].hosts', './*', { count: 2 }));
    expect(countMsg).toContain('Expected: an array containing "./*" exactly 2 time(s)');
  });

  it('toEachHavePath: exists / notExists', async () => {
    const out = await chart.render({ release: { name: 'r1', namespace: 'apps' } });
    const web = out.document({ kind: 'Deployment' });
    expect(web).toEachHavePath('spec.template.spec.containers[0].env');
    expect(web).not.toEachHavePath('spec.strategy');
    expectReport(failureOf(() => expect(web).toEachHavePath('spec.strategy')), {
      path: 'spec.strategy',
      expected: 'path to exist',
      actual: '<path not found>',
    });
    expectReport(failureOf(() => expect(web).not.toEachHavePath('spec.replicas')), {
      path: 'spec.replicas',
      expected: 'not path to exist',
      actual: '1',
    });
  });

  it('toEachBeNullOrEmptyAt: isNullOrEmpty / isNotNullOrEmpty (missing counts as null)', async () => {
    const out = await chart.render({ set: { replicas: 2 }, release: { name: 'r1', namespace: 'apps' } });
    const web = out.document({ kind: 'Deployment' });
    const empty = 'spec.template.spec.containers[0].env[?(@.name == "EMPTY")].value';
    expect(web).toEachBeNullOrEmptyAt(empty);
    expect(web).toEachBeNullOrEmptyAt('spec.strategy');
    expect(web).not.toEachBeNullOrEmptyAt('spec.replicas');
    expectReport(failureOf(() => expect(web).toEachBeNullOrEmptyAt('spec.replicas')), {
      path: 'spec.replicas',
      expected: 'null or empty',
      actual: '2',
    });
  });

  it('toEachHaveTypeAt: isType', async () => {
    const out = await chart.render({ set: { replicas: 2 }, release: { name: 'r1', namespace: 'apps' } });
    const web = out.document({ kind: 'Deployment' });
    expect(web).toEachHaveTypeAt('spec.replicas', 'number');
    expect(web).toEachHaveTypeAt('metadata.labels', 'object');
    expect(web).toEachHaveTypeAt('spec.template.spec.containers', 'array');
    expect(web).toEachHaveTypeAt('metadata.name', 'string');
    expect(web).not.toEachHaveTypeAt('spec.replicas', 'string');
    expectReport(failureOf(() => expect(web).toEachHaveTypeAt('spec.replicas', 'string')), {
      path: 'spec.replicas',
      expected: 'type string',
      actual: 'type number: 2',
    });
  });

  it('toEachContainSubset: isSubset', async () => {
    const out = await chart.render({ release: { name: 'r1', namespace: 'apps' } });
    const web = out.document({ kind: 'Deployment' });
    const container = 'spec.template.spec.containers[0]';
    expect(web).toEachContainSubset(container, { name: 'web', ports: [{ name: 'http-a' }, { containerPort: 9090 }] });
    expect(web).not.toEachContainSubset(container, { name: 'db' });
    const msg = failureOf(() => expect(web).toEachContainSubset(container, { name: 'db' }));
    expectReport(msg, { path: container, expected: '{"name": "db"}', actual: '{"env":' });
    expect(msg).toContain('Difference:');
  });

  it('toEachHaveLengthAt: lengthEqual', async () => {
    const out = await chart.render({ release: { name: 'r1', namespace: 'apps' } });
    const svc = out.document({ kind: 'Service' });
    expect(svc).toEachHaveLengthAt('spec.ports', 2);
    expectReport(failureOf(() => expect(svc).toEachHaveLengthAt('spec.ports', 3)), {
      path: 'spec.ports',
      expected: 'length 3',
      actual: 'length 2:',
    });
  });

  it('toEachBeGreaterOrEqualAt / toEachBeLessOrEqualAt', async () => {
    const out = await chart.render({ set: { replicas: 2 }, release: { name: 'r1', namespace: 'apps' } });
    const web = out.document({ kind: 'Deployment' });
    expect(web).toEachBeGreaterOrEqualAt('spec.replicas', 2);
    expect(web).toEachBeLessOrEqualAt('spec.replicas', 2);
    expect(web).toEachBeLessOrEqualAt('spec.template.spec.containers[0].ports[*].containerPort', 9090);
    expectReport(failureOf(() => expect(web).toEachBeGreaterOrEqualAt('spec.replicas', 3)), {
      path: 'spec.replicas',
      expected: '>= 3',
      actual: '2',
    });
    expectReport(failureOf(() => expect(web).toEachBeLessOrEqualAt('spec.replicas', 1)), {
      path: 'spec.replicas',
      expected: '<= 1',
      actual: '2',
    });
  });

  it('toEachBeKind / toEachHaveApiVersion: isKind / isAPIVersion', async () => {
    const out = await chart.render({ release: { name: 'r1', namespace: 'apps' } });
    const web = out.document({ kind: 'Deployment' });
    expect(web).toEachBeKind('Deployment');
    expect(web).not.toEachBeKind('StatefulSet');
    expect(web).toEachHaveApiVersion('apps/v1');
    expectReport(failureOf(() => expect(web).toEachBeKind('StatefulSet')), {
      path: 'kind',
      expected: '"StatefulSet"',
      actual: '"Deployment"',
    });
    expectReport(failureOf(() => expect(web).toEachHaveApiVersion('apps/v1beta1')), {
      path: 'apiVersion',
      expected: '"apps/v1beta1"',
      actual: '"apps/v1"',
    });
  });
});

describe('path matchers on several documents (every document must satisfy)', () => {
  it('applies to every document of a template output', async () => {
    const out = await chart.render({ set: { namespaces: ['apps', 'tools'] }, release: { name: 'r1', namespace: 'apps' } });
    const sidecars = out.template('templates/sidecars.yaml');
    expect(sidecars).toHaveDocuments(2);
    expect(sidecars).toEachBeKind('Sidecar');
    expect(sidecars).toEachHaveValue('spec.egress[0].port.number', 8080);
    expect(sidecars).not.toEachHaveValue('metadata.namespace', 'default');
  });

  it('reports the failing documents of the group', async () => {
    const out = await chart.render({ set: { namespaces: ['apps', 'tools'] }, release: { name: 'r1', namespace: 'apps' } });
    const sidecars = out.template('templates/sidecars.yaml');
    const msg = failureOf(() => expect(sidecars).toEachHaveValue('metadata.namespace', 'apps'));
    expect(msg).toContain('Received: documents of templates/sidecars.yaml (1 of 2 failing)');
    expect(msg).toContain('Document: Sidecar/sidecar-tools (templates/sidecars.yaml)');
    expect(msg).not.toContain('Document: Sidecar/sidecar-apps');
    expectReport(msg, { path: 'metadata.namespace', expected: '"apps"', actual: '"tools"' });
    // `.not` needs every document to differ: one equal document fails it.
    const notMsg = failureOf(() => expect(sidecars).not.toEachHaveValue('metadata.namespace', 'apps'));
    expect(notMsg).toContain('Document: Sidecar/sidecar-apps (templates/sidecars.yaml)');
  });

  it('an empty document set fails both forms', async () => {
    const out = await chart.render({ set: { extra: { enabled: false } }, release: { name: 'r1', namespace: 'apps' } });
    const none = out.template('templates/extra.yaml');
    expectReport(failureOf(() => expect(none).toEachHaveValue('metadata.name', 'x')), {
      path: 'metadata.name',
      expected: '"x"',
      actual: 'no documents (documents of templates/extra.yaml is empty)',
    });
    expect(failureOf(() => expect(none).not.toEachHaveValue('metadata.name', 'x'))).toContain('no documents');
  });

  it('a render result stands for all its documents', async () => {
    const out = await chart.render({ release: { name: 'r1', namespace: 'apps' } });
    expect(out).toEachHavePath('metadata.name');
    expect(out.select({ namespace: 'apps' })).toEachHaveValue('metadata.namespace', 'apps');
  });
});
