/**
 * Where Istio picks "the oldest" of competing objects (Sidecars: `pilot/pkg/model/push_context.go`
 * `initSidecarScopes`; PeerAuthentications: `pilot/pkg/model/authentication.go`
 * `addPeerAuthentication`, both sorted by `sortConfigByCreationTime`: creationTimestamp, then name
 * and namespace), the input decides only when every competitor carries `metadata.creationTimestamp`
 * (rendered manifests carry none; the API server sets it at creation, in the order of the apply).
 * Competitors that would act the same do not need an order.
 */
export interface Created {
  id: string;
  /** Milliseconds; 0 when absent. */
  created: number;
  timestamped: boolean;
}

/** For candidates in Istio's order (oldest first): null when the input decides the winner, else why it does not. */
export function undecidedOrder<T extends Created>(sorted: readonly T[], same: (a: T, b: T) => boolean): string | null {
  if (sorted.length < 2) return null;
  const first = sorted[0];
  const rivals = sorted.slice(1).filter((c) => !same(first, c));
  if (rivals.length === 0) return null;
  const all = [first, ...rivals];
  if (all.every((c) => c.timestamped)) return null;
  const missing = all.filter((c) => !c.timestamped).map((c) => c.id);
  return `${all.map((c) => c.id).join(', ')} compete and ${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} no creationTimestamp: Istio uses the oldest, which the order of creation decides`;
}
