import type { NodeInfo } from "../framework/NodeInfo.ts";
import { MAX_NODE_SCORE, type Plugin } from "../framework/Plugin.ts";
import { PluginStatus } from "../framework/Status.ts";
import { DEFAULT_RESOURCES, type ResourceSpec, resourceAllocation } from "./NodeResourcesFit.ts";

/**
 * balancedResourceScorer: `(1 − std) × 100` of the requested/allocatable fractions (each capped at
 * 1); with two resources std is `|f₁ − f₂| / 2`.
 */
export function balancedResourceScore(requested: readonly number[], allocatable: readonly number[]): number {
  const fractions: number[] = [];
  let total = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    const fraction = Math.min(1, (requested[i] as number) / (allocatable[i] as number));
    total += fraction;
    fractions.push(fraction);
  }
  let std = 0;
  if (fractions.length === 2) std = Math.abs(((fractions[0] as number) - (fractions[1] as number)) / 2);
  else if (fractions.length > 2) {
    const mean = total / fractions.length;
    let sum = 0;
    for (const f of fractions) sum += (f - mean) * (f - mean);
    std = Math.sqrt(sum / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/**
 * NodeResourcesBalancedAllocation (plugins/noderesources/balanced_allocation.go): favours nodes
 * whose cpu and memory would be used in equal proportions after placing the pod, with the pods'
 * actual requests (no non-zero defaults). In v1.32 best-effort pods are scored too.
 *
 * @example
 * ```ts
 * nodeResourcesBalancedAllocation().score?.(state, podInfo, node, snapshot); // e.g. 94
 * ```
 */
export function nodeResourcesBalancedAllocation(
  resources: readonly ResourceSpec[] = DEFAULT_RESOURCES,
): Plugin {
  const requested = new Array<number>(resources.length).fill(0);
  const allocatable = new Array<number>(resources.length).fill(0);
  const direct = resources.length === 2 && resources[0]?.name === "cpu" && resources[1]?.name === "memory";
  return {
    name: "NodeResourcesBalancedAllocation",
    preScore() {
      return PluginStatus.success;
    },
    score(_state, pod, node) {
      if (direct) {
        // balancedResourceScorer over cpu and memory with the actual requests, unrolled.
        const cpu = node.allocCpu;
        const memory = node.allocMemory;
        if (cpu === 0 || memory === 0) return MAX_NODE_SCORE;
        const fc = Math.min(1, (node.reqCpu + pod.requests.cpu) / cpu);
        const fm = Math.min(1, (node.reqMemory + pod.requests.memory) / memory);
        return Math.trunc((1 - Math.abs((fc - fm) / 2)) * MAX_NODE_SCORE);
      }
      resourceAllocation(node, pod, resources, true, requested, allocatable);
      return balancedResourceScore(requested, allocatable);
    },
    scoreNodes(state, pod, nodes, snapshot, scores) {
      if (!direct) {
        for (let i = 0; i < nodes.length; i++)
          scores[i] = this.score?.(state, pod, nodes[i] as NodeInfo, snapshot) ?? 0;
        return;
      }
      const podCpu = pod.requests.cpu;
      const podMemory = pod.requests.memory;
      for (let i = 0; i < nodes.length; i++) {
        const node = nodes[i] as NodeInfo;
        const cpu = node.allocCpu;
        const memory = node.allocMemory;
        if (cpu === 0 || memory === 0) {
          scores[i] = MAX_NODE_SCORE;
          continue;
        }
        const fc = Math.min(1, (node.reqCpu + podCpu) / cpu);
        const fm = Math.min(1, (node.reqMemory + podMemory) / memory);
        scores[i] = Math.trunc((1 - Math.abs((fc - fm) / 2)) * MAX_NODE_SCORE);
      }
    },
  };
}
