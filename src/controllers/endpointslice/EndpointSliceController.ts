import { isPodReady } from "../../api/pods.ts";
import type { EndpointSlice, Pod, Service } from "../../api/types.ts";
import type { ControllerContext } from "../Controller.ts";
import { newControllerRef } from "../controllerUtils.ts";
import { HEADLESS_LABEL } from "../endpoint/EndpointsController.ts";
import {
  endpointHostname,
  findPort,
  podsForService,
  shouldPodBeInEndpoints,
} from "../endpoint/endpointUtil.ts";
import { ServiceEndpointsController } from "../endpoint/ServiceEndpointsController.ts";

type Endpoint = EndpointSlice["endpoints"][number];
type EndpointPort = NonNullable<EndpointSlice["ports"]>[number];

/** discovery.LabelManagedBy / the controller's name in it. */
export const MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
export const CONTROLLER_NAME = "endpointslice-controller.k8s.io";
export const SERVICE_NAME_LABEL = "kubernetes.io/service-name";
/** --max-endpoints-per-slice. */
export const MAX_ENDPOINTS_PER_SLICE = 100;

/**
 * The EndpointSlice controller (pkg/controller/endpointslice and staging endpointslice reconciler):
 * for every service with a selector, slices named `<service>-xxxxx` (owned by the service, labelled
 * `kubernetes.io/service-name`) hold one endpoint per selected pod with an IP, grouped by the
 * resolved ports. Terminating pods stay with `ready: false, terminating: true`; `serving` is the
 * pod's readiness; `ready` is serving and not terminating (always true with
 * publishNotReadyAddresses). A service without endpoints keeps one empty placeholder slice.
 *
 * @example
 * ```ts
 * new EndpointSliceController(ctx).start();
 * ```
 */
export class EndpointSliceController extends ServiceEndpointsController {
  constructor(ctx: ControllerContext) {
    super("endpointslice-controller", ctx);
  }

  protected override reconcile(key: string): void {
    const [namespace, name] = key.split("/") as [string, string];
    const service = this.services?.get(key);
    // A deleted service's slices go with it through their owner reference (garbage collector).
    if (!service?.spec?.selector) return;
    const slices = this.client.resource<EndpointSlice>("endpointslices");
    const existing = slices
      .list(namespace, { labelSelector: `${SERVICE_NAME_LABEL}=${name},${MANAGED_BY}=${CONTROLLER_NAME}` })
      .items.sort((a, b) => ((a.metadata?.name ?? "") < (b.metadata?.name ?? "") ? -1 : 1));
    const desired = this.#desired(service);
    const labels: Record<string, string> = {
      ...(service.metadata?.labels ?? {}),
      [MANAGED_BY]: CONTROLLER_NAME,
      [SERVICE_NAME_LABEL]: name,
    };
    if (service.spec.clusterIP === "None") labels[HEADLESS_LABEL] = "";
    const unused = [...existing];
    for (const want of desired) {
      const portsKey = JSON.stringify(want.ports ?? null);
      // A slice with the same ports is updated; otherwise a spare one (the placeholder) is reused.
      let index = unused.findIndex((s) => JSON.stringify(s.ports ?? null) === portsKey);
      if (index < 0 && unused.length > 0 && (unused[0]?.endpoints ?? []).length === 0) index = 0;
      const slice = index >= 0 ? unused.splice(index, 1)[0] : undefined;
      if (slice) {
        const same =
          JSON.stringify(slice.ports ?? null) === portsKey &&
          JSON.stringify(slice.endpoints ?? []) === JSON.stringify(want.endpoints) &&
          JSON.stringify(slice.metadata?.labels ?? {}) === JSON.stringify(labels);
        if (same) continue;
        const { ports: _, ...rest } = slice;
        const updated: EndpointSlice = {
          ...rest,
          metadata: { ...slice.metadata, labels },
          endpoints: want.endpoints,
        };
        if (want.ports) updated.ports = want.ports;
        slices.update(updated);
      } else {
        slices.create({
          apiVersion: "discovery.k8s.io/v1",
          kind: "EndpointSlice",
          metadata: {
            generateName: `${name}-`,
            namespace,
            labels,
            annotations: {},
            ownerReferences: [newControllerRef({ ...service, apiVersion: "v1", kind: "Service" } as never)],
          },
          addressType: "IPv4",
          endpoints: want.endpoints,
          ...(want.ports ? { ports: want.ports } : {}),
        });
      }
    }
    for (const extra of unused) slices.delete(namespace, extra.metadata?.name as string);
  }

  /** The slices the service should have: endpoints grouped by their resolved ports. */
  #desired(service: Service): { ports: EndpointPort[] | undefined; endpoints: Endpoint[] }[] {
    const groups = new Map<string, { ports: EndpointPort[] | undefined; endpoints: Endpoint[] }>();
    const pods = podsForService(service, this.pods?.list() ?? [])
      .filter((p) => shouldPodBeInEndpoints(p, true))
      .sort((a, b) => ((a.status?.podIP ?? "") < (b.status?.podIP ?? "") ? -1 : 1));
    for (const pod of pods) {
      const ports: EndpointPort[] = [];
      for (const sp of service.spec?.ports ?? []) {
        const port = findPort(pod, sp);
        if (port === undefined) continue;
        ports.push({
          name: sp.name ?? "",
          port,
          protocol: sp.protocol ?? "TCP",
          ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}),
        });
      }
      const key = JSON.stringify(ports);
      let group = groups.get(key);
      if (!group || group.endpoints.length >= MAX_ENDPOINTS_PER_SLICE) {
        group = { ports: ports.length > 0 ? ports : undefined, endpoints: [] };
        groups.set(key, group);
      }
      group.endpoints.push(this.#endpoint(pod, service));
    }
    // A service without endpoints keeps a placeholder slice (no ports, no endpoints).
    if (groups.size === 0) return [{ ports: undefined, endpoints: [] }];
    return [...groups.values()];
  }

  #endpoint(pod: Pod, service: Service): Endpoint {
    const terminating = !!pod.metadata?.deletionTimestamp;
    const serving = isPodReady(pod);
    const ready = service.spec?.publishNotReadyAddresses === true || (serving && !terminating);
    const hostname = endpointHostname(pod, service);
    return {
      addresses: [pod.status?.podIP as string],
      conditions: { ready, serving, terminating },
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
