import type { Selector } from "../../api/labels.ts";
import type { Node, Pod } from "../../api/types.ts";
import type { SeededRandom } from "../../clock/SeededRandom.ts";
import type { NodeInfo } from "./NodeInfo.ts";
import type { PodInfo } from "./PodInfo.ts";
import type { PluginStatus } from "./Status.ts";

/** framework.MaxNodeScore. */
export const MAX_NODE_SCORE = 100;

/** Per-cycle scratch space shared by a pod's plugins (framework.CycleState). */
export class CycleState {
  readonly #data = new Map<string, unknown>();
  /** Plugins whose PreFilter returned Skip: their Filter is not run. */
  readonly skipFilter = new Set<string>();
  /** Plugins whose PreScore returned Skip: their Score is not run. */
  readonly skipScore = new Set<string>();
  /** The Filter plugins left after PreFilter's skips (computed once per cycle by the framework). */
  activeFilters: Plugin[] | undefined;

  read<T>(key: string): T | undefined {
    return this.#data.get(key) as T | undefined;
  }

  write(key: string, value: unknown): void {
    this.#data.set(key, value);
  }

  /** A copy for a preemption dry run (CycleState.Clone). */
  clone(): CycleState {
    const copy = new CycleState();
    for (const [k, v] of this.#data) copy.write(k, v);
    for (const s of this.skipFilter) copy.skipFilter.add(s);
    for (const s of this.skipScore) copy.skipScore.add(s);
    copy.activeFilters = this.activeFilters;
    return copy;
  }
}

/** Objects other than pods and nodes that plugins look up (the informer listers of framework.Handle). */
export interface ClusterListers {
  /** Labels of a namespace. */
  namespaceLabels(namespace: string): Readonly<Record<string, string>> | undefined;
  /** Names of the namespaces whose labels match. */
  namespacesMatching(selector: Selector): string[];
  /** Selectors (spec.selector) of the services in a namespace. */
  serviceSelectors(namespace: string): readonly Readonly<Record<string, string>>[];
  /** spec.selector of a workload that owns pods (ReplicaSet, StatefulSet, ReplicationController). */
  ownerSelector(kind: string, namespace: string, name: string): unknown;
}

/**
 * What plugins see of the cluster during a cycle (framework.Handle's SnapshotSharedLister): nodes in
 * NodeTree order, lookups, nominated pods and the seeded random source.
 */
export interface SchedulingSnapshot {
  readonly nodes: readonly NodeInfo[];
  get(name: string): NodeInfo | undefined;
  /** Nodes with at least one pod that has (anti-)affinity (HavePodsWithAffinityList). */
  nodesWithAffinityPods(): readonly NodeInfo[];
  /** Nodes with a pod that has required anti-affinity (HavePodsWithRequiredAntiAffinityList). */
  nodesWithRequiredAntiAffinityPods(): readonly NodeInfo[];
  /** How many nodes have an image (ImageStateSummary.NumNodes). */
  imageNumNodes(name: string): number;
  /** Pods nominated to a node (status.nominatedNodeName or a preemption in progress). */
  nominatedPodsFor(node: string): readonly PodInfo[];
  readonly listers: ClusterListers;
  readonly random: SeededRandom;
}

/** What PreFilter decided (framework.PreFilterResult): optionally, the only nodes worth filtering. */
export interface PreFilterOutcome {
  status: PluginStatus;
  nodeNames?: ReadonlySet<string>;
}

/** A change in the cluster that may make waiting pods schedulable (framework.ClusterEvent). */
export type ClusterEvent =
  | { kind: "NodeAdd"; node: Node }
  | { kind: "NodeUpdate"; node: Node; old: Node }
  | { kind: "AssignedPodAdd"; pod: Pod }
  | { kind: "AssignedPodUpdate"; pod: Pod; old: Pod }
  | { kind: "AssignedPodDelete"; pod: Pod }
  | { kind: "UnscheduledPodUpdate"; pod: Pod; old: Pod }
  | { kind: "NamespaceChange" }
  | { kind: "WorkloadChange" };

/**
 * A kube-scheduler framework plugin. Each extension point is optional; the framework calls what a
 * plugin implements, in profile order.
 *
 * @example
 * ```ts
 * const AlwaysFits: Plugin = { name: "AlwaysFits", filter: () => PluginStatus.success };
 * ```
 */
export interface Plugin {
  readonly name: string;
  /** Before a pod enters activeQ: a non-success keeps it waiting (SchedulingGates). */
  preEnqueue?(pod: Pod): PluginStatus;
  /** Once per pod before filtering; may reject the pod, skip the plugin's Filter, or narrow the nodes. */
  preFilter?(state: CycleState, pod: PodInfo, snapshot: SchedulingSnapshot): PluginStatus | PreFilterOutcome;
  /** Can the pod run on this node? */
  filter?(state: CycleState, pod: PodInfo, node: NodeInfo, snapshot: SchedulingSnapshot): PluginStatus;
  /** Once before scoring, with the feasible nodes; Skip leaves the plugin out of scoring. */
  preScore?(
    state: CycleState,
    pod: PodInfo,
    nodes: readonly NodeInfo[],
    snapshot: SchedulingSnapshot,
  ): PluginStatus;
  /** Raw score of a feasible node. */
  score?(state: CycleState, pod: PodInfo, node: NodeInfo, snapshot: SchedulingSnapshot): number;
  /**
   * Optional batch form of {@link score}: the raw scores of all `nodes` into `scores` (the same
   * numbers; it saves a call per node in the hottest loop of a cycle).
   */
  scoreNodes?(
    state: CycleState,
    pod: PodInfo,
    nodes: readonly NodeInfo[],
    snapshot: SchedulingSnapshot,
    scores: number[],
  ): void;
  /** Rescale raw scores (aligned with `nodes`) to 0–100 (ScoreExtensions.NormalizeScore). */
  normalizeScore?(state: CycleState, pod: PodInfo, scores: number[], nodes: readonly NodeInfo[]): void;
  /**
   * QueueingHintFn: may this event make a pod this plugin rejected schedulable? Plugins without it
   * are not woken by events (they do not reject pods).
   */
  queueingHint?(event: ClusterEvent, pod: PodInfo): boolean;
}

/** helper.DefaultNormalizeScore: scale to [0, max] by the largest score, optionally reversed. */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: number[]): void {
  let maxCount = 0;
  for (const s of scores) if (s > maxCount) maxCount = s;
  if (maxCount === 0) {
    if (reverse) for (let i = 0; i < scores.length; i++) scores[i] = maxPriority;
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    let score = Math.trunc((maxPriority * (scores[i] as number)) / maxCount);
    if (reverse) score = maxPriority - score;
    scores[i] = score;
  }
}

/** The status part of a PreFilter outcome. */
export function preFilterStatus(outcome: PluginStatus | PreFilterOutcome): PluginStatus {
  return "status" in outcome ? outcome.status : outcome;
}
