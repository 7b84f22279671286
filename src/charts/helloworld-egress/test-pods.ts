/**
 * `helm test` pods: one per namespace with a Sidecar. Each carries the labels
 * the Sidecar selects, so it sees what the application pods see; curls a
 * bounded sample of the chart's Service ports (and, with `tests.externalHosts`,
 * two external hosts); and compares with the predicted outcome. A readiness probe that never passes keeps it out of the
 * Service's endpoints; Istio holds it until the proxy runs, and it stops the
 * proxy when done so the pod completes.
 */
import { Pod } from 'kubernetes-models/v1/Pod';
import { merge, when, type BuiltIns, type ComputedHelper } from '../../generator';
import { labels } from './helpers';
import type { NamespaceValues, Values } from './values';

/**
 * Runs each `host:port=expected` check (`https://host:port=expected` for a TLS
 * handshake); expected is http-<status>, tls-ok (the handshake completed; the
 * certificate is not verified, since egress, not PKI, is checked) or
 * curl-exit-<code> (a timeout is curl-exit-28, so it fails every check).
 * Prints `ok    <target>  <got>` or `FAIL  <target>  expected <e>, got <g>`
 * per check and exits 1 if any failed. Each curl may take
 * `EGRESS_CHECK_TIMEOUT` seconds (default 10; the pod does not set it, the
 * test that runs this script locally does).
 */
export const CHECK_SCRIPT = `fail=0
for check in "$@"; do
  target="\${check%=*}"; expected="\${check##*=}"
  case "$target" in https://*) url="$target/"; tls=1;; *) url="http://$target/"; tls=;; esac
  status=$(curl -sk -o /dev/null -w '%{http_code}' --max-time "\${EGRESS_CHECK_TIMEOUT:-10}" "$url"); code=$?
  if [ "$code" -ne 0 ]; then got="curl-exit-$code"; elif [ -n "$tls" ]; then got="tls-ok"; else got="http-$status"; fi
  if [ "$got" = "$expected" ]; then echo "ok    $target  $got"; else echo "FAIL  $target  expected $expected, got $got"; fail=1; fi
done
curl -s -X POST http://localhost:15020/quitquitquit > /dev/null || true
exit $fail
`;

type Checks = ComputedHelper<Values, { from: NamespaceValues }, string[]>;

export const testPods = (checks: Checks) => (v: Values, b: BuiltIns) =>
  when(v.tests.enabled, () =>
    v.namespaces.map((from) =>
      when(from.sidecar, () =>
        new Pod({
          metadata: {
            name: `${v.app.name}-egress-test-${from.name}`,
            namespace: from.name,
            labels: merge(labels(v, b), { 'sidecar.istio.io/inject': 'true' }),
            annotations: {
              'helm.sh/hook': 'test',
              'helm.sh/hook-delete-policy': 'before-hook-creation',
              'proxy.istio.io/config': '{"holdApplicationUntilProxyStarts": true}',
            },
          },
          spec: {
            restartPolicy: 'Never',
            containers: [
              {
                name: 'egress-check',
                image: v.tests.image,
                command: ['/bin/sh', '-c', CHECK_SCRIPT, 'egress-check'],
                args: checks(v, { from }),
                readinessProbe: { exec: { command: ['/bin/sh', '-c', 'exit 1'] }, periodSeconds: 3600 },
              },
            ],
          },
        }),
      ),
    ),
  );
