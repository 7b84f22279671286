/** Istio's sidecar injection decision (src/egress/injection.ts): the webhooks' selectors, then `injectRequired`. */
import { decideInjection, type InjectionInput } from '../../src/egress/injection';

const pod = (over: Partial<InjectionInput> = {}): InjectionInput => ({
  namespace: 'apps',
  podLabels: {},
  podAnnotations: {},
  hostNetwork: false,
  containers: ['app'],
  proxyArgs: [],
  ...over,
});
const decide = (p: InjectionInput, nsLabels?: Record<string, string>, revisions = ['default']) =>
  decideInjection(p, { namespaces: new Map(nsLabels ? [[p.namespace, nsLabels]] : []), revisions: new Set(revisions) }).proxy;

describe('sidecar injection', () => {
  it.each([
    ['istio-injection: enabled', { 'istio-injection': 'enabled' }, {}, 'sidecar'],
    ['istio-injection: enabled, pod label inject "false"', { 'istio-injection': 'enabled' }, { 'sidecar.istio.io/inject': 'false' }, 'none'],
    ['istio-injection: disabled, pod label inject "true" (no webhook selects it)', { 'istio-injection': 'disabled' }, { 'sidecar.istio.io/inject': 'true' }, 'none'],
    ['no namespace label and no pod label', {}, {}, 'none'],
    ['no namespace label, pod label inject "true" (the object webhook)', {}, { 'sidecar.istio.io/inject': 'true' }, 'sidecar'],
    ['no namespace label, pod label inject "yes" (only "true" counts)', {}, { 'sidecar.istio.io/inject': 'yes' }, 'none'],
    ['istio.io/rev: default', { 'istio.io/rev': 'default' }, {}, 'sidecar'],
    ['istio.io/rev of a revision not installed', { 'istio.io/rev': 'canary' }, {}, 'unknown'],
    ['istio-injection wins over istio.io/rev', { 'istio-injection': 'enabled', 'istio.io/rev': 'canary' }, {}, 'sidecar'],
    ['pod label istio.io/rev: default in an unlabelled namespace', {}, { 'istio.io/rev': 'default' }, 'sidecar'],
    ['ambient namespace', { 'istio.io/dataplane-mode': 'ambient', 'istio-injection': 'enabled' }, {}, 'unknown'],
  ])('%s → %s', (_what, ns, labels, expected) => {
    expect(decide(pod({ podLabels: labels as Record<string, string> }), ns as Record<string, string>)).toBe(expected);
  });

  it('injects a revision the caller says is installed', () => {
    expect(decide(pod(), { 'istio.io/rev': 'canary' }, ['default', 'canary'])).toBe('sidecar');
  });

  it('reads the annotation when there is no label, and prefers the label when both are set', () => {
    expect(decide(pod({ podAnnotations: { 'sidecar.istio.io/inject': 'false' } }), { 'istio-injection': 'enabled' })).toBe('none');
    expect(decide(pod({ podLabels: { 'sidecar.istio.io/inject': 'true' }, podAnnotations: { 'sidecar.istio.io/inject': 'false' } }), { 'istio-injection': 'enabled' })).toBe('sidecar');
  });

  it('never injects hostNetwork pods nor pods of kube-system', () => {
    expect(decide(pod({ hostNetwork: true }), { 'istio-injection': 'enabled' })).toBe('none');
    expect(decide(pod({ namespace: 'kube-system', podLabels: { 'sidecar.istio.io/inject': 'true' } }), { 'istio-injection': 'enabled' })).toBe('none');
  });

  it('cannot tell without the namespace, unless the pod decides: label "false", or label "true" (assuming no opt-out)', () => {
    expect(decide(pod())).toBe('unknown');
    expect(decide(pod({ podLabels: { 'sidecar.istio.io/inject': 'false' } }))).toBe('none');
    expect(decide(pod({ podLabels: { 'sidecar.istio.io/inject': 'true' } }))).toBe('sidecar');
    expect(decide(pod({ podAnnotations: { 'sidecar.istio.io/inject': 'true' } }))).toBe('unknown');
  });

  it('sees istioctl kube-inject output and gateway proxies', () => {
    expect(decide(pod({ containers: ['app', 'istio-proxy'], proxyArgs: ['proxy', 'sidecar'] }))).toBe('sidecar');
    expect(decide(pod({ podLabels: { istio: 'egressgateway' } }))).toBe('gateway');
    expect(decide(pod({ containers: ['istio-proxy'], proxyArgs: ['proxy', 'router'] }))).toBe('gateway');
    expect(decide(pod({ podAnnotations: { 'inject.istio.io/templates': 'gateway' } }), { 'istio-injection': 'enabled' })).toBe('gateway');
  });
});
