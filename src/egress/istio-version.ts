/**
 * Istio version parsing and the version-dependent switches of research note §11.
 */
import { DEFAULT_ISTIO_VERSION } from './types';

export interface IstioVersion {
  major: number;
  minor: number;
  text: string;
}

export interface VersionFeatures {
  /** Default tracer Zipkin (bootstrap `zipkin` cluster) up to 1.21. */
  zipkinCluster: boolean;
  /** `InboundPassthroughClusterIpv4` up to 1.22, `InboundPassthroughCluster` from 1.23. */
  inboundPassthroughName: string;
  /** From 1.31 `~ns/host` excludes and a bare `~` means every namespace; before, `~` is a literal namespace. */
  tildeExclusion: boolean;
  /** From 1.23 no wildcard-bound (HTTP) outbound listener on Envoy's reserved ports (`CanBindToPort`, `conflictWithReservedListener`). */
  reservedListenerPorts: boolean;
}

/**
 * The minor versions whose rules the model was studied on: 1.17 (the research baseline, tag
 * 1.17.2) through 1.31 (master 2026-08, `86c9f01fd735`). Older releases differ in ways the model
 * does not carry (before 1.13.7/1.14.3/1.15 the RDS cache ignored a Sidecar's outbound policy,
 * istio/istio#39794); newer ones are not studied yet. Outside the range nothing is predicted.
 */
export const SUPPORTED_MINORS = { first: 17, last: 31 } as const;

/** Parses `1.17`, `1.17.2`, `v1.24.0-beta.1`; throws a one-line error otherwise, or for a version outside {@link SUPPORTED_MINORS}. */
export function parseIstioVersion(text: string = DEFAULT_ISTIO_VERSION): IstioVersion {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(text.trim());
  if (!m) throw new Error(`invalid Istio version "${text}" (expected e.g. 1.17 or 1.24.2)`);
  const major = Number(m[1]);
  const minor = Number(m[2]);
  if (major !== 1 || minor < SUPPORTED_MINORS.first || minor > SUPPORTED_MINORS.last) {
    throw new Error(
      `Istio ${major}.${minor} is outside the versions the analyzer models (1.${SUPPORTED_MINORS.first} to 1.${SUPPORTED_MINORS.last}; ` +
        `src/egress/README.md cites their rules; older releases route differently, e.g. istio/istio#39794 before 1.15)`,
    );
  }
  return { major, minor, text: `${m[1]}.${m[2]}` };
}

function atLeast(v: IstioVersion, minor: number): boolean {
  return v.major > 1 || (v.major === 1 && v.minor >= minor);
}

export function versionFeatures(v: IstioVersion): VersionFeatures {
  return {
    zipkinCluster: !atLeast(v, 22),
    inboundPassthroughName: atLeast(v, 23) ? 'InboundPassthroughCluster' : 'InboundPassthroughClusterIpv4',
    tildeExclusion: atLeast(v, 31),
    reservedListenerPorts: atLeast(v, 23),
  };
}
