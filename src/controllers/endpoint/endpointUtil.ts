/**
 * What the Endpoints and EndpointSlice controllers share (pkg/controller/util/endpoint and
 * pkg/api/v1/pod): which pods belong in a service's endpoints, and the port a service port
 * reaches on a pod.
 */
import { Selector } from "../../api/labels.ts";
import type { Pod, Service } from "../../api/types.ts";

type ServicePort = NonNullable<NonNullable<Service["spec"]>["ports"]>[number];

/**
 * ShouldPodBeInEndpoints: pods without an IP and terminal pods are left out; pods being deleted
 * only when `includeTerminating`.
 *
 * @example
 * ```ts
 * shouldPodBeInEndpoints(pod, false); // false while the pod has no IP
 * ```
 */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === "Failed" || phase === "Succeeded") return false;
  if (!pod.status?.podIP) return false;
  if (!includeTerminating && pod.metadata?.deletionTimestamp) return false;
  return true;
}

/**
 * podutil.FindPort: a numeric targetPort as is; a named one is looked up among the containers'
 * ports with the same protocol (undefined when no container names it).
 *
 * @example
 * ```ts
 * findPort(pod, { port: 80, targetPort: "http", protocol: "TCP" }); // 8080
 * ```
 */
export function findPort(pod: Pod, port: ServicePort): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === "number") return target;
  const protocol = port.protocol ?? "TCP";
  const containers = [
    ...(pod.spec?.containers ?? []),
    ...(pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === "Always"),
  ];
  for (const container of containers)
    for (const p of container.ports ?? [])
      if (p.name === target && (p.protocol ?? "TCP") === protocol) return p.containerPort;
  return undefined;
}

/** The pods a service selects (none for services without a selector). */
export function podsForService(service: Service, pods: readonly Pod[]): Pod[] {
  const selector = service.spec?.selector;
  if (!selector) return [];
  const s = Selector.fromSet(selector);
  return pods.filter(
    (p) => p.metadata?.namespace === service.metadata?.namespace && s.matches(p.metadata?.labels),
  );
}

/** The keys of the services that select a pod. */
export function servicesForPod(pod: Pod, services: readonly Service[]): string[] {
  return services
    .filter((s) => s.spec?.selector && s.metadata?.namespace === pod.metadata?.namespace)
    .filter((s) => Selector.fromSet(s.spec?.selector ?? {}).matches(pod.metadata?.labels))
    .map((s) => `${s.metadata?.namespace}/${s.metadata?.name}`);
}

/** Pod hostnames become endpoint hostnames when the pod's subdomain is the service (headless DNS). */
export function endpointHostname(pod: Pod, service: Service): string | undefined {
  if (pod.spec?.hostname && pod.spec.subdomain === service.metadata?.name) return pod.spec.hostname;
  return undefined;
}
