import type { Pod } from "../../api/types.ts";
import type { SeededRandom } from "../../clock/SeededRandom.ts";
import type { NodeInfo } from "./NodeInfo.ts";
import type { PluginStatus } from "./Status.ts";

/** framework.MaxNodeScore. */
export const MAX_NODE_SCORE = 100;

/** Per-cycle scratch space shared by a pod's plugins (framework.CycleState). */
export class CycleState {
  readonly #data = new Map<string, unknown>();

  read<T>(key: string): T | undefined {
    return this.#data.get(key) as T | undefined;
  }

  write(key: string, value: unknown): void {
    this.#data.set(key, value);
  }
}

/** What plugins can see of the cluster during a cycle (framework.Handle's snapshot lister). */
export interface SchedulingSnapshot {
  readonly nodes: readonly NodeInfo[];
  get(name: string): NodeInfo | undefined;
  readonly random: SeededRandom;
}

/** A scored node. */
export interface NodeScore {
  readonly name: string;
  score: number;
}

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
  /** Once per pod before filtering; may reject the pod outright or pre-compute state. */
  preFilter?(state: CycleState, pod: Pod, snapshot: SchedulingSnapshot): PluginStatus;
  /** Can the pod run on this node? */
  filter?(state: CycleState, pod: Pod, node: NodeInfo, snapshot: SchedulingSnapshot): PluginStatus;
  /** Once before scoring, with the feasible nodes. */
  preScore?(
    state: CycleState,
    pod: Pod,
    nodes: readonly NodeInfo[],
    snapshot: SchedulingSnapshot,
  ): PluginStatus;
  /** Raw score of a feasible node. */
  score?(state: CycleState, pod: Pod, node: NodeInfo, snapshot: SchedulingSnapshot): number;
  /** Rescale raw scores to 0–100 (ScoreExtensions.NormalizeScore). */
  normalizeScore?(state: CycleState, pod: Pod, scores: NodeScore[]): void;
}

/** helper.DefaultNormalizeScore: scale to [0, max] by the largest score, optionally reversed. */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: NodeScore[]): void {
  let maxCount = 0;
  for (const s of scores) maxCount = Math.max(maxCount, s.score);
  if (maxCount === 0) {
    if (reverse) for (const s of scores) s.score = maxPriority;
    return;
  }
  for (const s of scores) {
    let score = Math.trunc((maxPriority * s.score) / maxCount);
    if (reverse) score = maxPriority - score;
    s.score = score;
  }
}
