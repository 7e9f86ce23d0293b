import { type PodRequests, podRequests } from "../../api/pods.ts";
import { Quantity } from "../../api/quantity.ts";
import type { Node, Pod } from "../../api/types.ts";

/** Allocatable or requested resources of a node, in scheduler units. */
export interface Resources {
  /** Millicores. */
  cpu: number;
  /** Bytes. */
  memory: number;
  /** Pod count (allocatable only). */
  pods: number;
  /** Extended and other scalar resources. */
  scalar: Map<string, number>;
}

/** A pod as the scheduler cache holds it, with its requests computed once. */
export interface PodInfo {
  readonly pod: Pod;
  readonly key: string;
  readonly requests: PodRequests;
  readonly nonZero: PodRequests;
}

/** Build the cached PodInfo of a pod. */
export function podInfo(pod: Pod): PodInfo {
  return {
    pod,
    key: `${pod.metadata?.namespace}/${pod.metadata?.name}`,
    requests: podRequests(pod, false),
    nonZero: podRequests(pod, true),
  };
}

function allocatableOf(node: Node): Resources {
  const alloc = node.status?.allocatable ?? {};
  const scalar = new Map<string, number>();
  for (const [name, value] of Object.entries(alloc)) {
    if (name === "cpu" || name === "memory" || name === "pods") continue;
    const q = Quantity.tryParse(value);
    if (q) scalar.set(name, q.value());
  }
  return {
    cpu: Quantity.tryParse(alloc.cpu ?? "0")?.milliValue() ?? 0,
    memory: Quantity.tryParse(alloc.memory ?? "0")?.value() ?? 0,
    pods: Quantity.tryParse(alloc.pods ?? "0")?.value() ?? 0,
    scalar,
  };
}

/**
 * What the scheduler knows about one node (framework.NodeInfo): the Node object, its allocatable
 * resources, the pods on it (including assumed ones) and their summed requests.
 */
export class NodeInfo {
  node: Node;
  allocatable: Resources;
  readonly pods = new Map<string, PodInfo>();
  /** Sum of the pods' requests. */
  requested: Resources = { cpu: 0, memory: 0, pods: 0, scalar: new Map() };
  /** Sum with the scheduler's non-zero defaults (100m / 200Mi) for scoring. */
  nonZeroRequested: Resources = { cpu: 0, memory: 0, pods: 0, scalar: new Map() };
  /** Host ports in use: `protocol/ip/port`. */
  readonly usedPorts = new Map<string, number>();
  /** Bumped on every change, so snapshots can tell what moved. */
  generation = 0;

  constructor(node: Node) {
    this.node = node;
    this.allocatable = allocatableOf(node);
  }

  get name(): string {
    return this.node.metadata?.name ?? "";
  }

  setNode(node: Node): void {
    this.node = node;
    this.allocatable = allocatableOf(node);
    this.generation++;
  }

  addPod(info: PodInfo): void {
    if (this.pods.has(info.key)) this.removePod(info.key);
    this.pods.set(info.key, info);
    this.#account(info, 1);
    this.generation++;
  }

  removePod(key: string): void {
    const info = this.pods.get(key);
    if (!info) return;
    this.pods.delete(key);
    this.#account(info, -1);
    this.generation++;
  }

  #account(info: PodInfo, sign: 1 | -1): void {
    this.requested.cpu += sign * info.requests.cpu;
    this.requested.memory += sign * info.requests.memory;
    this.requested.pods += sign;
    for (const [k, v] of info.requests.scalar)
      this.requested.scalar.set(k, (this.requested.scalar.get(k) ?? 0) + sign * v);
    this.nonZeroRequested.cpu += sign * info.nonZero.cpu;
    this.nonZeroRequested.memory += sign * info.nonZero.memory;
    this.nonZeroRequested.pods += sign;
    for (const c of [...(info.pod.spec?.containers ?? []), ...(info.pod.spec?.initContainers ?? [])]) {
      for (const p of c.ports ?? []) {
        if (!p.hostPort) continue;
        const key = `${p.protocol ?? "TCP"}/${p.hostIP || "0.0.0.0"}/${p.hostPort}`;
        const n = (this.usedPorts.get(key) ?? 0) + sign;
        if (n <= 0) this.usedPorts.delete(key);
        else this.usedPorts.set(key, n);
      }
    }
  }
}
