/** Values of the starter chart: the chart `helm create` writes, with the same values and defaults. */
import type { IAffinity } from 'kubernetes-models/v1/Affinity';
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
    pullPolicy: 'Always' | 'IfNotPresent' | 'Never';
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
    /** This sets the service type more information can be found here: https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types */
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
        pathType: 'Exact' | 'Prefix' | 'ImplementationSpecific';
      }>;
    }>;
    tls: Array<{ secretName?: string; hosts: string[] }>;
  };
  /** -- Expose the service via gateway-api HTTPRoute. Requires Gateway API resources and suitable controller installed within the cluster (see: https://gateway-api.sigs.k8s.io/guides/) */
  httpRoute: {
    /** HTTPRoute enabled. */
    enabled: boolean;
    /** HTTPRoute annotations. */
    annotations?: Record<string, string>;
    /** Which Gateways this Route is attached to. */
    parentRefs: Array<{ name: string; sectionName?: string; namespace?: string }>;
    /** Hostnames matching HTTP header. */
    hostnames?: string[];
    /** List of rules and filters applied. */
    rules: Array<{
      matches: Array<{ path: { type: 'Exact' | 'PathPrefix' | 'RegularExpression'; value: string } }>;
      filters?: Array<Record<string, unknown>>;
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
