import { parseIstioVersion, versionFeatures } from '../../src/egress/istio-version';

describe('Istio version', () => {
  it('parses a minor version', () => {
    expect(parseIstioVersion('1.17')).toEqual({ major: 1, minor: 17, text: '1.17' });
  });

  it('parses a patch version with a v prefix and a suffix', () => {
    expect(parseIstioVersion('v1.24.3-distroless').text).toBe('1.24');
  });

  it('rejects text that is not a version', () => {
    expect(() => parseIstioVersion('one.seventeen')).toThrow('invalid Istio version');
  });

  it('enables the ~ exclusion syntax from 1.31', () => {
    expect([versionFeatures(parseIstioVersion('1.30')).tildeExclusion, versionFeatures(parseIstioVersion('1.31')).tildeExclusion]).toEqual([
      false,
      true,
    ]);
  });

  it('keeps zipkin up to 1.21', () => {
    expect([versionFeatures(parseIstioVersion('1.21')).zipkinCluster, versionFeatures(parseIstioVersion('1.22')).zipkinCluster]).toEqual([
      true,
      false,
    ]);
  });
});
