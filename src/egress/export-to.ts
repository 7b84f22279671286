/**
 * Service visibility: the `networking.istio.io/exportTo` annotation (research note §2).
 * Default `*` (meshConfig.defaultServiceExportTo).
 */

export interface ExportTo {
  /** Exported to every namespace. */
  all: boolean;
  /** Namespaces it is exported to when not `all` (empty = nowhere, e.g. `~`). */
  namespaces: ReadonlySet<string>;
}

const EVERYWHERE: ExportTo = { all: true, namespaces: new Set() };

/** Parses the comma-separated annotation; `.` is the Service's own namespace, `~` nowhere. */
export function parseExportTo(annotation: string | undefined, serviceNamespace: string): ExportTo {
  if (annotation === undefined || annotation.trim() === '') return EVERYWHERE;
  const namespaces = new Set<string>();
  for (const raw of annotation.split(',')) {
    const entry = raw.trim();
    if (entry === '*') return EVERYWHERE;
    if (entry === '.') namespaces.add(serviceNamespace);
    else if (entry !== '~' && entry !== '') namespaces.add(entry);
  }
  return { all: false, namespaces };
}

export function isVisibleTo(exportTo: ExportTo, namespace: string): boolean {
  return exportTo.all || exportTo.namespaces.has(namespace);
}
