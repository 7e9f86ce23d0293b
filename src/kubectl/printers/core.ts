import type { Event, KubeObject, Lease, Namespace } from "../../api/types.ts";
import { timestampSince } from "../humanDuration.ts";
import { column, type ResourcePrinter } from "./Table.ts";

const age = (o: KubeObject, now: number) => timestampSince(o.metadata.creationTimestamp, now);

/**
 * The apiserver's default table for kinds without a server-side printer (such as Role and
 * ClusterRole): NAME and CREATED AT, the creation time in RFC 3339 (apiserver
 * pkg/registry/rest/table.go `defaultTableConvertor`).
 */
export const defaultPrinter: ResourcePrinter<KubeObject> = {
  columns: [column("Name", 0, "string", "name"), column("Created At", 0, "date")],
  row: (o) => [o.metadata.name ?? "", o.metadata.creationTimestamp ?? "0001-01-01T00:00:00Z"],
};

/** printNamespace. */
export const namespacePrinter: ResourcePrinter<Namespace> = {
  columns: [column("Name", 0, "string", "name"), column("Status"), column("Age")],
  row: (ns, { now }) => [
    ns.metadata?.name ?? "",
    ns.status?.phase ?? "",
    timestampSince(ns.metadata?.creationTimestamp, now),
  ],
};

function formatEventSource(component: string, instance: string): string {
  if (!component) return "<unknown>";
  return instance ? `${component}, ${instance}` : component;
}

/** printEvent. */
export const eventPrinter: ResourcePrinter<Event> = {
  columns: [
    column("Last Seen"),
    column("Type"),
    column("Reason"),
    column("Object"),
    column("Subobject", 1),
    column("Source", 1),
    column("Message"),
    column("First Seen", 1),
    column("Count", 1),
    column("Name", 1, "string", "name"),
  ],
  row(e, { now }) {
    let first = timestampSince(e.firstTimestamp, now);
    if (!e.firstTimestamp) first = timestampSince(e.eventTime, now);
    let last = e.lastTimestamp ? timestampSince(e.lastTimestamp, now) : first;
    let count = e.count ?? 0;
    if (e.series) {
      last = timestampSince(e.series.lastObservedTime, now);
      count = e.series.count ?? 0;
    } else if (count === 0) count = 1;
    const kind = (e.involvedObject?.kind ?? "").toLowerCase();
    const target = e.involvedObject?.name ? `${kind}/${e.involvedObject.name}` : kind;
    return [
      last,
      e.type ?? "",
      e.reason ?? "",
      target,
      e.involvedObject?.fieldPath ?? "",
      formatEventSource(
        e.source?.component || e.reportingComponent || "",
        e.source?.host || e.reportingInstance || "",
      ),
      (e.message ?? "").trim(),
      first,
      count,
      e.metadata?.name ?? "",
    ];
  },
};

/** printLease. */
export const leasePrinter: ResourcePrinter<Lease> = {
  columns: [column("Name", 0, "string", "name"), column("Holder"), column("Age")],
  row: (l, { now }) => [
    l.metadata?.name ?? "",
    l.spec?.holderIdentity ?? "",
    timestampSince(l.metadata?.creationTimestamp, now),
  ],
};

/** printConfigMap. */
export const configMapPrinter: ResourcePrinter<KubeObject> = {
  columns: [column("Name", 0, "string", "name"), column("Data", 0, "integer"), column("Age")],
  row: (o, { now }) => [
    o.metadata.name ?? "",
    Object.keys((o.data as object | undefined) ?? {}).length +
      Object.keys((o.binaryData as object | undefined) ?? {}).length,
    age(o, now),
  ],
};

/** printServiceAccount. */
export const serviceAccountPrinter: ResourcePrinter<KubeObject> = {
  columns: [column("Name", 0, "string", "name"), column("Secrets", 0, "integer"), column("Age")],
  row: (o, { now }) => [
    o.metadata.name ?? "",
    ((o.secrets as unknown[] | undefined) ?? []).length,
    age(o, now),
  ],
};

/** printSecret. */
export const secretPrinter: ResourcePrinter<KubeObject> = {
  columns: [column("Name", 0, "string", "name"), column("Type"), column("Data", 0, "integer"), column("Age")],
  row: (o, { now }) => [
    o.metadata.name ?? "",
    (o.type as string | undefined) ?? "Opaque",
    Object.keys((o.data as object | undefined) ?? {}).length,
    age(o, now),
  ],
};

/** printPriorityClass. */
export const priorityClassPrinter: ResourcePrinter<KubeObject> = {
  columns: [
    column("Name", 0, "string", "name"),
    column("Value", 0, "integer"),
    column("Global-Default", 0, "boolean"),
    column("Age"),
    column("PreemptionPolicy"),
  ],
  row: (o, { now }) => [
    o.metadata.name ?? "",
    (o.value as number | undefined) ?? 0,
    (o.globalDefault as boolean | undefined) ?? false,
    age(o, now),
    (o.preemptionPolicy as string | undefined) ?? "",
  ],
};
