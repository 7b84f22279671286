/**
 * A failed render's error as helm-unittest's failedTemplate sees it (render-error.ts). The stderr
 * texts are what Helm 4.1.4 and Helm 3.17.2 print for the same chart (a template reading
 * `.Values.x.y` with no `x`; a `fail` in a helper).
 */
import { cliError, helm3Form, unittestRenderError } from '../../../src/testing/unittest/render-error';

const NIL_HELM4 = 'Error: err/templates/cm.yaml:1:13\n  executing "err/templates/cm.yaml" at <.Values.x.y>:\n    nil pointer evaluating interface {}.y\n\nUse --debug flag to render out invalid YAML\n';
const NIL_HELM3 = 'Error: template: err/templates/cm.yaml:1:13: executing "err/templates/cm.yaml" at <.Values.x.y>: nil pointer evaluating interface {}.y\n\nUse --debug flag to render out invalid YAML\n';
const FAIL_BOTH = 'Error: execution error at (err/templates/cm.yaml:1:6): bad value\n\nUse --debug flag to render out invalid YAML\n';

describe('render errors as helm-unittest extracts them', () => {
  it('joins Helm 4’s multi-line execution error back into Helm 3’s one-line form', () => {
    expect(helm3Form(cliError(NIL_HELM4))).toBe(cliError(NIL_HELM3));
  });

  it('extracts the same template and message from Helm 4 and Helm 3', () => {
    expect(unittestRenderError(NIL_HELM4)).toEqual(unittestRenderError(NIL_HELM3));
    expect(unittestRenderError(NIL_HELM3).file).toBe('err/templates/cm.yaml');
  });

  it('extracts a fail text without helm’s location prefix', () => {
    expect(unittestRenderError(FAIL_BOTH)).toEqual({ file: 'err/templates/cm.yaml', text: 'bad value' });
  });

  it('leaves an error naming no template whole', () => {
    const schema = 'Error: values don\'t meet the specifications of the schema(s) in the following chart(s):\nerr:\n- port: Must be less than or equal to 65535\n';
    expect(unittestRenderError(schema).file).toBeUndefined();
    expect(unittestRenderError(schema).text).toContain('port: Must be less than or equal to 65535');
  });
});
