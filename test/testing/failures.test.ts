import { HelmRenderError, loadChart } from '../../src/testing';
import { asyncFailureOf, BASIC_CHART, expectReport, STRICT_CHART } from './helpers';

const strict = loadChart(STRICT_CHART);
const FORBIDDEN = 'mode "forbidden" is not supported: use allow or deny';

describe.each([3, 4] as const)('failed renders on helm %i', (helm) => {
  it('toFailTemplate compares errorMessage with the `fail` text exactly, as helm-unittest extracts it', async () => {
    await expect(strict.render({ helm, set: { mode: 'forbidden' } })).toFailTemplate({ errorMessage: FORBIDDEN });
    const partial = await asyncFailureOf(() => expect(strict.render({ helm, set: { mode: 'forbidden' } })).toFailTemplate({ errorMessage: 'mode "forbidden" is not supported' }));
    expect(partial).toContain(`Actual: ${FORBIDDEN}`);
    await expect(strict.render({ helm, set: { mode: 'forbidden' } })).toFailTemplate();
    await expect(strict.render({ helm, set: { mode: 'deny' } })).not.toFailTemplate();
  });

  it('toFailTemplate matches errorPattern (Go RE2) against the extracted text, Helm 4 included', async () => {
    await expect(strict.render({ helm, set: { mode: 'forbidden' } })).toFailTemplate({ errorPattern: '^mode "forbidden" is not supported' });
    await expect(strict.render({ helm, set: { mode: 'forbidden' } })).toFailTemplate({ errorPattern: /use allow or deny$/ });
    // The extracted text starts at the message: helm's `execution error at (strict/templates/configmap.yaml:2:4): ` prefix is gone.
    await asyncFailureOf(() => expect(strict.render({ helm, set: { mode: 'forbidden' } })).toFailTemplate({ errorPattern: 'execution error' }));
  });

  it('toFailTemplateMatching matches a substring or pattern of helm’s whole error, schema rejections included', async () => {
    await expect(strict.render({ helm, set: { mode: 'forbidden' } })).toFailTemplateMatching(/mode "forbidden" is not supported/);
    await expect(strict.render({ helm, set: { mode: 'forbidden' } })).toFailTemplateMatching('execution error at (strict/templates/configmap.yaml');
    await expect(strict.render({ helm, set: { port: 70000 } })).toFailTemplateMatching(/port.*(maximum|less than or equal)|65535/);
    await expect(strict.render({ helm, set: { mode: 'maybe' } })).toFailTemplateMatching('mode');
    await expect(strict.render({ helm, set: { mode: 'deny' } })).not.toFailTemplateMatching();
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
  it('reports a render that succeeded as helm-unittest does', async () => {
    const msg = await asyncFailureOf(() => expect(strict.render({ set: { mode: 'deny' } })).toFailTemplate({ errorMessage: 'nope' }));
    expect(msg).toContain('helm-unittest `failedTemplate` {"errorMessage":"nope"}');
    expect(msg).toContain('Template: templates/configmap.yaml');
    expect(msg).toContain('Error: Invalid rendering');
  });

  it('reports a failure with another message, giving the extracted text', async () => {
    const msg = await asyncFailureOf(() => expect(strict.render({ set: { mode: 'forbidden' } })).toFailTemplate({ errorMessage: 'replicas' }));
    expect(msg).toContain('Expected to equal: replicas');
    expect(msg).toContain(`Actual: ${FORBIDDEN}`);
  });

  it('refuses the loose form’s arguments, naming toFailTemplateMatching', async () => {
    await expect(expect(strict.render({ set: { mode: 'forbidden' } })).toFailTemplate(/x/ as never)).rejects.toThrow(/toFailTemplateMatching/);
  });

  it('toFailTemplateMatching reports a render that succeeded and a failure with another message', async () => {
    const ok = await asyncFailureOf(() => expect(strict.render({ set: { mode: 'deny' } })).toFailTemplateMatching(/nope/));
    expectReport(ok, { path: '(render)', expected: 'the render to fail with an error matching /nope/', actual: 'rendered successfully (1 document(s))' });
    const other = await asyncFailureOf(() => expect(strict.render({ set: { mode: 'forbidden' } })).toFailTemplateMatching(/replicas/));
    expectReport(other, { path: '(render)', expected: 'the render to fail with an error matching /replicas/', actual: 'failed with HelmRenderError:' });
    expect(other).toContain('mode "forbidden" is not supported');
  });

  it('renderError rejects when the render succeeds', async () => {
    await expect(loadChart(BASIC_CHART).renderError({})).rejects.toThrow(/expected the render to fail, but it produced 5 document\(s\)/);
  });
});
