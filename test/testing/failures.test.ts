import { HelmRenderError, loadChart } from '../../src/testing';
import { asyncFailureOf, BASIC_CHART, expectReport, STRICT_CHART } from './helpers';

const strict = loadChart(STRICT_CHART);

describe.each([3, 4] as const)('failed renders on helm %i', (helm) => {
  it('toFailTemplate matches a template `fail`', async () => {
    await expect(strict.render({ helm, set: { mode: 'forbidden' } })).toFailTemplate(/mode "forbidden" is not supported/);
    await expect(strict.render({ helm, set: { mode: 'deny' } })).not.toFailTemplate();
  });

  it('toFailTemplate matches a values.schema.json rejection', async () => {
    await expect(strict.render({ helm, set: { port: 70000 } })).toFailTemplate(/port.*(maximum|less than or equal)|65535/);
    await expect(strict.render({ helm, set: { mode: 'maybe' } })).toFailTemplate('mode');
  });

  it('renderError resolves with helm’s message', async () => {
    const message = await strict.renderError({ helm, set: { mode: 'forbidden' } });
    expect(message).toMatch(/mode "forbidden" is not supported: use allow or deny/);
    const error = await strict.render({ helm, set: { mode: 'forbidden' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HelmRenderError);
    expect((error as HelmRenderError).exitCode).not.toBe(0);
  });
});

describe('toFailTemplate failures', () => {
  it('reports a render that succeeded', async () => {
    const msg = await asyncFailureOf(() => expect(strict.render({ set: { mode: 'deny' } })).toFailTemplate(/nope/));
    expectReport(msg, { path: '(render)', expected: 'the render to fail with an error matching /nope/', actual: 'rendered successfully (1 document(s))' });
  });

  it('reports a failure with another message', async () => {
    const msg = await asyncFailureOf(() => expect(strict.render({ set: { mode: 'forbidden' } })).toFailTemplate(/replicas/));
    expectReport(msg, { path: '(render)', expected: 'the render to fail with an error matching /replicas/', actual: 'failed with HelmRenderError:' });
    expect(msg).toContain('mode "forbidden" is not supported');
  });

  it('renderError rejects when the render succeeds', async () => {
    await expect(loadChart(BASIC_CHART).renderError({})).rejects.toThrow(/expected the render to fail, but it produced 5 document\(s\)/);
  });
});
