import type { Pod } from "../../api/types.ts";
import type { PodInfo } from "../framework/NodeInfo.ts";
import { MAX_NODE_SCORE, type Plugin } from "../framework/Plugin.ts";

/**
 * NodeResourcesBalancedAllocation: favours nodes whose cpu and memory would be used in equal
 * proportions after placing the pod: `(1 − |f_cpu − f_mem| / 2) × 100`, using actual requests.
 */
export function nodeResourcesBalancedAllocation(podInfoOf: (pod: Pod) => PodInfo): Plugin {
  return {
    name: "NodeResourcesBalancedAllocation",
    score(_state, pod, node) {
      const request = podInfoOf(pod).requests;
      const fractions: number[] = [];
      for (const [requested, allocatable] of [
        [node.requested.cpu + request.cpu, node.allocatable.cpu],
        [node.requested.memory + request.memory, node.allocatable.memory],
      ] as const) {
        if (allocatable === 0) continue;
        fractions.push(Math.min(1, requested / allocatable));
      }
      let std = 0;
      if (fractions.length === 2) std = Math.abs(((fractions[0] as number) - (fractions[1] as number)) / 2);
      return Math.trunc((1 - std) * MAX_NODE_SCORE);
    },
  };
}
