/**
 * The ConfigMaps Istio's control plane reads, which are not inert:
 *
 * - the mesh config: ConfigMap `istio` (`istio-<revision>`), key `mesh` (istio/istio
 *   `pilot/pkg/bootstrap/mesh.go` `defaultMeshConfigMapName = "istio"`,
 *   `pkg/config/mesh/kubemesh/watcher.go` `MeshConfigKey = "mesh"`), YAML overlaid on Istio's
 *   defaults (`pkg/config/mesh/mesh.go` `DefaultMeshConfig`: ALLOW_ANY, root namespace
 *   `istio-system`);
 * - the injector config: ConfigMap `istio-sidecar-injector` (`-<revision>`), key `config`
 *   (`pilot/pkg/bootstrap/sidecarinjector.go` `defaultInjectorConfigMapName`), whose `policy`,
 *   `neverInjectSelector` and `alwaysInjectSelector` feed `injectRequired`
 *   (`pkg/kube/inject/inject.go`), and key `values` (the `global.proxy` capture ranges and ports).
 *
 * Modelled: `outboundTrafficPolicy.mode` and `rootNamespace` of the mesh config; the injector's
 * policy and selectors. Keys that cannot change these probes (access logs, tracing, trust
 * domain…) are listed as neutral. Any other key, a revisioned copy, or several copies make every
 * probe `unknown (needs mesh config)` / `(needs injector config)`: default-deny.
 */
import type { Manifest, OutboundMode } from './types';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

/** A Kubernetes LabelSelector (matchLabels, matchExpressions). */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export interface MeshConfig {
  source: string;
  /** `outboundTrafficPolicy.mode` (Istio's default ALLOW_ANY when the key is absent). */
  mode: OutboundMode;
  modeSet: boolean;
  rootNamespace: string | null;
}

export interface InjectorConfig {
  source: string;
  /** `enabled`, `disabled`; anything else (absent included) turns injection off ("Illegal value for autoInject"). */
  policy: string;
  never: LabelSelector[];
  always: LabelSelector[];
}

export interface ControlPlaneConfig {
  mesh: MeshConfig | null;
  injector: InjectorConfig | null;
  /** What makes every probe unknown: unmodelled keys, revisioned or duplicate ConfigMaps. */
  unknown: { needs: string; reason: string } | null;
  warnings: string[];
}

/** Mesh config keys that cannot change a probe's outcome or its cluster (observability, identity names, ingress). */
const NEUTRAL_MESH = new Set([
  'accessLogFile', 'accessLogEncoding', 'accessLogFormat', 'enableTracing', 'enablePrometheusMerge', 'defaultProviders',
  'extensionProviders', 'trustDomain', 'trustDomainAliases', 'ingressClass', 'ingressService', 'ingressControllerMode',
  'ingressSelector', 'enableEnvoyAccessLogService', 'outboundClusterStatName', 'inboundClusterStatName', 'dnsRefreshRate',
  'connectTimeout', 'tcpKeepalive', 'localityLbSetting', 'defaultHttpRetryPolicy', 'h2UpgradePolicy', 'thriftConfig',
]);
/** `defaultConfig` (ProxyConfig) keys that cannot change a probe: addresses of istiod, tracing, stats, drain and start-up timing. */
const NEUTRAL_PROXY = new Set([
  'discoveryAddress', 'tracing', 'proxyStatsMatcher', 'holdApplicationUntilProxyStarts', 'terminationDrainDuration',
  'drainDuration', 'parentShutdownDuration', 'concurrency', 'image', 'meshId', 'gatewayTopology', 'statNameLength',
  'extraStatTags', 'binaryPath', 'configPath', 'serviceCluster', 'controlPlaneAuthPolicy', 'proxyAdminPort',
]);
/** Injector `config` keys besides the modelled ones that do not change whether or how a pod is captured. */
const NEUTRAL_INJECTOR = new Set(['injectedAnnotations', 'template', 'templates', 'aliases']);
/** `values.global.proxy` capture settings and their chart defaults. */
const CAPTURE_DEFAULTS: Record<string, string> = {
  includeIPRanges: '*',
  excludeIPRanges: '',
  includeOutboundPorts: '',
  excludeOutboundPorts: '',
  includeInboundPorts: '*',
  excludeInboundPorts: '',
};

function parseYamlText(text: string): unknown {
  const { load } = require('js-yaml') as typeof import('js-yaml');
  return load(text);
}

/** The object's data value for `key`, parsed as YAML (JSON is YAML), or why not. */
function dataValue(m: Manifest, key: string): { value: Obj } | { error: string } | null {
  const data = obj(m.data);
  if (!data || typeof data[key] !== 'string') return null;
  try {
    const v = parseYamlText(data[key] as string);
    if (v === null || v === undefined) return { value: {} };
    const o = obj(v);
    return o ? { value: o } : { error: `data.${key} is not a mapping` };
  } catch (e) {
    return { error: `data.${key} is not valid YAML (${(e as Error).message.split('\n')[0]})` };
  }
}

function selectorList(v: unknown): LabelSelector[] {
  return Array.isArray(v) ? v.map((x) => (obj(x) ?? {}) as LabelSelector) : [];
}

/** `metav1.LabelSelectorAsSelector(s).Matches(labels)`; an empty selector matches nothing here (injectRequired skips `selector.Empty()`). */
export function labelSelectorMatches(s: LabelSelector, labels: Readonly<Record<string, string>>): boolean | 'empty' {
  const ml = obj(s.matchLabels) ?? {};
  const me = Array.isArray(s.matchExpressions) ? s.matchExpressions : [];
  if (Object.keys(ml).length === 0 && me.length === 0) return 'empty';
  for (const [k, v] of Object.entries(ml)) if (labels[k] !== String(v)) return false;
  for (const e of me) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values = (e.values ?? []).map(String);
    if (e.operator === 'In' && !(has && values.includes(labels[e.key]))) return false;
    if (e.operator === 'NotIn' && has && values.includes(labels[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

export function readControlPlaneConfig(manifests: readonly Manifest[]): ControlPlaneConfig {
  const out: ControlPlaneConfig = { mesh: null, injector: null, unknown: null, warnings: [] };
  const unknown = (needs: string, reason: string): void => void (out.unknown ??= { needs, reason });
  const meshMaps: Manifest[] = [];
  const injectorMaps: Manifest[] = [];
  for (const m of manifests) {
    if (m.kind !== 'ConfigMap' || m.apiVersion !== 'v1') continue;
    const name = String(obj(m.metadata)?.name ?? '');
    const data = obj(m.data) ?? {};
    if ((name === 'istio' || name.startsWith('istio-')) && 'mesh' in data) meshMaps.push(m);
    if ((name === 'istio-sidecar-injector' || name.startsWith('istio-sidecar-injector-')) && 'config' in data) injectorMaps.push(m);
  }
  const id = (m: Manifest): string => `ConfigMap ${String(obj(m.metadata)?.namespace ?? 'default')}/${String(obj(m.metadata)?.name ?? '')}`;
  if (meshMaps.length > 1) unknown('mesh config', `${meshMaps.map(id).join(', ')}: several mesh configs (revisions or istiod namespaces); which proxy reads which is not modelled`);
  else if (meshMaps.length === 1) {
    const m = meshMaps[0];
    const source = id(m);
    if (String(obj(m.metadata)?.name) !== 'istio') unknown('mesh config', `${source} is the mesh config of a control-plane revision, which is not modelled`);
    const parsed = dataValue(m, 'mesh');
    if (parsed && 'error' in parsed) unknown('mesh config', `${source}: ${parsed.error}`);
    else if (parsed) {
      const mesh = parsed.value;
      const otp = obj(mesh.outboundTrafficPolicy);
      const mode = otp?.mode;
      const unmodelled: string[] = [];
      if (otp && Object.keys(otp).some((k) => k !== 'mode')) unmodelled.push('outboundTrafficPolicy.egressProxy');
      if (mode !== undefined && mode !== 'ALLOW_ANY' && mode !== 'REGISTRY_ONLY') unmodelled.push(`outboundTrafficPolicy.mode ${String(mode)}`);
      for (const [k, v] of Object.entries(mesh)) {
        if (k === 'outboundTrafficPolicy' || k === 'rootNamespace' || NEUTRAL_MESH.has(k)) continue;
        if (k === 'defaultConfig') {
          for (const pk of Object.keys(obj(v) ?? {})) if (!NEUTRAL_PROXY.has(pk)) unmodelled.push(`defaultConfig.${pk}`);
          continue;
        }
        if ((k === 'defaultServiceExportTo' || k === 'defaultVirtualServiceExportTo' || k === 'defaultDestinationRuleExportTo') && JSON.stringify(v) === '["*"]') continue;
        if (k === 'enableAutoMtls' && v === true) continue;
        unmodelled.push(k);
      }
      if (unmodelled.length > 0) unknown('mesh config', `${source} sets ${unmodelled.join(', ')}, which the analyzer does not model`);
      out.mesh = {
        source,
        mode: mode === 'REGISTRY_ONLY' ? 'REGISTRY_ONLY' : 'ALLOW_ANY',
        modeSet: mode === 'REGISTRY_ONLY' || mode === 'ALLOW_ANY',
        rootNamespace: typeof mesh.rootNamespace === 'string' && mesh.rootNamespace ? mesh.rootNamespace : null,
      };
    }
  }
  if (injectorMaps.length > 1) unknown('injector config', `${injectorMaps.map(id).join(', ')}: several injector configs (revisions); which webhook uses which is not modelled`);
  else if (injectorMaps.length === 1) {
    const m = injectorMaps[0];
    const source = id(m);
    if (String(obj(m.metadata)?.name) !== 'istio-sidecar-injector') unknown('injector config', `${source} is the injector config of a control-plane revision, which is not modelled`);
    const parsed = dataValue(m, 'config');
    if (parsed && 'error' in parsed) unknown('injector config', `${source}: ${parsed.error}`);
    else if (parsed) {
      const c = parsed.value;
      const unmodelled = Object.keys(c).filter((k) => !['policy', 'neverInjectSelector', 'alwaysInjectSelector', 'defaultTemplates'].includes(k) && !NEUTRAL_INJECTOR.has(k));
      const dt = c.defaultTemplates;
      if (dt !== undefined && JSON.stringify(dt) !== '["sidecar"]') unmodelled.push(`defaultTemplates ${JSON.stringify(dt)}`);
      const values = dataValue(m, 'values');
      if (values && 'error' in values) unmodelled.push(`values (${values.error})`);
      else if (values) {
        const proxy = obj(obj(values.value.global)?.proxy) ?? {};
        for (const [k, def] of Object.entries(CAPTURE_DEFAULTS)) if (k in proxy && String(proxy[k]) !== def) unmodelled.push(`values.global.proxy.${k} "${String(proxy[k])}"`);
      }
      if (unmodelled.length > 0) unknown('injector config', `${source} sets ${unmodelled.join(', ')}, which the analyzer does not model`);
      if ('templates' in c || 'template' in c) out.warnings.push(`${source}: its injection templates are taken to be Istio's own (the "sidecar" template adds istio-proxy and captures traffic)`);
      out.injector = { source, policy: typeof c.policy === 'string' ? c.policy : '', never: selectorList(c.neverInjectSelector), always: selectorList(c.alwaysInjectSelector) };
    }
  }
  return out;
}
