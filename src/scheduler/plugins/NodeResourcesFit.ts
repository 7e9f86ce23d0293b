import type { Pod } from "../../api/types.ts";
import type { PodInfo } from "../framework/NodeInfo.ts";
import { type CycleState, MAX_NODE_SCORE, type Plugin } from "../framework/Plugin.ts";
import { PluginStatus } from "../framework/Status.ts";

/** Scoring strategies of NodeResourcesFit (config.ScoringStrategyType). */
export type ScoringStrategy = "LeastAllocated" | "MostAllocated" | "RequestedToCapacityRatio";

const STATE_KEY = "PreFilterNodeResourcesFit";

function podOf(state: CycleState): PodInfo {
  return state.read<PodInfo>(STATE_KEY) as PodInfo;
}

/** leastRequestedScore. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** mostRequestedScore. */
export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  if (requested > capacity) requested = capacity;
  return Math.trunc((requested * MAX_NODE_SCORE) / capacity);
}

/**
 * NodeResourcesFit: the node must have room for the pod's requests and one more pod; scoring
 * prefers nodes with the most free cpu and memory (LeastAllocated, weights 1 and 1).
 */
export function nodeResourcesFit(strategy: ScoringStrategy, podInfoOf: (pod: Pod) => PodInfo): Plugin {
  return {
    name: "NodeResourcesFit",
    preFilter(state, pod) {
      state.write(STATE_KEY, podInfoOf(pod));
      return PluginStatus.success;
    },
    filter(state, _pod, node) {
      const request = podOf(state).requests;
      const reasons: string[] = [];
      if (node.pods.size + 1 > node.allocatable.pods) reasons.push("Too many pods");
      if (request.cpu === 0 && request.memory === 0 && request.scalar.size === 0) {
        return reasons.length > 0
          ? PluginStatus.unschedulable("NodeResourcesFit", ...reasons)
          : PluginStatus.success;
      }
      if (request.cpu > 0 && request.cpu > node.allocatable.cpu - node.requested.cpu)
        reasons.push("Insufficient cpu");
      if (request.memory > 0 && request.memory > node.allocatable.memory - node.requested.memory)
        reasons.push("Insufficient memory");
      for (const [name, quantity] of [...request.scalar].sort(([a], [b]) => (a < b ? -1 : 1))) {
        if (quantity === 0) continue;
        const free = (node.allocatable.scalar.get(name) ?? 0) - (node.requested.scalar.get(name) ?? 0);
        if (quantity > free) reasons.push(`Insufficient ${name}`);
      }
      return reasons.length > 0
        ? PluginStatus.unschedulable("NodeResourcesFit", ...reasons)
        : PluginStatus.success;
    },
    score(state, _pod, node) {
      const request = podOf(state).nonZero;
      const resources: [number, number][] = [
        [node.nonZeroRequested.cpu + request.cpu, node.allocatable.cpu],
        [node.nonZeroRequested.memory + request.memory, node.allocatable.memory],
      ];
      let total = 0;
      let weights = 0;
      for (const [requested, allocatable] of resources) {
        if (allocatable === 0) continue;
        total +=
          strategy === "MostAllocated"
            ? mostRequestedScore(requested, allocatable)
            : leastRequestedScore(requested, allocatable);
        weights += 1;
      }
      return weights === 0 ? 0 : Math.trunc(total / weights);
    },
  };
}
