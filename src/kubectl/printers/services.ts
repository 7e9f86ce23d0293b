/**
 * Server-side printers of Service, Endpoints and EndpointSlice (pkg/printers/internalversion/
 * printers.go: printService, printEndpoints, printEndpointSlice).
 */
import type { EndpointSlice, Endpoints, Service } from "../../api/types.ts";
import { timestampSince } from "../humanDuration.ts";
import { column, type ResourcePrinter } from "./Table.ts";

/** labels.FormatLabels: `k=v,…` sorted by key, `<none>` when empty. */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
  const entries = Object.entries(labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length === 0 ? "<none>" : entries.map(([k, v]) => `${k}=${v}`).join(",");
}

/** loadBalancerStatusStringer: ingress IPs or hostnames; longer than 16 characters is cut unless wide. */
function loadBalancerStatus(service: Service, wide: boolean): string {
  const list = (service.status?.loadBalancer?.ingress ?? [])
    .map((i) => i.ip || i.hostname || "")
    .filter(Boolean);
  const result = list.join(",");
  return !wide && result.length > 16 ? `${result.slice(0, 13)}...` : result;
}

/** getServiceExternalIP. */
export function serviceExternalIP(service: Service, wide: boolean): string {
  const externalIPs = service.spec?.externalIPs ?? [];
  switch (service.spec?.type) {
    case "ClusterIP":
    case "NodePort":
      return externalIPs.length > 0 ? externalIPs.join(",") : "<none>";
    case "LoadBalancer": {
      const lb = loadBalancerStatus(service, wide);
      if (externalIPs.length > 0) return [...(lb ? lb.split(",") : []), ...externalIPs].join(",");
      return lb || "<pending>";
    }
    case "ExternalName":
      return service.spec.externalName ?? "";
  }
  return "<unknown>";
}

/** makePortString: `80/TCP`, `80:30080/TCP`, joined by commas. */
export function servicePorts(service: Service): string {
  const ports = service.spec?.ports ?? [];
  if (ports.length === 0) return "<none>";
  return ports
    .map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`))
    .join(",");
}

/** printService: NAME, TYPE, CLUSTER-IP, EXTERNAL-IP, PORT(S), AGE and (wide) SELECTOR. */
export const servicePrinter: ResourcePrinter<Service> = {
  columns: [
    column("Name", 0, "string", "name"),
    column("Type"),
    column("Cluster-IP"),
    column("External-IP"),
    column("Port(s)"),
    column("Age"),
    column("Selector", 1),
  ],
  row: (s, { now, wide }) => [
    s.metadata?.name ?? "",
    s.spec?.type ?? "",
    s.spec?.clusterIP || "<none>",
    serviceExternalIP(s, wide),
    servicePorts(s),
    timestampSince(s.metadata?.creationTimestamp, now),
    formatLabels(s.spec?.selector),
  ],
};

/** formatEndpoints: at most 3 `ip:port` entries, then ` + N more...`; `<none>` without subsets. */
export function formatEndpoints(endpoints: Endpoints): string {
  const subsets = endpoints.subsets ?? [];
  if (subsets.length === 0) return "<none>";
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    if (!ss.ports?.length) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ss.ports) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(`${a.ip}:${port.port}`);
      }
    }
  }
  const text = list.join(",");
  return more ? `${text} + ${count - max} more...` : text;
}

/** printEndpoints: NAME, ENDPOINTS, AGE. */
export const endpointsPrinter: ResourcePrinter<Endpoints> = {
  columns: [column("Name", 0, "string", "name"), column("Endpoints"), column("Age")],
  row: (e, { now }) => [
    e.metadata?.name ?? "",
    formatEndpoints(e),
    timestampSince(e.metadata?.creationTimestamp, now),
  ],
};

function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const text = list.join(",");
  if (more) return `${text} + ${count - max} more...`;
  return text === "" ? "<unset>" : text;
}

/** printEndpointSlice: NAME, ADDRESSTYPE, PORTS, ENDPOINTS, AGE. */
export const endpointSlicePrinter: ResourcePrinter<EndpointSlice> = {
  columns: [
    column("Name", 0, "string", "name"),
    column("AddressType"),
    column("Ports"),
    column("Endpoints"),
    column("Age"),
  ],
  row: (s, { now }) => {
    const max = 3;
    const ports: string[] = [];
    let portCount = 0;
    for (const p of s.ports ?? []) {
      if (ports.length < max) ports.push(p.port !== undefined ? String(p.port) : (p.name ?? "*"));
      portCount++;
    }
    const addresses: string[] = [];
    let addressCount = 0;
    for (const e of s.endpoints ?? [])
      for (const a of e.addresses) {
        if (addresses.length < max) addresses.push(a);
        addressCount++;
      }
    return [
      s.metadata?.name ?? "",
      s.addressType,
      listWithMore(ports, portCount > max, portCount, max),
      listWithMore(addresses, addressCount > max, addressCount, max),
      timestampSince(s.metadata?.creationTimestamp, now),
    ];
  },
};
