/** The starter's HTTPRoute with rules whose lists are empty: valid YAML, the same objects on Helm 4 and 3. */
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
});
