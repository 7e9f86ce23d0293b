import type { Node } from "../api/types.ts";
import type { SeededRandom } from "../clock/SeededRandom.ts";
import { NodeInfo } from "./framework/NodeInfo.ts";
import type { ClusterListers, SchedulingSnapshot } from "./framework/Plugin.ts";
import type { PodInfo } from "./framework/PodInfo.ts";

const REGION = "topology.kubernetes.io/region";
const NO_PODS: readonly PodInfo[] = Object.freeze([]);
const ZONE = "topology.kubernetes.io/zone";

/** utilnode.GetZoneKey: `region:\0:zone`, or "" for nodes with neither label. */
function zoneKey(node: Node): string {
  const labels = node.metadata?.labels ?? {};
  const region = labels[REGION] ?? "";
  const zone = labels[ZONE] ?? "";
  return region === "" && zone === "" ? "" : `${region}:\u0000:${zone}`;
}

/**
 * The scheduler's cache (internal/cache): NodeInfos with the pods bound or assumed on them, the
 * NodeTree order (nodes interleaved zone by zone) that decides which nodes a cycle looks at first,
 * image counts, and the pods nominated to nodes by preemption. Single-threaded, so it also serves
 * as the cycle's snapshot.
 *
 * @example
 * ```ts
 * const cache = new SchedulerCache(random, listers);
 * cache.addNode(node);
 * cache.nodes.length; // 1
 * ```
 */
export class SchedulerCache implements SchedulingSnapshot {
  readonly random: SeededRandom;
  readonly listers: ClusterListers;
  readonly #infos = new Map<string, NodeInfo>();
  /** Nodes known only from pods bound to them (their Node has not arrived). */
  readonly #ghosts = new Set<string>();
  readonly #zones: string[] = [];
  readonly #tree = new Map<string, string[]>();
  readonly #zoneOf = new Map<string, string>();
  #list: NodeInfo[] | undefined;
  readonly #podNode = new Map<string, string>();
  readonly #assumed = new Set<string>();
  readonly #imageNodes = new Map<string, number>();
  readonly #affinityNodes = new Set<NodeInfo>();
  readonly #antiAffinityNodes = new Set<NodeInfo>();
  #affinityList: NodeInfo[] | undefined;
  #antiAffinityList: NodeInfo[] | undefined;
  /** Nominator: node → pods nominated there, and pod key → node. */
  readonly #nominated = new Map<string, PodInfo[]>();
  readonly #nominatedNodeOf = new Map<string, string>();

  constructor(random: SeededRandom, listers: ClusterListers) {
    this.random = random;
    this.listers = listers;
  }

  // ---- SchedulingSnapshot ----

  /** Nodes in NodeTree order. */
  get nodes(): readonly NodeInfo[] {
    if (!this.#list) this.#list = this.#buildList();
    return this.#list;
  }

  get(name: string): NodeInfo | undefined {
    return this.#ghosts.has(name) ? undefined : this.#infos.get(name);
  }

  nodesWithAffinityPods(): readonly NodeInfo[] {
    if (!this.#affinityList) this.#affinityList = this.nodes.filter((n) => this.#affinityNodes.has(n));
    return this.#affinityList;
  }

  nodesWithRequiredAntiAffinityPods(): readonly NodeInfo[] {
    if (this.#antiAffinityNodes.size === 0) return [];
    if (!this.#antiAffinityList)
      this.#antiAffinityList = this.nodes.filter((n) => this.#antiAffinityNodes.has(n));
    return this.#antiAffinityList;
  }

  imageNumNodes(name: string): number {
    return this.#imageNodes.get(name) ?? 0;
  }

  /** Whether any pod is nominated anywhere (filters then need the nominated-pods pass). */
  hasNominatedPods(): boolean {
    return this.#nominated.size > 0;
  }

  nominatedPodsFor(node: string): readonly PodInfo[] {
    if (this.#nominated.size === 0) return NO_PODS;
    return this.#nominated.get(node) ?? NO_PODS;
  }

  // ---- nodes ----

  addNode(node: Node): void {
    const name = node.metadata?.name as string;
    const existing = this.#infos.get(name);
    if (existing && !this.#ghosts.has(name)) {
      this.#images(existing, -1);
      existing.setNode(node);
      this.#images(existing, 1);
      const zone = zoneKey(node);
      if (zone !== this.#zoneOf.get(name)) {
        this.#treeRemove(name);
        this.#treeAdd(name, zone);
      }
      return;
    }
    let info = existing;
    if (info) {
      this.#ghosts.delete(name);
      info.setNode(node);
    } else {
      info = new NodeInfo(node);
      this.#infos.set(name, info);
    }
    this.#images(info, 1);
    this.#treeAdd(name, zoneKey(node));
    this.#refreshAffinity(info);
  }

  removeNode(name: string): void {
    const info = this.#infos.get(name);
    if (!info || this.#ghosts.has(name)) return;
    this.#images(info, -1);
    this.#treeRemove(name);
    if (info.pods.length > 0) {
      // Pods still point at it: keep their accounting until they go (removeNode keeps a ghost).
      this.#ghosts.add(name);
    } else this.#infos.delete(name);
    this.#affinityNodes.delete(info);
    this.#antiAffinityNodes.delete(info);
    this.#affinityList = undefined;
    this.#antiAffinityList = undefined;
  }

  #images(info: NodeInfo, sign: 1 | -1): void {
    for (const name of info.imageSizes.keys()) {
      const n = (this.#imageNodes.get(name) ?? 0) + sign;
      if (n <= 0) this.#imageNodes.delete(name);
      else this.#imageNodes.set(name, n);
    }
  }

  #treeAdd(name: string, zone: string): void {
    let names = this.#tree.get(zone);
    if (!names) {
      names = [];
      this.#tree.set(zone, names);
      this.#zones.push(zone);
    }
    names.push(name);
    this.#zoneOf.set(name, zone);
    this.#list = undefined;
    this.#affinityList = undefined;
    this.#antiAffinityList = undefined;
  }

  #treeRemove(name: string): void {
    const zone = this.#zoneOf.get(name);
    if (zone === undefined) return;
    const names = this.#tree.get(zone) ?? [];
    const i = names.indexOf(name);
    if (i >= 0) names.splice(i, 1);
    if (names.length === 0) {
      this.#tree.delete(zone);
      this.#zones.splice(this.#zones.indexOf(zone), 1);
    }
    this.#zoneOf.delete(name);
    this.#list = undefined;
  }

  /** nodeTree.list: one node of each zone in turn. */
  #buildList(): NodeInfo[] {
    const list: NodeInfo[] = [];
    const arrays = this.#zones.map((z) => this.#tree.get(z) ?? []);
    const longest = arrays.reduce((m, a) => Math.max(m, a.length), 0);
    for (let i = 0; i < longest; i++) {
      for (const names of arrays) {
        const name = names[i];
        if (name === undefined) continue;
        const info = this.#infos.get(name);
        if (info) list.push(info);
      }
    }
    return list;
  }

  // ---- pods ----

  /** The node a pod is bound or assumed to. */
  nodeOf(key: string): string | undefined {
    return this.#podNode.get(key);
  }

  isAssumed(key: string): boolean {
    return this.#assumed.has(key);
  }

  /** AssumePod: count the pod on the node before the binding is confirmed. */
  assumePod(info: PodInfo, node: string): void {
    this.addPod(info, node);
    this.#assumed.add(info.key);
  }

  /** ForgetPod: the binding failed. */
  forgetPod(key: string): void {
    if (!this.#assumed.delete(key)) return;
    this.removePod(key);
  }

  /** The PodInfo held for a pod key, if any (to derive the next version's from). */
  podInfo(key: string): PodInfo | undefined {
    const node = this.#podNode.get(key);
    if (node === undefined) return undefined;
    const info = this.#infos.get(node);
    const i = info?.indexOf(key) ?? -1;
    return i >= 0 ? info?.pods[i] : undefined;
  }

  /** AddPod/UpdatePod: a bound pod from the informer (confirms an assumed one). */
  addPod(info: PodInfo, node: string): void {
    const previous = this.#podNode.get(info.key);
    if (previous !== undefined) this.removePod(info.key);
    let nodeInfo = this.#infos.get(node);
    if (!nodeInfo) {
      nodeInfo = new NodeInfo({ apiVersion: "v1", kind: "Node", metadata: { name: node } });
      this.#infos.set(node, nodeInfo);
      this.#ghosts.add(node);
    }
    nodeInfo.addPod(info);
    this.#podNode.set(info.key, node);
    this.#refreshAffinity(nodeInfo);
  }

  removePod(key: string): void {
    const node = this.#podNode.get(key);
    if (node === undefined) return;
    this.#podNode.delete(key);
    this.#assumed.delete(key);
    const nodeInfo = this.#infos.get(node);
    if (!nodeInfo) return;
    nodeInfo.removePod(key);
    if (this.#ghosts.has(node) && nodeInfo.pods.length === 0) {
      this.#ghosts.delete(node);
      this.#infos.delete(node);
    }
    this.#refreshAffinity(nodeInfo);
  }

  #refreshAffinity(info: NodeInfo): void {
    const live = this.#infos.get(info.name) === info && !this.#ghosts.has(info.name);
    const hasAffinity = live && info.podsWithAffinity.length > 0;
    const hasAnti = live && info.podsWithRequiredAntiAffinity.length > 0;
    if (hasAffinity !== this.#affinityNodes.has(info)) {
      if (hasAffinity) this.#affinityNodes.add(info);
      else this.#affinityNodes.delete(info);
      this.#affinityList = undefined;
    }
    if (hasAnti !== this.#antiAffinityNodes.has(info)) {
      if (hasAnti) this.#antiAffinityNodes.add(info);
      else this.#antiAffinityNodes.delete(info);
      this.#antiAffinityList = undefined;
    }
  }

  // ---- nominator ----

  /** AddNominatedPod: the pod waits for room on `node` (empty: forget the nomination). */
  nominate(info: PodInfo, node: string | undefined): void {
    this.unnominate(info.key);
    if (!node) return;
    const list = this.#nominated.get(node) ?? [];
    list.push(info);
    this.#nominated.set(node, list);
    this.#nominatedNodeOf.set(info.key, node);
  }

  /** DeleteNominatedPodIfExists. */
  unnominate(key: string): void {
    const node = this.#nominatedNodeOf.get(key);
    if (node === undefined) return;
    this.#nominatedNodeOf.delete(key);
    const list = (this.#nominated.get(node) ?? []).filter((p) => p.key !== key);
    if (list.length === 0) this.#nominated.delete(node);
    else this.#nominated.set(node, list);
  }

  nominatedNodeOf(key: string): string | undefined {
    return this.#nominatedNodeOf.get(key);
  }

  /** Forget everything (the scheduler stopped). */
  clear(): void {
    this.#infos.clear();
    this.#ghosts.clear();
    this.#zones.length = 0;
    this.#tree.clear();
    this.#zoneOf.clear();
    this.#list = undefined;
    this.#podNode.clear();
    this.#assumed.clear();
    this.#imageNodes.clear();
    this.#affinityNodes.clear();
    this.#antiAffinityNodes.clear();
    this.#affinityList = undefined;
    this.#antiAffinityList = undefined;
    this.#nominated.clear();
    this.#nominatedNodeOf.clear();
  }
}
