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
}

/** Parses `1.17`, `1.17.2`, `v1.24.0-beta.1`; throws a one-line error otherwise. */
export function parseIstioVersion(text: string = DEFAULT_ISTIO_VERSION): IstioVersion {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(text.trim());
  if (!m) throw new Error(`invalid Istio version "${text}" (expected e.g. 1.17 or 1.24.2)`);
  return { major: Number(m[1]), minor: Number(m[2]), text: `${m[1]}.${m[2]}` };
}

function atLeast(v: IstioVersion, minor: number): boolean {
  return v.major > 1 || (v.major === 1 && v.minor >= minor);
}

export function versionFeatures(v: IstioVersion): VersionFeatures {
  return {
    zipkinCluster: !atLeast(v, 22),
    inboundPassthroughName: atLeast(v, 23) ? 'InboundPassthroughCluster' : 'InboundPassthroughClusterIpv4',
    tildeExclusion: atLeast(v, 31),
  };
}
