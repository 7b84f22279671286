/** An Istio ServiceEntry `<name>` in `<namespace>` for each item of `serviceEntries` (none by default). */
import { ServiceEntry } from '@kubernetes-models/istio/networking.istio.io/v1alpha3/ServiceEntry';
import { when, type BuiltIns } from '../../generator';
import { commonLabels } from './helpers';
import type { Values } from './values';

export const serviceEntries = (v: Values, b: BuiltIns) =>
  v.serviceEntries.map((se) =>
    withApiVersion(
      new ServiceEntry({
        metadata: { name: se.name, namespace: se.namespace, labels: commonLabels(v, b) },
        spec: {
          hosts: se.hosts,
          ports: se.ports.map((p) => ({
            number: p.number,
            protocol: p.protocol,
            name: p.name,
            targetPort: when(p.targetPort, (t) => t),
          })),
          resolution: when(se.resolution, (r) => r),
          location: when(se.location, (l) => l),
          addresses: when(se.addresses, (addresses) => addresses.map((a) => a)),
          endpoints: when(se.endpoints, (e) => e),
          // Items quoted one by one: `toYaml` would print `- .`, which YAML 1.1 readers may not take as a string.
          exportTo: when(se.exportTo, (exportTo) => exportTo.map((e) => e)),
        },
      }),
      v.istio.sidecarApiVersion,
    ),
  );

/** The ServiceEntry spec is the same in v1alpha3, v1beta1 and v1; only the apiVersion changes. */
function withApiVersion(entry: ServiceEntry, apiVersion: Values['istio']['sidecarApiVersion']): ServiceEntry {
  return Object.assign(entry, { apiVersion }) as ServiceEntry;
}
