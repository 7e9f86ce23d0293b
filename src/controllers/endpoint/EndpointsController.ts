import { isPodReady } from "../../api/pods.ts";
import type { Endpoints, Pod, Service } from "../../api/types.ts";
import type { ControllerContext } from "../Controller.ts";
import { rfc3339 } from "../controllerUtils.ts";
import { endpointHostname, findPort, podsForService, shouldPodBeInEndpoints } from "./endpointUtil.ts";
import { ServiceEndpointsController } from "./ServiceEndpointsController.ts";

type Subset = NonNullable<Endpoints["subsets"]>[number];
type Address = NonNullable<Subset["addresses"]>[number];
type Port = NonNullable<Subset["ports"]>[number];

/** The label headless services' Endpoints and EndpointSlices carry. */
export const HEADLESS_LABEL = "service.kubernetes.io/headless";

/**
 * endpoints.RepackSubsets: addresses that share the same ports go in one subset; addresses sorted
 * by IP, ports by name (the real controller sorts them by a hash of the port).
 */
function repackSubsets(entries: { address: Address; ready: boolean; ports: Port[] }[]): Subset[] {
  const groups = new Map<string, Subset>();
  const byIP = (a: Address, b: Address) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0);
  for (const entry of entries) {
    const ports = [...entry.ports].sort((a, b) => ((a.name ?? "") < (b.name ?? "") ? -1 : 1));
    const key = JSON.stringify(ports);
    let subset = groups.get(key);
    if (!subset) {
      subset = ports.length > 0 ? { ports } : {};
      groups.set(key, subset);
    }
    if (entry.ready) subset.addresses = [...(subset.addresses ?? []), entry.address];
    else subset.notReadyAddresses = [...(subset.notReadyAddresses ?? []), entry.address];
  }
  const subsets = [...groups.values()];
  for (const s of subsets) {
    s.addresses?.sort(byIP);
    s.notReadyAddresses?.sort(byIP);
  }
  return subsets;
}

/**
 * The endpoints controller (pkg/controller/endpoint): for every service with a selector it keeps an
 * Endpoints object of the same name listing the selected pods' IPs with the resolved target ports:
 * ready pods in `addresses`, running but not ready ones in `notReadyAddresses` (all in `addresses`
 * when `publishNotReadyAddresses`); pods without an IP, terminal or terminating pods are left out.
 *
 * @example
 * ```ts
 * new EndpointsController(ctx).start();
 * ```
 */
export class EndpointsController extends ServiceEndpointsController {
  constructor(ctx: ControllerContext) {
    super("endpoint-controller", ctx);
  }

  protected override reconcile(key: string): void {
    const [namespace, name] = key.split("/") as [string, string];
    const endpointsClient = this.client.resource<Endpoints>("endpoints");
    const service = this.services?.get(key);
    if (!service) {
      // The service is gone: so are its Endpoints (the garbage collector does not own them).
      const existing = endpointsClient.find(namespace, name);
      if (existing) endpointsClient.delete(namespace, name);
      return;
    }
    if (!service.spec?.selector) return;
    const subsets = this.#subsets(service);
    const existing = endpointsClient.find(namespace, name);
    const labels: Record<string, string> = { ...(service.metadata?.labels ?? {}) };
    if (service.spec.clusterIP === "None") labels[HEADLESS_LABEL] = "";
    if (existing) {
      const sameSubsets = JSON.stringify(existing.subsets ?? []) === JSON.stringify(subsets);
      const sameLabels = JSON.stringify(existing.metadata?.labels ?? {}) === JSON.stringify(labels);
      if (sameSubsets && sameLabels) return;
    }
    const metadata: Endpoints["metadata"] = {
      name,
      namespace,
      annotations: { "endpoints.kubernetes.io/last-change-trigger-time": rfc3339(this.ctx.loop.now()) },
      ...(Object.keys(labels).length > 0 ? { labels } : {}),
    };
    const endpoints: Endpoints = {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: existing ? { ...existing.metadata, ...metadata } : metadata,
      ...(subsets.length > 0 ? { subsets } : {}),
    };
    if (existing) endpointsClient.update(endpoints);
    else endpointsClient.create(endpoints);
  }

  #subsets(service: Service): Subset[] {
    const tolerateUnready = service.spec?.publishNotReadyAddresses === true;
    const entries: { address: Address; ready: boolean; ports: Port[] }[] = [];
    for (const pod of podsForService(service, this.pods?.list() ?? [])) {
      if (!shouldPodBeInEndpoints(pod, tolerateUnready)) continue;
      const address = this.#address(pod, service);
      const ready = tolerateUnready || isPodReady(pod);
      const servicePorts = service.spec?.ports ?? [];
      if (servicePorts.length === 0) {
        if (service.spec?.clusterIP === "None") entries.push({ address, ready, ports: [] });
        continue;
      }
      for (const sp of servicePorts) {
        const port = findPort(pod, sp);
        if (port === undefined) continue;
        entries.push({
          address,
          ready,
          ports: [
            {
              ...(sp.name ? { name: sp.name } : {}),
              port,
              protocol: sp.protocol ?? "TCP",
              ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}),
            },
          ],
        });
      }
    }
    // Merge one address's ports across service ports before repacking.
    const merged = new Map<string, { address: Address; ready: boolean; ports: Port[] }>();
    for (const e of entries) {
      const k = e.address.ip;
      const prior = merged.get(k);
      if (prior) prior.ports.push(...e.ports);
      else merged.set(k, { ...e, ports: [...e.ports] });
    }
    return repackSubsets([...merged.values()]);
  }

  #address(pod: Pod, service: Service): Address {
    const hostname = endpointHostname(pod, service);
    return {
      ip: pod.status?.podIP as string,
      ...(hostname ? { hostname } : {}),
      ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
      targetRef: {
        kind: "Pod",
        namespace: pod.metadata?.namespace as string,
        name: pod.metadata?.name as string,
        uid: pod.metadata?.uid as string,
      },
    };
  }
}
