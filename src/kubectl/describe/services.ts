/**
 * `kubectl describe` for Service and Endpoints (staging/src/k8s.io/kubectl/pkg/describe/describe.go,
 * v1.32: describeService with the service's EndpointSlices, buildIngressString,
 * formatEndpointSlices, describeEndpoints).
 */
import type { EndpointSlice, Endpoints, Service } from "../../api/types.ts";
import type { Describer } from "../commands/describe.ts";
import { formatLabels } from "../printers/services.ts";
import { describeEvents } from "./events.ts";
import {
  LEVEL_0,
  LEVEL_1,
  LEVEL_2,
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from "./PrefixWriter.ts";

/**
 * formatEndpointSlices for one port name: ready endpoints as `ip:port`, at most 3 then
 * ` + N more...`; `<none>` when the service has no slices.
 */
export function formatEndpointSlices(slices: readonly EndpointSlice[], portName: string): string {
  if (slices.length === 0) return "<none>";
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const slice of slices) {
    const ports = slice.ports ?? [];
    if (ports.length === 0) {
      for (const e of slice.endpoints ?? []) {
        if (list.length === max) more = true;
        if (e.conditions?.ready === false) continue;
        if (!more) list.push(e.addresses[0] as string);
        count++;
      }
      continue;
    }
    for (const port of ports) {
      if ((port.name ?? "") !== portName) continue;
      for (const e of slice.endpoints ?? []) {
        if (list.length === max) more = true;
        if (e.conditions?.ready === false) continue;
        if (!more) list.push(`${e.addresses[0]}:${port.port}`);
        count++;
      }
    }
  }
  const text = list.join(",");
  return more ? `${text} + ${count - max} more...` : text;
}

const describeService: Describer = (object, events, now, context) => {
  const service = object as unknown as Service;
  const spec = service.spec ?? {};
  let slices: EndpointSlice[] = [];
  try {
    slices = context.client.resource<EndpointSlice>("endpointslices").list(service.metadata?.namespace, {
      labelSelector: `kubernetes.io/service-name=${service.metadata?.name}`,
    }).items;
  } catch {
    slices = [];
  }
  const w = new PrefixWriter();
  w.write(LEVEL_0, "Name:\t%s\n", service.metadata?.name);
  w.write(LEVEL_0, "Namespace:\t%s\n", service.metadata?.namespace);
  printLabelsMultiline(w, "Labels", service.metadata?.labels);
  printAnnotationsMultiline(w, "Annotations", service.metadata?.annotations);
  w.write(LEVEL_0, "Selector:\t%s\n", formatLabels(spec.selector));
  w.write(LEVEL_0, "Type:\t%s\n", spec.type);
  if (spec.ipFamilyPolicy) w.write(LEVEL_0, "IP Family Policy:\t%s\n", spec.ipFamilyPolicy);
  w.write(LEVEL_0, "IP Families:\t%s\n", spec.ipFamilies?.length ? spec.ipFamilies.join(",") : "<none>");
  w.write(LEVEL_0, "IP:\t%s\n", spec.clusterIP ?? "");
  w.write(LEVEL_0, "IPs:\t%s\n", spec.clusterIPs?.length ? spec.clusterIPs.join(",") : "<none>");
  if (spec.externalIPs?.length) w.write(LEVEL_0, "External IPs:\t%s\n", spec.externalIPs.join(","));
  if (spec.loadBalancerIP) w.write(LEVEL_0, "Desired LoadBalancer IP:\t%s\n", spec.loadBalancerIP);
  if (spec.externalName) w.write(LEVEL_0, "External Name:\t%s\n", spec.externalName);
  const ingress = service.status?.loadBalancer?.ingress ?? [];
  if (ingress.length > 0)
    w.write(
      LEVEL_0,
      "LoadBalancer Ingress:\t%s\n",
      ingress
        .map((i) => (i.ip ? `${i.ip}${i.ipMode ? ` (${i.ipMode})` : ""}` : (i.hostname ?? "")))
        .join(", "),
    );
  for (const port of spec.ports ?? []) {
    const name = port.name || "<unset>";
    w.write(LEVEL_0, "Port:\t%s\t%d/%s\n", name, port.port, port.protocol);
    w.write(LEVEL_0, "TargetPort:\t%s/%s\n", String(port.targetPort), port.protocol);
    if (port.nodePort) w.write(LEVEL_0, "NodePort:\t%s\t%d/%s\n", name, port.nodePort, port.protocol);
    w.write(LEVEL_0, "Endpoints:\t%s\n", formatEndpointSlices(slices, port.name ?? ""));
  }
  w.write(LEVEL_0, "Session Affinity:\t%s\n", spec.sessionAffinity);
  if (spec.externalTrafficPolicy)
    w.write(LEVEL_0, "External Traffic Policy:\t%s\n", spec.externalTrafficPolicy);
  if (spec.internalTrafficPolicy)
    w.write(LEVEL_0, "Internal Traffic Policy:\t%s\n", spec.internalTrafficPolicy);
  if (spec.healthCheckNodePort) w.write(LEVEL_0, "HealthCheck NodePort:\t%d\n", spec.healthCheckNodePort);
  if (spec.loadBalancerSourceRanges?.length)
    w.write(LEVEL_0, "LoadBalancer Source Ranges:\t%s\n", spec.loadBalancerSourceRanges.join(","));
  if (context.showEvents) describeEvents(events, w, now);
  return w.toString();
};

const describeEndpoints: Describer = (object, events, now, context) => {
  const endpoints = object as unknown as Endpoints;
  const w = new PrefixWriter();
  w.write(LEVEL_0, "Name:\t%s\n", endpoints.metadata?.name);
  w.write(LEVEL_0, "Namespace:\t%s\n", endpoints.metadata?.namespace);
  printLabelsMultiline(w, "Labels", endpoints.metadata?.labels);
  printAnnotationsMultiline(w, "Annotations", endpoints.metadata?.annotations);
  w.write(LEVEL_0, "Subsets:\n");
  for (const subset of endpoints.subsets ?? []) {
    const ready = (subset.addresses ?? []).map((a) => a.ip);
    w.write(LEVEL_1, "Addresses:\t%s\n", ready.length > 0 ? ready.join(",") : "<none>");
    const notReady = (subset.notReadyAddresses ?? []).map((a) => a.ip);
    w.write(LEVEL_1, "NotReadyAddresses:\t%s\n", notReady.length > 0 ? notReady.join(",") : "<none>");
    if (subset.ports?.length) {
      w.write(LEVEL_1, "Ports:\n");
      w.write(LEVEL_2, "Name\tPort\tProtocol\n");
      w.write(LEVEL_2, "----\t----\t--------\n");
      for (const port of subset.ports)
        w.write(LEVEL_2, "%s\t%d\t%s\n", port.name || "<unset>", port.port, port.protocol);
    }
    w.write(LEVEL_0, "\n");
  }
  if (context.showEvents) describeEvents(events, w, now);
  return w.toString();
};

/**
 * The Service and Endpoints describers, registered by `kubectl describe`.
 *
 * @example
 * ```ts
 * serviceDescribers.Service(service, events, now, { client, showEvents: true });
 * ```
 */
export const serviceDescribers: Record<string, Describer> = {
  Service: describeService,
  Endpoints: describeEndpoints,
};
