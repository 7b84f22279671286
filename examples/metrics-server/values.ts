/** Values of the metrics-server chart (a port of kubernetes-sigs/metrics-server's charts/metrics-server). */
import type { IAffinity, IContainer, IEmptyDirVolumeSource, IPodDNSConfig, IPodSecurityContext, IProbe, IResourceRequirements, ISecurityContext, IToleration, ITopologySpreadConstraint, IVolume, IVolumeMount } from 'kubernetes-models/v1';
import type { IDeploymentStrategy } from 'kubernetes-models/apps/v1/DeploymentStrategy';
import type { IRelabelConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/RelabelConfig';

export interface Values {
  image: {
    repository: string;
    /** Overrides the image tag whose default is v{{ .Chart.AppVersion }} */
    tag: string;
    pullPolicy: IContainer['imagePullPolicy'] & string;
  };
  imagePullSecrets: Array<{ name: string }>;
  nameOverride: string;
  fullnameOverride: string;
  namespaceOverride: string;
  serviceAccount: {
    /** Specifies whether a service account should be created */
    create: boolean;
    /** Annotations to add to the service account */
    annotations: Record<string, string>;
    /** The name of the service account to use. If not set and create is true, a name is generated using the fullname template */
    name: string;
    /** The list of secrets mountable by this service account. */
    secrets: Array<{ name: string }>;
  };
  rbac: {
    /** Specifies whether RBAC resources should be created */
    create: boolean;
    /** PodSecurityPolicy (not created on Kubernetes 1.25 or later). */
    pspEnabled: boolean;
  };
  apiService: {
    /** Specifies if the v1beta1.metrics.k8s.io API service should be created. */
    create: boolean;
    /** Annotations to add to the API service */
    annotations: Record<string, string>;
    /** Specifies whether to skip TLS verification */
    insecureSkipTLSVerify: boolean;
    /** The PEM encoded CA bundle for TLS verification */
    caBundle: string;
  };
  commonLabels: Record<string, string>;
  podLabels: Record<string, string>;
  podAnnotations: Record<string, string>;
  podSecurityContext: IPodSecurityContext;
  /** hostUsers of the pod; null leaves it to Kubernetes. */
  hostUsers: boolean | null;
  securityContext: ISecurityContext;
  priorityClassName: string;
  /**
   * The container port.
   * @asType integer
   */
  containerPort: number;
  hostNetwork: {
    /** Specifies if metrics-server should be started in hostNetwork mode. */
    enabled: boolean;
  };
  /** @asType integer */
  replicas: number;
  /**
   * revisionHistoryLimit of the Deployment; null for Kubernetes' default.
   * @asType integer
   */
  revisionHistoryLimit: number | null;
  updateStrategy: IDeploymentStrategy;
  podDisruptionBudget: {
    enabled: boolean;
    /** @asType integer */
    minAvailable: number | null;
    /** @asType integer */
    maxUnavailable: number | null;
    unhealthyPodEvictionPolicy: 'IfHealthyBudget' | 'AlwaysAllow' | null;
  };
  defaultArgs: string[];
  args: string[];
  livenessProbe: IProbe;
  readinessProbe: IProbe;
  service: {
    type: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
    /** @asType integer */
    port: number;
    annotations: Record<string, string>;
    labels: Record<string, string>;
  };
  addonResizer: {
    /** Runs the addon-resizer (nanny) that scales the resources with the cluster. */
    enabled: boolean;
    image: { repository: string; tag: string };
    securityContext: ISecurityContext;
    resources: IResourceRequirements;
    nanny: {
      cpu: string;
      extraCpu: string;
      memory: string;
      extraMemory: string;
      /** @asType integer */
      minClusterSize: number;
      /** @asType integer */
      pollPeriod: number;
      /** @asType integer */
      threshold: number;
    };
  };
  metrics: { enabled: boolean };
  serviceMonitor: {
    enabled: boolean;
    additionalLabels: Record<string, string>;
    interval: string;
    scrapeTimeout: string;
    metricRelabelings: IRelabelConfig[];
    relabelings: IRelabelConfig[];
  };
  /** See https://github.com/kubernetes-sigs/metrics-server#scaling */
  resources: IResourceRequirements;
  extraVolumeMounts: IVolumeMount[];
  extraVolumes: IVolume[];
  nodeSelector: Record<string, string>;
  tolerations: IToleration[];
  affinity: IAffinity;
  topologySpreadConstraints: ITopologySpreadConstraint[];
  dnsConfig: IPodDNSConfig;
  /** Annotations to add to the deployment */
  deploymentAnnotations: Record<string, string>;
  schedulerName: string;
  tmpVolume: { emptyDir: IEmptyDirVolumeSource };
  tls: {
    /** The TLS method: metrics-server (self-signed by metrics-server), cert-manager, or existingSecret. */
    type: 'metrics-server' | 'cert-manager' | 'existingSecret';
    /** Kubernetes cluster domain. Used to configure Subject Alt Names for the certificate */
    clusterDomain: string;
    certManager: {
      /** Automatically add the cert-manager.io/inject-ca-from annotation to the APIService resource. */
      addInjectorAnnotations: boolean;
      existingIssuer: {
        /** Use an existing cert-manager issuer */
        enabled: boolean;
        /** Kind of the existing cert-manager issuer */
        kind: string;
        /** Name of the existing cert-manager issuer */
        name: string;
      };
      /** The requested duration (lifetime) of the Certificate. */
      duration: string;
      /** How long before the certificate's expiry cert-manager should renew it. */
      renewBefore: string;
      /** Extra annotations of the Certificate resource */
      annotations: Record<string, string>;
      /** Extra labels of the Certificate resource */
      labels: Record<string, string>;
    };
    existingSecret: {
      /** Name of the existing Secret to use for TLS */
      name: string;
    };
  };
}
