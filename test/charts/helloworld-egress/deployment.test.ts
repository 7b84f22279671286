/** templates/deployment.yaml: the Deployment `<app.name>-<namespace>` in every namespace. */
import { loadChart } from '../../../src/testing';

const chart = loadChart('charts/helloworld-egress');
const oneNamespace = [{ name: 'a', create: false }];

describe('templates/deployment.yaml', () => {
  it('renders an apps/v1 Deployment named <app.name>-<namespace> in each namespace', async () => {
    const out = await chart.render({ set: { namespaces: [...oneNamespace, { name: 'b', create: true }], 'app.name': 'web' } });
    const deployments = out.template('templates/deployment.yaml');
    expect(deployments).toBeKind('Deployment');
    expect(deployments).toHaveApiVersion('apps/v1');
    expect(deployments.map((d) => `${d.metadata?.namespace}/${d.metadata?.name}`)).toEqual(['a/web-a', 'b/web-b']);
  });

  it('sets replicas from app.replicas', async () => {
    const out = await chart.render({ set: { namespaces: oneNamespace, 'app.replicas': 3 } });
    expect(out.document({ kind: 'Deployment' })).toHaveValue('spec.replicas', 3);
  });

  it('renders the image as repository alone when the tag is empty', async () => {
    const out = await chart.render({ set: { namespaces: oneNamespace, 'app.image.repository': 'nginx', 'app.image.tag': '' } });
    expect(out.document({ kind: 'Deployment' })).toHaveValue('spec.template.spec.containers[0].image', 'nginx');
  });

  it('renders the image as repository:tag when the tag is set', async () => {
    const out = await chart.render({
      set: { namespaces: oneNamespace, 'app.image.repository': 'registry.example.com/nginx', 'app.image.tag': '1.27' },
    });
    expect(out.document({ kind: 'Deployment' })).toHaveValue(
      'spec.template.spec.containers[0].image',
      'registry.example.com/nginx:1.27',
    );
  });

  it('sets imagePullPolicy, container name and containerPort from app', async () => {
    const out = await chart.render({
      set: { namespaces: oneNamespace, 'app.name': 'web', 'app.image.pullPolicy': 'Always', 'app.containerPort': 8081 },
    });
    const dep = out.document({ kind: 'Deployment' });
    expect(dep).toHaveValue('spec.template.spec.containers[0].imagePullPolicy', 'Always');
    expect(dep).toHaveValue('spec.template.spec.containers[0].name', 'web');
    expect(dep).toHaveValue('spec.template.spec.containers[0].ports[0].containerPort', 8081);
  });

  it('copies app.resources into the container verbatim', async () => {
    const out = await chart.render({
      set: { namespaces: oneNamespace, 'app.resources': { requests: { cpu: '250m', memory: '64Mi' }, limits: { memory: '128Mi' } } },
    });
    expect(out.document({ kind: 'Deployment' })).toHaveValue('spec.template.spec.containers[0].resources', {
      requests: { cpu: '250m', memory: '64Mi' },
      limits: { memory: '128Mi' },
    });
  });

  it('selects pods by app only, and labels them with app and the recommended labels', async () => {
    const out = await chart.render({ set: { namespaces: oneNamespace, 'app.name': 'web' }, release: { name: 'r2' } });
    const dep = out.document({ kind: 'Deployment' });
    expect(dep).toHaveValue('spec.selector.matchLabels', { app: 'web' });
    expect(dep).toContainSubset('spec.template.metadata.labels', { app: 'web', 'app.kubernetes.io/instance': 'r2' });
  });
});
