/** NOTES.txt of the starter chart: how to reach the application, by how it is exposed. */
import type { BuiltIns } from '../../generator';
import { fullname, name } from './helpers';
import type { Values } from './values';

function httpRouteUrl(v: Values, b: BuiltIns): string {
  const gateway = v.httpRoute.parentRefs[0];
  const gatewayNamespace = gateway.namespace || b.release.namespace;
  const hostname = v.httpRoute.hostnames && v.httpRoute.hostnames.length > 0
    ? `
    export APP_HOSTNAME=${v.httpRoute.hostnames[0]}`
    : `
    export APP_HOSTNAME=$(kubectl get --namespace ${gatewayNamespace} gateway/${gateway.name} -o jsonpath="{.spec.listeners[0].hostname}")`;
  const rule = v.httpRoute.rules[0];
  // A first match without a path (method, headers or query parameters only) gets no Visit line; helm create's NOTES
  // fail to render there (`.path.value` of nil).
  const visit = rule && rule.matches && rule.matches[0]?.path && rule.matches[0].path.value
    ? `
    echo "Visit http://$APP_HOSTNAME${rule.matches[0].path.value} to use your application"

    NOTE: Your HTTPRoute depends on the listener configuration of your gateway and your HTTPRoute rules.
    The rules can be set for path, method, header and query parameters.
    You can check the gateway configuration with 'kubectl get --namespace ${gatewayNamespace} gateway/${gateway.name} -o yaml'`
    : '';
  return `${hostname}${visit}`;
}

function url(v: Values, b: BuiltIns): string {
  const ns = b.release.namespace;
  if (v.httpRoute.enabled) return httpRouteUrl(v, b);
  if (v.ingress.enabled) {
    const scheme = v.ingress.tls.length > 0 ? 'https' : 'http';
    return v.ingress.hosts.map((host) => host.paths.map((p) => `
  ${scheme}://${host.host}${p.path}`).join('')).join('');
  }
  if (v.service.type.includes('NodePort')) {
    return `
  export NODE_PORT=$(kubectl get --namespace ${ns} -o jsonpath="{.spec.ports[0].nodePort}" services ${fullname(v, b)})
  export NODE_IP=$(kubectl get nodes --namespace ${ns} -o jsonpath="{.items[0].status.addresses[0].address}")
  echo http://$NODE_IP:$NODE_PORT`;
  }
  if (v.service.type.includes('LoadBalancer')) {
    return `
     NOTE: It may take a few minutes for the LoadBalancer IP to be available.
           You can watch its status by running 'kubectl get --namespace ${ns} svc -w ${fullname(v, b)}'
  export SERVICE_IP=$(kubectl get svc --namespace ${ns} ${fullname(v, b)} --template "{{ range (index .status.loadBalancer.ingress 0) }}{{.}}{{ end }}")
  echo http://$SERVICE_IP:${v.service.port}`;
  }
  if (v.service.type.includes('ClusterIP')) {
    return `
  export POD_NAME=$(kubectl get pods --namespace ${ns} -l "app.kubernetes.io/name=${name(v, b)},app.kubernetes.io/instance=${b.release.name}" -o jsonpath="{.items[0].metadata.name}")
  export CONTAINER_PORT=$(kubectl get pod --namespace ${ns} $POD_NAME -o jsonpath="{.spec.containers[0].ports[0].containerPort}")
  echo "Visit http://127.0.0.1:8080 to use your application"
  kubectl --namespace ${ns} port-forward $POD_NAME 8080:$CONTAINER_PORT`;
  }
  return '';
}

export const notes = (v: Values, b: BuiltIns) => `1. Get the application URL by running these commands:${url(v, b)}
`;
