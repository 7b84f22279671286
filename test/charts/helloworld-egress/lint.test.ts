import { runHelm } from '../../../src/helm/run-helm';

describe.each([4, 3] as const)('helm %i', (major) => {
  it('lints the chart with --strict and no warnings', async () => {
    const r = await runHelm(['lint', '--strict', 'charts/helloworld-egress'], major);
    expect({ code: r.code, warnings: r.stdout.split('\n').filter((l) => /\[(WARNING|ERROR)\]/.test(l)) }).toEqual({
      code: 0,
      warnings: [],
    });
  });

  it.each(['values/seed.yaml', 'values/allow-any.yaml', 'values/three-namespaces.yaml', 'values/no-sidecar.yaml', 'values/deny-all.yaml', 'values/external-hosts.yaml'])(
    'lints the chart with --strict and %s',
    async (file) => {
      const r = await runHelm(['lint', '--strict', 'charts/helloworld-egress', '-f', file], major);
      expect(r.code).toBe(0);
    },
  );
});
