/**
 * Loading the ESM-only model packages from CommonJS: in Node, a `require` of kubernetes-models 5 fails on its own
 * (its exports have no `require` condition) and works once allowRequireOfImportOnlyPackages() is installed, also for
 * a custom-resource package and from a chart file; a request that does not exist still fails as before.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { importConditions } from '../../src/loading/require-esm';
import { transformIgnorePattern } from '../../src/loading/jest-preset';

const REPO = path.resolve(__dirname, '..', '..');

function node(script: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) =>
    execFile(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: REPO }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr }),
    ),
  );
}

describe('require of packages exported only for import', () => {
  it("fails in plain Node: the package exports nothing for require", async () => {
    const r = await node(`require('kubernetes-models/v1/Service')`);
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  it('works with the hook: kubernetes-models, a custom-resource package, and a missing path still fails', async () => {
    const r = await node(`
      require('./src/loading/require-esm').allowRequireOfImportOnlyPackages();
      const { Service } = require('kubernetes-models/v1/Service');
      const { ServiceMonitor } = require('@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor');
      console.log(new Service({ metadata: { name: 'a' } }).toJSON().kind, ServiceMonitor.apiVersion);
      try { require('kubernetes-models/v1/NoSuchKind'); } catch (e) { console.log('missing:', e.code); }
      console.log(typeof require('yaml').parse);
    `);
    expect(r.out).toContain('Service monitoring.coreos.com/v1');
    expect(r.out).toMatch(/missing: (ERR_MODULE_NOT_FOUND|MODULE_NOT_FOUND)/);
    expect(r.out).toContain('function');
    expect(r.code).toBe(0);
  });

  it('retries only a require, with import in place of require', () => {
    expect(importConditions(['require', 'node', 'node-addons'])).toEqual(['import', 'node', 'node-addons']);
    expect(importConditions(['import', 'node'])).toBeUndefined();
    expect(importConditions(undefined)).toBeUndefined();
  });
});

describe("Jest's transform exceptions", () => {
  const pattern = new RegExp(transformIgnorePattern(['kubernetes-models', '@kubernetes-models/base', 'is-cidr']));
  it.each([
    ['/p/node_modules/kubernetes-models/v1/Service.js', false],
    ['/p/node_modules/@kubernetes-models/base/dist/index.js', false],
    ['/p/node_modules/x/node_modules/is-cidr/index.js', false],
    ['/p/node_modules/.pnpm/is-cidr@5.0.0/node_modules/is-cidr/index.js', false],
    ['/p/node_modules/yaml/dist/index.js', true],
    ['/p/node_modules/kubernetes-models/node_modules/yaml/index.js', true],
    ['/p/node_modules/kubernetes-models/package.json', true],
    ['/p/node_modules/@kubernetes-models/basement/index.js', true],
  ])('%s is ignored: %s', (file, ignored) => {
    expect(pattern.test(file)).toBe(ignored);
  });
});
