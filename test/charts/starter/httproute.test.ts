/**
 * The starter's HTTPRoute: its values take the Gateway API model's types, so every kind of match the API accepts
 * renders (path, method, headers, query parameters), the schema refuses what the API refuses, and rules whose
 * lists are empty stay valid YAML; the same objects on Helm 4 and 3.
 */
import { loadChart } from '../../../src/testing';

const chart = loadChart('charts/starter');

describe.each([4, 3] as const)('starter HTTPRoute on Helm %d', (helm) => {
  it('renders a rule whose matches list is empty (the list item keeps its keys)', async () => {
    const out = await chart.render({
      helm,
      set: { 'httpRoute.enabled': true, 'httpRoute.rules': [{ matches: [] }, { matches: [{ path: { type: 'Exact', value: '/a' } }] }] },
    });
    const route = out.document({ kind: 'HTTPRoute', name: 'release-name-starter' });
    expect(route).toHaveValue('spec.rules[0].matches', []);
    expect(route).toHaveValue('spec.rules[0].backendRefs[0].name', 'release-name-starter');
    expect(route).toHaveValue('spec.rules[1].matches[0].path.value', '/a');
  });

  it('renders matches by method, headers and query parameters, as the Gateway API defines them', async () => {
    const matches = [
      { path: { type: 'PathPrefix', value: '/api' }, method: 'POST', headers: [{ name: 'x-env', value: 'canary' }] },
      { method: 'GET', queryParams: [{ type: 'Exact', name: 'debug', value: '1' }], headers: [{ type: 'RegularExpression', name: 'x-version', value: 'v[0-9]+' }] },
    ];
    const out = await chart.render({ helm, set: { 'httpRoute.enabled': true, 'httpRoute.rules': [{ matches }] } });
    const route = out.document({ kind: 'HTTPRoute', name: 'release-name-starter' });
    expect(route).toHaveValue('spec.rules[0].matches', matches);
    expect(route).toHaveValue('spec.rules[0].backendRefs', [{ name: 'release-name-starter', port: 80, weight: 1 }]);
    // Rendered documents are validated with the Gateway API model (its patterns included): nothing is left unvalidated.
    expect(out.unvalidated).toEqual([]);
  });

  it("refuses a match the API refuses: an unknown method, or a header match without a name (the model's types)", async () => {
    for (const match of [{ method: 'FETCH' }, { headers: [{ value: 'canary' }] }]) {
      const message = await chart.renderError({ helm, set: { 'httpRoute.enabled': true, 'httpRoute.rules': [{ matches: [match] }] } });
      expect(message).toMatch(/values don't meet the specifications of the schema/);
      expect(message).toMatch(/httpRoute[./]rules[./]0[./]matches[./]0/);
    }
  });
});
