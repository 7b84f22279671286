/** The v1beta1.metrics.k8s.io APIService, and cert-manager's Issuer and Certificate for tls.type cert-manager. */
import { APIService } from 'kubernetes-models/apiregistration.k8s.io/v1/APIService';
import { untyped, b64enc, merge, type BuiltIns } from 'helmts';
import { fullname, labels, namespace } from './helpers';
import type { Values } from './values';

export const apiService = (v: Values, b: BuiltIns) =>
  v.apiService.create
    ? new APIService({
        metadata: {
          name: 'v1beta1.metrics.k8s.io',
          labels: labels(v, b),
          annotations:
            v.tls.certManager.addInjectorAnnotations && v.tls.type === 'cert-manager'
              ? merge({ 'cert-manager.io/inject-ca-from': `${namespace(v, b)}/${fullname(v, b)}` }, v.apiService.annotations)
              : v.apiService.annotations,
        },
        spec: {
          ...(v.apiService.caBundle && v.tls.type !== 'cert-manager' ? { caBundle: b64enc(v.apiService.caBundle) } : {}),
          group: 'metrics.k8s.io',
          groupPriorityMinimum: 100,
          ...(v.apiService.insecureSkipTLSVerify ? { insecureSkipTLSVerify: true } : {}),
          service: { name: fullname(v, b), namespace: namespace(v, b), port: v.service.port },
          version: 'v1beta1',
          versionPriority: 100,
        },
      })
    : undefined;

export const certificate = (v: Values, b: BuiltIns) =>
  v.tls.type === 'cert-manager'
    ? [
        ...(v.tls.certManager.existingIssuer.enabled
          ? []
          : [untyped({ apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: `${fullname(v, b)}-issuer`, namespace: namespace(v, b) }, spec: { selfSigned: {} } })]),
        untyped({
          apiVersion: 'cert-manager.io/v1',
          kind: 'Certificate',
          metadata: { annotations: v.tls.certManager.annotations, labels: v.tls.certManager.labels, name: fullname(v, b), namespace: namespace(v, b) },
          spec: {
            commonName: fullname(v, b),
            dnsNames: [
              `${fullname(v, b)}.${namespace(v, b)}`,
              `${fullname(v, b)}.${namespace(v, b)}.svc`,
              `${fullname(v, b)}.${namespace(v, b)}.svc.${v.tls.clusterDomain}`,
            ],
            secretName: fullname(v, b),
            usages: ['server auth', 'client auth'],
            privateKey: { algorithm: 'RSA', size: 2048 },
            ...(v.tls.certManager.duration ? { duration: v.tls.certManager.duration } : {}),
            ...(v.tls.certManager.renewBefore ? { renewBefore: v.tls.certManager.renewBefore } : {}),
            issuerRef: v.tls.certManager.existingIssuer.enabled
              ? { name: v.tls.certManager.existingIssuer.name, kind: v.tls.certManager.existingIssuer.kind, group: 'cert-manager.io' }
              : { name: `${fullname(v, b)}-issuer`, kind: 'Issuer', group: 'cert-manager.io' },
          },
        }),
      ]
    : undefined;
