import { didYouMean } from '../../src/values/did-you-mean';

describe('didYouMean', () => {
  it('suggests the key one letter away from a typo', () => {
    expect(didYouMean('egres', ['outboundTrafficPolicy', 'egress'])).toBe('egress');
  });

  it('suggests the value a shortened word starts', () => {
    expect(didYouMean('REGISTRY', ['REGISTRY_ONLY', 'ALLOW_ANY'])).toBe('REGISTRY_ONLY');
  });

  it('suggests nothing for an unrelated word', () => {
    expect(didYouMean('replicas', ['outboundTrafficPolicy', 'egress'])).toBeUndefined();
  });
});
