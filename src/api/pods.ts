/**
 * Helpers over Pod objects shared by the apiserver, scheduler, kubelet and kubectl
 * (in the spirit of k8s.io/kubernetes/pkg/api/v1/pod and component-helpers).
 */
import { Quantity } from "./quantity.ts";
import type { Container, Pod, PodCondition } from "./types.ts";

/** Phases after which a pod never runs again. */
export function isPodTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === "Succeeded" || phase === "Failed";
}

/** The pod's condition of a type, if present. */
export function podCondition(pod: Pod, type: string): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === type);
}

/** Whether the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return podCondition(pod, "Ready")?.status === "True";
}

/** All containers that run alongside the app containers: regular containers and sidecars. */
export function allContainers(pod: Pod): Container[] {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
}

/** Whether an init container is a native sidecar (restartPolicy Always). */
export function isSidecar(container: Container): boolean {
  return container.restartPolicy === "Always";
}

/**
 * QoS class (pkg/apis/core/helper/qos GetPodQOS): Guaranteed when every container has equal cpu and
 * memory requests and limits, BestEffort when none sets any, Burstable otherwise.
 */
export function podQOSClass(pod: Pod): "Guaranteed" | "Burstable" | "BestEffort" {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  for (const container of allContainers(pod)) {
    const r = container.resources?.requests ?? {};
    const l = container.resources?.limits ?? {};
    for (const name of ["cpu", "memory"]) {
      const req = r[name] !== undefined ? Quantity.tryParse(r[name]) : undefined;
      const lim = l[name] !== undefined ? Quantity.tryParse(l[name]) : undefined;
      if (req && !req.isZero()) requests.set(name, (requests.get(name) ?? Quantity.zero()).add(req));
      if (lim && !lim.isZero()) limits.set(name, (limits.get(name) ?? Quantity.zero()).add(lim));
    }
    const hasBothLimits = ["cpu", "memory"].every(
      (n) => l[n] !== undefined && !Quantity.tryParse(l[n])?.isZero(),
    );
    if (!hasBothLimits) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return "BestEffort";
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (lim?.cmp(req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  if (guaranteed && limits.size === 2) return "Guaranteed";
  return "Burstable";
}

/** Pod resource requests as the scheduler accounts them. */
export interface PodRequests {
  /** Millicores. */
  cpu: number;
  /** Bytes. */
  memory: number;
  /** Other resources (extended, ephemeral-storage), in whole units or milli for cpu-like ones. */
  scalar: Map<string, number>;
}

/** Parsed request quantities by their text: pods repeat the same few values ("100m", "500Mi"). */
const PARSED = new Map<string, Quantity | undefined>();

function containerRequest(container: Container, name: string): Quantity | undefined {
  const value = container.resources?.requests?.[name];
  if (value === undefined) return undefined;
  const text = String(value);
  let q = PARSED.get(text);
  if (q === undefined && !PARSED.has(text)) {
    q = Quantity.tryParse(value);
    if (PARSED.size < 10_000) PARSED.set(text, q);
  }
  return q;
}

/**
 * Effective requests of a pod (component-helpers resource.PodRequests): the sum over containers
 * and sidecars, or the largest init container if bigger, plus pod overhead. With `nonZero`, a
 * container without a cpu/memory request counts as 100m / 200Mi (the scheduler's scoring defaults).
 */
export function podRequests(pod: Pod, nonZero = false): PodRequests {
  const sum: PodRequests = { cpu: 0, memory: 0, scalar: new Map() };
  const add = (target: PodRequests, container: Container) => {
    const cpu = containerRequest(container, "cpu");
    const memory = containerRequest(container, "memory");
    target.cpu += cpu ? cpu.milliValue() : nonZero ? 100 : 0;
    target.memory += memory ? memory.value() : nonZero ? 200 * 1024 * 1024 : 0;
    for (const [name, value] of Object.entries(container.resources?.requests ?? {})) {
      if (name === "cpu" || name === "memory") continue;
      const q = Quantity.tryParse(value);
      if (q) target.scalar.set(name, (target.scalar.get(name) ?? 0) + q.value());
    }
  };
  for (const container of pod.spec?.containers ?? []) add(sum, container);
  const initContainers = pod.spec?.initContainers ?? [];
  if (initContainers.length === 0 && pod.spec?.overhead === undefined) return sum;
  // Init containers run one at a time; sidecars keep running and add to everything after them.
  const sidecars: PodRequests = { cpu: 0, memory: 0, scalar: new Map() };
  let initMax: PodRequests = { cpu: 0, memory: 0, scalar: new Map() };
  for (const container of pod.spec?.initContainers ?? []) {
    if (isSidecar(container)) {
      add(sidecars, container);
      add(sum, container);
      continue;
    }
    const one: PodRequests = { cpu: sidecars.cpu, memory: sidecars.memory, scalar: new Map(sidecars.scalar) };
    add(one, container);
    initMax = {
      cpu: Math.max(initMax.cpu, one.cpu),
      memory: Math.max(initMax.memory, one.memory),
      scalar: new Map(
        [...initMax.scalar, ...one.scalar].map(([k]) => [
          k,
          Math.max(initMax.scalar.get(k) ?? 0, one.scalar.get(k) ?? 0),
        ]),
      ),
    };
  }
  sum.cpu = Math.max(sum.cpu, initMax.cpu);
  sum.memory = Math.max(sum.memory, initMax.memory);
  for (const [k, v] of initMax.scalar) sum.scalar.set(k, Math.max(sum.scalar.get(k) ?? 0, v));
  for (const [name, value] of Object.entries(pod.spec?.overhead ?? {})) {
    const q = Quantity.tryParse(value);
    if (!q) continue;
    if (name === "cpu") sum.cpu += q.milliValue();
    else if (name === "memory") sum.memory += q.value();
    else sum.scalar.set(name, (sum.scalar.get(name) ?? 0) + q.value());
  }
  return sum;
}

/**
 * The image pull policy Kubernetes defaults for an image reference: Always for `:latest` or no
 * tag, IfNotPresent otherwise (pkg/apis/core/v1/defaults.go SetDefaults_Container).
 */
export function defaultPullPolicy(image: string): "Always" | "IfNotPresent" {
  if (image.includes("@")) return "IfNotPresent";
  const lastSlash = image.lastIndexOf("/");
  const colon = image.indexOf(":", lastSlash + 1);
  const tag = colon < 0 ? "" : image.slice(colon + 1);
  return tag === "" || tag === "latest" ? "Always" : "IfNotPresent";
}
