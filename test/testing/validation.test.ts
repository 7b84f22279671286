import { findModel, loadChart, ManifestParseError, ManifestValidationError, registerModel } from '../../src/testing';
import { BASIC_CHART } from './helpers';

const chart = loadChart(BASIC_CHART);

describe('schema validation with kubernetes-models', () => {
  it('rejects an invalid core object, naming the document and the path', async () => {
    const error = await chart.render({ set: { replicas: 'two' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManifestValidationError);
    expect((error as ManifestValidationError).problems).toEqual([
      { document: 'Deployment/release-name-web (templates/deployment.yaml)', path: 'spec.replicas', message: 'must be integer' },
    ]);
    await expect(chart.render({ set: { replicas: 'two' } })).toFailTemplateMatching(/Deployment\/release-name-web .*spec\.replicas must be integer/);
  });

  it('catches YAML 1.1 misreads (an unquoted "on" becomes a boolean)', async () => {
    await expect(chart.render({ set: { flag: 'on' } })).rejects.toThrow(
      'ConfigMap/release-name-echo (templates/echo.yaml): data.flag must be string',
    );
  });

  it('rejects output that is not valid YAML 1.1 (duplicate keys), naming the template', async () => {
    const error = await chart.render({ set: { duplicateKey: true }, validate: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManifestParseError);
    expect((error as Error).message).toMatch(/templates\/echo.yaml is not valid YAML 1.1:\n.*Map keys must be unique/);
  });

  it('validates Istio resources of networking.istio.io/v1beta1 and v1 (each with its own model)', async () => {
    const ports = [{ name: 'http-a', port: 8080 }];
    const ok = await chart.render({ set: { ports, sidecarApiVersion: 'networking.istio.io/v1' } });
    expect(ok.unvalidated).toEqual([]);
    expect(findModel('networking.istio.io/v1beta1', 'Sidecar')).toBeDefined();
    expect(findModel('networking.istio.io/v1', 'Sidecar')?.model.apiVersion).toBe('networking.istio.io/v1');
    for (const sidecarApiVersion of ['networking.istio.io/v1beta1', 'networking.istio.io/v1']) {
      const msg = await chart.renderError({ set: { sidecarApiVersion, egressHosts: [{ not: 'a string' }] } });
      expect(msg).toContain('Sidecar/sidecar-default (templates/sidecars.yaml): spec.egress[0].hosts[1] must be string');
    }
  });

  it('reports kinds without a model as unvalidated instead of failing', async () => {
    const out = await chart.render({ apiVersions: ['example.com/v1'], release: { name: 'r1' } });
    expect(out.unvalidated).toEqual(['Widget/r1-widget (example.com/v1)']);
    expect(findModel('v1', 'Container')).toBeUndefined(); // sub-objects are not resources
    expect(findModel('../../etc', 'Passwd')).toBeUndefined();
  });

  it('validate: false skips validation and lists every document as unvalidated', async () => {
    const out = await chart.render({ set: { replicas: 'two' }, validate: false });
    expect(out.document({ kind: 'Deployment' })).toHaveValue('spec.replicas', 'two');
    expect(out.unvalidated).toHaveLength(out.documents.length);
  });

  it('registerModel adds a model for a custom resource', async () => {
    class Widget {
      constructor(private readonly data: { spec?: { size?: number } }) {}
      validate(): void {
        if ((this.data.spec?.size ?? 0) > 2) {
          throw Object.assign(new Error('invalid'), { errors: [{ instancePath: '/spec/size', message: 'must be <= 2' }] });
        }
      }
    }
    registerModel('example.com/v2', 'Widget', Widget);
    const options = { apiVersions: ['example.com/v2'], set: { widget: { apiVersion: 'example.com/v2' } } };
    await expect(chart.render(options)).rejects.toThrow('Widget/release-name-widget (templates/widget.yaml): spec.size must be <= 2');
  });
});
