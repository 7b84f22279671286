/**
 * Does a workload's pod get an Istio sidecar? Istio's injector decides in two steps
 * (istio/istio 1.27.0; README.md "Injection" cites them):
 *
 * 1. The API server calls the injection webhook only when one of the default revision's
 *    webhooks selects the pod (manifests/charts/istio-control/istio-discovery/templates/
 *    mutatingwebhook.yaml): `rev.namespace` — namespace `istio.io/rev` = the revision and no
 *    `istio-injection` label, pod label `sidecar.istio.io/inject` ≠ "false"; `rev.object` —
 *    neither namespace label, pod label `istio.io/rev` = the revision, inject ≠ "false";
 *    `namespace` — namespace `istio-injection: enabled`, inject ≠ "false"; `object` — neither
 *    namespace label, pod labels `sidecar.istio.io/inject: "true"` and no `istio.io/rev`.
 *    (`enableNamespacesByDefault`, off by default, is not modelled.)
 * 2. The webhook then applies `injectRequired` (pkg/kube/inject/inject.go): no sidecar on
 *    `hostNetwork` pods or in kube-system, kube-public, kube-node-lease, local-path-storage;
 *    the pod label `sidecar.istio.io/inject` (else the annotation of that name) "true" injects,
 *    "false" does not, anything else falls back to the policy (`enabled` by default: inject).
 *
 * A pod template that already has the `istio-proxy` container or the `sidecar.istio.io/status`
 * annotation was injected by `istioctl kube-inject`. Gateways (`inject.istio.io/templates:
 * gateway`, the `istio: ingressgateway|egressgateway` deployments, Gateway API deployments) run a
 * proxy of their own and are not sidecar clients.
 */

import { labelSelectorMatches, type InjectorConfig } from './control-plane-config';

export type ProxyKind = 'sidecar' | 'none' | 'gateway' | 'unknown';

export interface InjectionInput {
  namespace: string;
  podLabels: Readonly<Record<string, string>>;
  podAnnotations: Readonly<Record<string, string>>;
  hostNetwork: boolean;
  /** Container names of the pod template. */
  containers: readonly string[];
  /** Arguments of an `istio-proxy` container, if any (`router` marks a gateway). */
  proxyArgs: readonly string[];
}

export interface InjectionDecision {
  proxy: ProxyKind;
  reason: string;
}

export interface InjectionContext {
  /** Labels of the Namespace objects in the input; a namespace not in the map is not in the input. */
  namespaces: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /** Control-plane revisions installed; `default` is the one `istio.io/rev: default` and the unlabelled webhooks name. */
  revisions: ReadonlySet<string>;
  /** The injector ConfigMap of the input (null: Istio's default config). */
  injector?: InjectorConfig | null;
}

export const IGNORED_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);

const INJECT = 'sidecar.istio.io/inject';
const REV = 'istio.io/rev';
const NS_INJECTION = 'istio-injection';
const AMBIENT = 'istio.io/dataplane-mode';

function gatewayReason(w: InjectionInput): string | null {
  if (w.podAnnotations['inject.istio.io/templates'] === 'gateway') return 'injection template "gateway"';
  if (w.proxyArgs.includes('router')) return 'its istio-proxy runs as a router (gateway)';
  if (w.podLabels['gateway.networking.k8s.io/gateway-name'] !== undefined) return 'a Gateway API gateway deployment';
  const istio = w.podLabels.istio;
  if (istio === 'ingressgateway' || istio === 'egressgateway') return `label istio: ${istio}`;
  return null;
}

/** Step 1: which webhook, if any, the API server sends the pod to; null when the namespace's labels are not known. */
function webhookFor(w: InjectionInput, nsLabels: Readonly<Record<string, string>> | undefined): { revision: string; via: string } | 'none' | null {
  const podInject = w.podLabels[INJECT];
  const podRev = w.podLabels[REV];
  if (nsLabels === undefined) {
    // Every webhook excludes the pod label "false". A pod that asks for a sidecar with the label
    // "true" (and names no revision) gets one unless its namespace opts out with an
    // `istio-injection` label other than `enabled`: assumed absent, and said (README.md).
    if (podInject === 'false') return 'none';
    if (podInject === 'true' && podRev === undefined) return { revision: 'default', via: `pod label ${INJECT}: "true" (namespace ${w.namespace} is not in the input: assumed not to opt out with ${NS_INJECTION}: disabled)` };
    return null;
  }
  const nsInjection = nsLabels[NS_INJECTION];
  const nsRev = nsLabels[REV];
  if (nsInjection !== undefined) {
    if (nsInjection === 'enabled' && podInject !== 'false') return { revision: 'default', via: `namespace label ${NS_INJECTION}: enabled` };
    return 'none';
  }
  if (nsRev !== undefined) {
    return podInject !== 'false' ? { revision: nsRev, via: `namespace label ${REV}: ${nsRev}` } : 'none';
  }
  if (podRev !== undefined) return podInject !== 'false' ? { revision: podRev, via: `pod label ${REV}: ${podRev}` } : 'none';
  if (podInject === 'true') return { revision: 'default', via: `pod label ${INJECT}: "true"` };
  return 'none';
}

/**
 * Step 2: `injectRequired`: the pod's own label/annotation, else the injector config's
 * neverInjectSelector, then alwaysInjectSelector, then its policy (Istio's default config:
 * `enabled`, no selectors; control-plane-config.ts reads an injector ConfigMap of the input).
 */
function injectRequired(w: InjectionInput, injector: InjectorConfig | null): { inject: boolean; why: string } {
  if (w.hostNetwork) return { inject: false, why: 'hostNetwork pods are never injected' };
  if (IGNORED_NAMESPACES.has(w.namespace)) return { inject: false, why: `the injector ignores namespace ${w.namespace}` };
  const label = w.podLabels[INJECT];
  const value = label ?? w.podAnnotations[INJECT];
  const source = label !== undefined ? 'label' : 'annotation';
  if (value === 'true') return { inject: true, why: `pod ${source} ${INJECT}: "true"` };
  if (value === 'false') return { inject: false, why: `pod ${source} ${INJECT}: "false"` };
  const policy = injector ? injector.policy : 'enabled';
  const from = injector ? ` (${injector.source})` : '';
  for (const s of injector?.never ?? []) if (labelSelectorMatches(s, w.podLabels) === true) return { inject: false, why: `the pod's labels match neverInjectSelector${from}` };
  for (const s of injector?.always ?? []) if (labelSelectorMatches(s, w.podLabels) === true) return { inject: true, why: `the pod's labels match alwaysInjectSelector${from}` };
  if (policy === 'enabled') return { inject: true, why: `injection policy "enabled"${from}` };
  if (policy === 'disabled') return { inject: false, why: `injection policy "disabled"${from} and no "true" label or alwaysInjectSelector` };
  return { inject: false, why: `injection policy "${policy}"${from} is not enabled/disabled: Istio turns injection off` };
}

/** The sidecar decision for one pod template. */
export function decideInjection(w: InjectionInput, ctx: InjectionContext): InjectionDecision {
  const gateway = gatewayReason(w);
  if (gateway) return { proxy: 'gateway', reason: `gateway proxy (${gateway})` };
  if (w.containers.includes('istio-proxy') || w.podAnnotations['sidecar.istio.io/status'] !== undefined) {
    return { proxy: 'sidecar', reason: 'already injected (istio-proxy container / sidecar.istio.io/status: istioctl kube-inject)' };
  }
  const nsLabels = ctx.namespaces.get(w.namespace);
  if (nsLabels?.[AMBIENT] === 'ambient') return { proxy: 'unknown', reason: `namespace ${w.namespace} is in ambient mode (${AMBIENT}: ambient), which is not modelled` };
  const hook = webhookFor(w, nsLabels);
  if (hook === null) {
    return {
      proxy: 'unknown',
      reason: `namespace ${w.namespace} is not in the input, so its injection labels are unknown (add its Namespace object, e.g. kubectl get namespace ${w.namespace} -o yaml, or label the pod ${INJECT}: "true")`,
    };
  }
  if (hook === 'none') {
    const why = nsLabels === undefined ? `pod label ${INJECT}: "false"` : describeNoWebhook(w, nsLabels);
    return { proxy: 'none', reason: `no sidecar: ${why}` };
  }
  const required = injectRequired(w, ctx.injector ?? null);
  if (!required.inject) return { proxy: 'none', reason: `no sidecar: ${required.why}` };
  if (!ctx.revisions.has(hook.revision)) {
    return { proxy: 'unknown', reason: `${hook.via} asks for control-plane revision "${hook.revision}", which is not among the installed revisions (${[...ctx.revisions].join(', ')}; --revision adds one)` };
  }
  return { proxy: 'sidecar', reason: `sidecar injected: ${hook.via}; ${required.why}` };
}

function describeNoWebhook(w: InjectionInput, ns: Readonly<Record<string, string>>): string {
  if (ns[NS_INJECTION] !== undefined && ns[NS_INJECTION] !== 'enabled') return `namespace label ${NS_INJECTION}: ${ns[NS_INJECTION]}`;
  if (w.podLabels[INJECT] === 'false') return `pod label ${INJECT}: "false"`;
  return `namespace ${w.namespace} has neither ${NS_INJECTION}: enabled nor ${REV}, and the pod has no ${INJECT}: "true" label`;
}

/**
 * The labels Istio's `sidecar` injection template adds to an injected pod, unless the pod sets
 * them (`manifests/charts/istio-control/istio-discovery/files/injection-template.yaml`,
 * `metadata.labels`): selectors (Sidecar, PeerAuthentication, DestinationRule, `sourceLabels`,
 * Services) see them.
 */
export function injectedLabels(labels: Readonly<Record<string, string>>, workloadName: string): Record<string, string> {
  const canonical = (labels['app.kubernetes.io/name'] || labels.app || workloadName).slice(0, 63).replace(/^[-_.]+|[-_.]+$/g, '');
  return {
    'security.istio.io/tlsMode': 'istio',
    'service.istio.io/canonical-name': canonical,
    'service.istio.io/canonical-revision': labels['app.kubernetes.io/version'] || labels.version || 'latest',
    ...labels,
  };
}
