import { Quantity } from "../../api/quantity.ts";
import type { Node, Taint } from "../../api/types.ts";
import type { HostPort, PodInfo } from "./PodInfo.ts";

/** Allocatable or requested resources of a node, in scheduler units (framework.Resource). */
export interface Resources {
  /** Millicores. */
  cpu: number;
  /** Bytes. */
  memory: number;
  /** Pod count (allocatable only). */
  pods: number;
  /** ephemeral-storage, extended resources, hugepages: whole units. */
  scalar: Map<string, number>;
}

function emptyResources(): Resources {
  return { cpu: 0, memory: 0, pods: 0, scalar: new Map() };
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

const NO_TAINTS: readonly Taint[] = Object.freeze([]);

/**
 * Host ports in use on a node (framework.HostPortInfo): ip → `protocol/port` counts. A port bound on
 * 0.0.0.0 conflicts with the same port on every address.
 */
export class HostPortInfo {
  readonly #byIp = new Map<string, Map<string, number>>();

  get size(): number {
    return this.#byIp.size;
  }

  add(port: HostPort, sign: 1 | -1): void {
    const key = `${port.protocol}/${port.port}`;
    let ports = this.#byIp.get(port.ip);
    if (!ports) {
      if (sign < 0) return;
      ports = new Map();
      this.#byIp.set(port.ip, ports);
    }
    const n = (ports.get(key) ?? 0) + sign;
    if (n <= 0) ports.delete(key);
    else ports.set(key, n);
    if (ports.size === 0) this.#byIp.delete(port.ip);
  }

  /** CheckConflict. */
  conflicts(port: HostPort): boolean {
    const key = `${port.protocol}/${port.port}`;
    if (port.ip === "0.0.0.0") {
      for (const ports of this.#byIp.values()) if (ports.has(key)) return true;
      return false;
    }
    return (this.#byIp.get(port.ip)?.has(key) ?? false) || (this.#byIp.get("0.0.0.0")?.has(key) ?? false);
  }
}

/**
 * What the scheduler knows about one node (framework.NodeInfo): the Node object, its allocatable
 * resources, the pods on it (including assumed ones) and their summed requests, host ports in use,
 * its images, and which of its pods carry (anti-)affinity.
 *
 * @example
 * ```ts
 * const info = new NodeInfo(node);
 * info.addPod(new PodInfo(pod));
 * info.requested.cpu; // millicores requested on the node
 * ```
 */
export class NodeInfo {
  node: Node;
  name: string;
  labels: Readonly<Record<string, string>>;
  taints: readonly Taint[];
  unschedulable: boolean;
  allocatable: Resources;
  /** Pods on the node, in the order upstream keeps them (swap-remove). */
  pods: PodInfo[] = [];
  podsWithAffinity: PodInfo[] = [];
  podsWithRequiredAntiAffinity: PodInfo[] = [];
  /** Sum of the pods' requests. */
  requested: Resources = emptyResources();
  /** Sum with the non-zero defaults (100m / 200Mi) for scoring. */
  nonZeroRequested: Resources = emptyResources();
  usedPorts = new HostPortInfo();
  /** Image name → size in bytes (node.status.images, every name of each image). */
  imageSizes = new Map<string, number>();
  /** Bumped on every change. */
  generation = 0;
  // Flat copies of the numbers the hot filter and score loops read (one object, no indirection):
  // allocatable cpu (milli), memory (bytes) and pods; requested and non-zero requested cpu/memory.
  allocCpu = 0;
  allocMemory = 0;
  allocPods = 0;
  reqCpu = 0;
  reqMemory = 0;
  nzCpu = 0;
  nzMemory = 0;
  /** pods.length, taints.length and imageSizes.size, kept flat for the same reason. */
  podCount = 0;
  taintCount = 0;
  imageCount = 0;

  constructor(node: Node) {
    this.node = node;
    this.name = node.metadata?.name ?? "";
    this.labels = node.metadata?.labels ?? {};
    this.taints = node.spec?.taints ?? NO_TAINTS;
    this.unschedulable = node.spec?.unschedulable === true;
    this.allocatable = allocatableOf(node);
    this.#flattenAllocatable();
    this.#setImages(node);
  }

  #flattenAllocatable(): void {
    this.allocCpu = this.allocatable.cpu;
    this.allocMemory = this.allocatable.memory;
    this.allocPods = this.allocatable.pods;
  }

  setNode(node: Node): void {
    this.node = node;
    this.name = node.metadata?.name ?? "";
    this.labels = node.metadata?.labels ?? {};
    this.taints = node.spec?.taints ?? NO_TAINTS;
    this.unschedulable = node.spec?.unschedulable === true;
    this.allocatable = allocatableOf(node);
    this.#flattenAllocatable();
    this.#setImages(node);
    this.generation++;
  }

  #setImages(node: Node): void {
    this.imageSizes = new Map();
    for (const image of node.status?.images ?? [])
      for (const name of image.names ?? []) this.imageSizes.set(name, image.sizeBytes ?? 0);
    this.imageCount = this.imageSizes.size;
    this.taintCount = this.taints.length;
  }

  /** The index of a pod by key, or -1. */
  indexOf(key: string): number {
    const pods = this.pods;
    for (let i = 0; i < pods.length; i++) if ((pods[i] as PodInfo).key === key) return i;
    return -1;
  }

  addPod(info: PodInfo): void {
    if (this.indexOf(info.key) >= 0) this.removePod(info.key);
    this.pods.push(info);
    if (info.hasAffinity) this.podsWithAffinity.push(info);
    if (info.hasRequiredAntiAffinity) this.podsWithRequiredAntiAffinity.push(info);
    this.#account(info, 1);
    this.generation++;
  }

  /** Remove a pod (RemovePod swaps the last pod into its place). */
  removePod(key: string): PodInfo | undefined {
    const i = this.indexOf(key);
    if (i < 0) return undefined;
    const info = this.pods[i] as PodInfo;
    swapRemove(this.pods, i);
    const a = this.podsWithAffinity.indexOf(info);
    if (a >= 0) swapRemove(this.podsWithAffinity, a);
    const r = this.podsWithRequiredAntiAffinity.indexOf(info);
    if (r >= 0) swapRemove(this.podsWithRequiredAntiAffinity, r);
    this.#account(info, -1);
    this.generation++;
    return info;
  }

  /** A copy whose pods can be changed without touching this one (NodeInfo.Snapshot). */
  clone(): NodeInfo {
    const copy = new NodeInfo(this.node);
    for (const p of this.pods) copy.addPod(p);
    copy.generation = this.generation;
    return copy;
  }

  #account(info: PodInfo, sign: 1 | -1): void {
    const req = this.requested;
    req.cpu += sign * info.requests.cpu;
    req.memory += sign * info.requests.memory;
    req.pods += sign;
    if (info.requests.scalar.size > 0)
      for (const [k, v] of info.requests.scalar) req.scalar.set(k, (req.scalar.get(k) ?? 0) + sign * v);
    const nz = this.nonZeroRequested;
    nz.cpu += sign * info.nonZero.cpu;
    nz.memory += sign * info.nonZero.memory;
    nz.pods += sign;
    this.reqCpu = req.cpu;
    this.reqMemory = req.memory;
    this.podCount = this.pods.length;
    this.nzCpu = nz.cpu;
    this.nzMemory = nz.memory;
    for (const port of info.hostPorts) this.usedPorts.add(port, sign);
  }
}

function swapRemove<T>(list: T[], i: number): void {
  list[i] = list[list.length - 1] as T;
  list.pop();
}
