import { loadChart } from '../../src/testing';
import { BASIC_CHART, expectReport, failureOf } from './helpers';

const chart = loadChart(BASIC_CHART);

describe('document-set matchers', () => {
  it('toHaveDocumentCount: hasDocuments on a template output and a whole render', async () => {
    const out = await chart.render({ set: { namespaces: ['apps', 'tools'], extra: { enabled: false } } });
    expect(out.template('templates/namespaces.yaml')).toHaveDocumentCount(2);
    expect(out.template('templates/extra.yaml')).toHaveDocumentCount(0);
    // 2 namespaces + 2 sidecars + echo ConfigMap + Service + Deployment
    expect(out).toHaveDocumentCount(7);
    expect(out.document({ kind: 'Service' })).toHaveDocumentCount(1);
  });

  it('toHaveDocumentCount: failure lists the documents', async () => {
    const out = await chart.render({ set: { namespaces: ['apps', 'tools'] } });
    const msg = failureOf(() => expect(out.template('templates/namespaces.yaml')).toHaveDocumentCount(1));
    expectReport(msg, {
      path: '(documents: documents of templates/namespaces.yaml)',
      expected: '1 document(s)',
      actual: '2 document(s)',
    });
    expect(msg).toContain('Namespace/apps (templates/namespaces.yaml)');
    expect(msg).toContain('Namespace/tools (templates/namespaces.yaml)');
  });

  it('toIncludeDocument: containsDocument by kind, apiVersion, name and namespace', async () => {
    const out = await chart.render({ release: { name: 'r1', namespace: 'apps' } });
    expect(out).toIncludeDocument({ kind: 'Deployment', apiVersion: 'apps/v1', name: 'r1-web', namespace: 'apps' });
    expect(out).toIncludeDocument({ kind: 'Sidecar' });
    expect(out).not.toIncludeDocument({ kind: 'Deployment', namespace: 'tools' });
    expect(out.template('templates/service.yaml')).toIncludeDocument({ kind: 'Service', name: 'r1-web' });
  });

  it('toIncludeDocument: failure lists what was rendered', async () => {
    const out = await chart.render({ release: { name: 'r1', namespace: 'apps' } });
    const msg = failureOf(() => expect(out).toIncludeDocument({ kind: 'StatefulSet', name: 'r1-web' }));
    expectReport(msg, {
      path: '(documents: all documents of the render)',
      expected: 'a document matching { kind: "StatefulSet", name: "r1-web" }',
      actual: 'none of 5 document(s)',
    });
    expect(msg).toContain('Deployment/r1-web (templates/deployment.yaml)');
    const notMsg = failureOf(() => expect(out).not.toIncludeDocument({ kind: 'Deployment' }));
    expectReport(notMsg, {
      path: '(documents: all documents of the render)',
      expected: 'not a document matching { kind: "Deployment" }',
      actual: '1 matching document(s)',
    });
  });
});
