/**
 * Values of the starter chart: the chart `helm create` writes, with the same values and defaults.
 * Every Kubernetes- or Gateway-API-shaped field has the model's type, so the schema accepts what the API
 * accepts (the API's patterns and length limits, which the model interfaces do not carry, are checked by the
 * model's validator on rendered documents and by the API server).
 */
import type { IHTTPRouteFilter } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRouteFilter';
import type { IHTTPRouteMatch } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRouteMatch';
import type { IHostname } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/Hostname';
import type { IParentReference } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/ParentReference';
import type { IHTTPIngressPath } from 'kubernetes-models/networking.k8s.io/v1/HTTPIngressPath';
import type { IIngressTLS } from 'kubernetes-models/networking.k8s.io/v1/IngressTLS';
import type { IAffinity } from 'kubernetes-models/v1/Affinity';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { ILocalObjectReference } from 'kubernetes-models/v1/LocalObjectReference';
import type { IPodSecurityContext } from 'kubernetes-models/v1/PodSecurityContext';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import type { IResourceRequirements } from 'kubernetes-models/v1/ResourceRequirements';
import type { ISecurityContext } from 'kubernetes-models/v1/SecurityContext';
import type { IToleration } from 'kubernetes-models/v1/Toleration';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { IVolumeMount } from 'kubernetes-models/v1/VolumeMount';

export interface Values {
  /**
   * This will set the replicaset count more information can be found here: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset/
   * @asType integer
   * @minimum 0
   */
  replicaCount: number;
  /** This sets the container image more information can be found here: https://kubernetes.io/docs/concepts/containers/images/ */
  image: {
    repository: string;
    /** This sets the pull policy for images. */
    pullPolicy: Exclude<IContainer['imagePullPolicy'], undefined>;
    /** Overrides the image tag whose default is the chart appVersion. */
    tag: string;
  };
  /** This is for the secrets for pulling an image from a private repository more information can be found here: https://kubernetes.io/docs/tasks/configure-pod-container/pull-image-private-registry/ */
  imagePullSecrets?: ILocalObjectReference[];
  /** This is to override the chart name. */
  nameOverride: string;
  fullnameOverride: string;
  /** This section builds out the service account more information can be found here: https://kubernetes.io/docs/concepts/security/service-accounts/ */
  serviceAccount: {
    /** Specifies whether a service account should be created */
    create: boolean;
    /** Automatically mount a ServiceAccount's API credentials? */
    automount: boolean;
    /** Annotations to add to the service account */
    annotations?: Record<string, string>;
    /**
     * The name of the service account to use.
     * If not set and create is true, a name is generated using the fullname template
     */
    name: string;
  };
  /** This is for setting Kubernetes Annotations to a Pod. */
  podAnnotations?: Record<string, string>;
  /** This is for setting Kubernetes Labels to a Pod. */
  podLabels?: Record<string, string>;
  /**
   * This is for setting Security Context to a Pod.
   * @example { "fsGroup": 2000 }
   */
  podSecurityContext?: IPodSecurityContext;
  /**
   * This is for setting Security Context to a Container.
   * @example { "capabilities": { "drop": ["ALL"] }, "readOnlyRootFilesystem": true, "runAsNonRoot": true, "runAsUser": 1000 }
   */
  securityContext?: ISecurityContext;
  /** This is for setting up a service more information can be found here: https://kubernetes.io/docs/concepts/services-networking/service/ */
  service: {
    /**
     * This sets the service type more information can be found here: https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types
     * (not `ExternalName`, which the API accepts only with `externalName`, a field this chart does not set)
     */
    type: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
    /**
     * This sets the ports more information can be found here: https://kubernetes.io/docs/concepts/services-networking/service/#field-spec-ports
     * @asType integer
     * @minimum 1
     * @maximum 65535
     */
    port: number;
  };
  /** This block is for setting up the ingress for more information can be found here: https://kubernetes.io/docs/concepts/services-networking/ingress/ */
  ingress: {
    enabled: boolean;
    className: string;
    annotations?: Record<string, string>;
    hosts: Array<{
      host: string;
      paths: Array<{
        /** @pattern ^/ */
        path: string;
        pathType: IHTTPIngressPath['pathType'];
      }>;
    }>;
    /**
     * The model's IngressTLS with `hosts` required: helm create's template writes the key for every entry (an entry
     * whose keys are all absent would render as a null list item).
     */
    tls: Array<IIngressTLS & { hosts: string[] }>;
  };
  /** -- Expose the service via gateway-api HTTPRoute. Requires Gateway API resources and suitable controller installed within the cluster (see: https://gateway-api.sigs.k8s.io/guides/) */
  httpRoute: {
    /** HTTPRoute enabled. */
    enabled: boolean;
    /** HTTPRoute annotations. */
    annotations?: Record<string, string>;
    /** Which Gateways this Route is attached to. */
    parentRefs: IParentReference[];
    /** Hostnames matching HTTP header. */
    hostnames?: IHostname[];
    /**
     * List of rules and filters applied. Each rule needs `matches` (the template of `helm create` writes a
     * rule's list item at its matches).
     */
    rules: Array<{
      matches: IHTTPRouteMatch[];
      filters?: IHTTPRouteFilter[];
    }>;
  };
  /**
   * We usually recommend not to specify default resources and to leave this as a conscious
   * choice for the user. This also increases chances charts run on environments with little
   * resources, such as Minikube. If you do want to specify resources, uncomment the following
   * lines, adjust them as necessary, and remove the curly braces after 'resources:'.
   * @example { "limits": { "cpu": "100m", "memory": "128Mi" }, "requests": { "cpu": "100m", "memory": "128Mi" } }
   */
  resources?: IResourceRequirements;
  /** This is to setup the liveness and readiness probes more information can be found here: https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/ */
  livenessProbe?: IProbe;
  readinessProbe?: IProbe;
  /** This section is for setting up autoscaling more information can be found here: https://kubernetes.io/docs/concepts/workloads/autoscaling/ */
  autoscaling: {
    enabled: boolean;
    /** @asType integer */
    minReplicas: number;
    /** @asType integer */
    maxReplicas: number;
    /** @asType integer */
    targetCPUUtilizationPercentage?: number;
    /** @asType integer */
    targetMemoryUtilizationPercentage?: number;
  };
  /**
   * Additional volumes on the output Deployment definition.
   * @example [{ "name": "foo", "secret": { "secretName": "mysecret", "optional": false } }]
   */
  volumes?: IVolume[];
  /**
   * Additional volumeMounts on the output Deployment definition.
   * @example [{ "name": "foo", "mountPath": "/etc/foo", "readOnly": true }]
   */
  volumeMounts?: IVolumeMount[];
  nodeSelector?: Record<string, string>;
  tolerations?: IToleration[];
  affinity?: IAffinity;
}
