import type { PodRequests } from "../../api/pods.ts";
import { NodeInfo } from "../framework/NodeInfo.ts";
import { MAX_NODE_SCORE, type Plugin } from "../framework/Plugin.ts";
import type { PodInfo } from "../framework/PodInfo.ts";
import { PluginStatus } from "../framework/Status.ts";

/** Scoring strategies of NodeResourcesFit (config.ScoringStrategyType). */
export type ScoringStrategyType = "LeastAllocated" | "MostAllocated" | "RequestedToCapacityRatio";

/** A resource and its weight in scoring (config.ResourceSpec). */
export interface ResourceSpec {
  name: string;
  weight: number;
}

/** A point of the RequestedToCapacityRatio shape: utilization 0–100 → score 0–10. */
export interface UtilizationShapePoint {
  utilization: number;
  score: number;
}

/** NodeResourcesFitArgs.scoringStrategy. */
export interface ScoringStrategy {
  type: ScoringStrategyType;
  resources?: ResourceSpec[];
  requestedToCapacityRatio?: { shape: UtilizationShapePoint[] };
}

/** Default scoring resources: cpu and memory, weight 1 each (config/v1 defaults). */
export const DEFAULT_RESOURCES: readonly ResourceSpec[] = [
  { name: "cpu", weight: 1 },
  { name: "memory", weight: 1 },
];

const PRE_FILTER_KEY = "PreFilterNodeResourcesFit";
const MAX_UTILIZATION = 100;
/** config.MaxCustomPriorityScore. */
const MAX_CUSTOM_PRIORITY_SCORE = 10;

/** leastRequestedScore: the share of the resource left free, 0–100. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** mostRequestedScore: the share of the resource in use, 0–100. */
export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  if (requested > capacity) requested = capacity;
  return Math.trunc((requested * MAX_NODE_SCORE) / capacity);
}

/** helper.BuildBrokenLinearFunction over shape points (scores already scaled to 0–100). */
export function brokenLinearFunction(shape: readonly UtilizationShapePoint[]): (p: number) => number {
  return (p) => {
    for (let i = 0; i < shape.length; i++) {
      const point = shape[i] as UtilizationShapePoint;
      if (p <= point.utilization) {
        if (i === 0) return point.score;
        const prev = shape[i - 1] as UtilizationShapePoint;
        return (
          prev.score +
          Math.trunc(
            ((point.score - prev.score) * (p - prev.utilization)) / (point.utilization - prev.utilization),
          )
        );
      }
    }
    return (shape[shape.length - 1] as UtilizationShapePoint).score;
  };
}

type ResourceScorer = (requested: number[], allocatable: number[]) => number;

function weightedScorer(
  resources: readonly ResourceSpec[],
  perResource: (requested: number, capacity: number) => number,
): ResourceScorer {
  return (requested, allocatable) => {
    let nodeScore = 0;
    let weightSum = 0;
    for (let i = 0; i < requested.length; i++) {
      if (allocatable[i] === 0) continue;
      const weight = (resources[i] as ResourceSpec).weight;
      nodeScore += perResource(requested[i] as number, allocatable[i] as number) * weight;
      weightSum += weight;
    }
    return weightSum === 0 ? 0 : Math.trunc(nodeScore / weightSum);
  };
}

function requestedToCapacityRatioScorer(
  resources: readonly ResourceSpec[],
  shape: readonly UtilizationShapePoint[],
): ResourceScorer {
  const scaled = shape.map((p) => ({
    utilization: p.utilization,
    score: p.score * (MAX_NODE_SCORE / MAX_CUSTOM_PRIORITY_SCORE),
  }));
  const raw = brokenLinearFunction(scaled);
  const resourceScore = (requested: number, capacity: number) =>
    capacity === 0 || requested > capacity
      ? raw(MAX_UTILIZATION)
      : raw(Math.trunc((requested * MAX_UTILIZATION) / capacity));
  return (requested, allocatable) => {
    let nodeScore = 0;
    let weightSum = 0;
    for (let i = 0; i < requested.length; i++) {
      if (allocatable[i] === 0) continue;
      const weight = (resources[i] as ResourceSpec).weight;
      const score = resourceScore(requested[i] as number, allocatable[i] as number);
      if (score > 0) {
        nodeScore += score * weight;
        weightSum += weight;
      }
    }
    return weightSum === 0 ? 0 : Math.round(nodeScore / weightSum);
  };
}

function requestOf(request: PodRequests, name: string): number {
  if (name === "cpu") return request.cpu;
  if (name === "memory") return request.memory;
  return request.scalar.get(name) ?? 0;
}

/** schedutil.IsScalarResourceName: extended resources, hugepages and the like (not ephemeral-storage). */
function isScalar(name: string): boolean {
  return name !== "cpu" && name !== "memory" && name !== "ephemeral-storage";
}

/**
 * resourceAllocationScorer.score: for each configured resource, the node's allocatable and what
 * would be requested with the pod (non-zero requests for cpu/memory unless `useRequested`); scalar
 * resources the pod does not request are left out.
 */
export function resourceAllocation(
  node: NodeInfo,
  pod: PodInfo,
  resources: readonly ResourceSpec[],
  useRequested: boolean,
  requested: number[],
  allocatable: number[],
): void {
  const podRequest = useRequested ? pod.requests : pod.nonZero;
  const nodeRequested = useRequested ? node.requested : node.nonZeroRequested;
  for (let i = 0; i < resources.length; i++) {
    const name = (resources[i] as ResourceSpec).name;
    const req = requestOf(podRequest, name);
    requested[i] = 0;
    allocatable[i] = 0;
    if (name === "cpu") {
      allocatable[i] = node.allocatable.cpu;
      requested[i] = nodeRequested.cpu + req;
    } else if (name === "memory") {
      allocatable[i] = node.allocatable.memory;
      requested[i] = nodeRequested.memory + req;
    } else if (req !== 0 || !isScalar(name)) {
      const alloc = node.allocatable.scalar.get(name);
      if (alloc !== undefined) {
        allocatable[i] = alloc;
        requested[i] = (node.requested.scalar.get(name) ?? 0) + req;
      }
    }
  }
}

/** Why a node lacks room for a pod (fitsRequest), in upstream order. */
export function insufficientResources(request: PodRequests, node: NodeInfo): string[] {
  const reasons: string[] = [];
  if (node.pods.length + 1 > node.allocatable.pods) reasons.push("Too many pods");
  if (request.cpu === 0 && request.memory === 0 && request.scalar.size === 0) return reasons;
  if (request.cpu > 0 && request.cpu > node.allocatable.cpu - node.requested.cpu)
    reasons.push("Insufficient cpu");
  if (request.memory > 0 && request.memory > node.allocatable.memory - node.requested.memory)
    reasons.push("Insufficient memory");
  if (request.scalar.size === 0) return reasons;
  const storage = request.scalar.get("ephemeral-storage") ?? 0;
  if (
    storage > 0 &&
    storage >
      (node.allocatable.scalar.get("ephemeral-storage") ?? 0) -
        (node.requested.scalar.get("ephemeral-storage") ?? 0)
  )
    reasons.push("Insufficient ephemeral-storage");
  for (const [name, quantity] of [...request.scalar].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (name === "ephemeral-storage" || quantity === 0) continue;
    const free = (node.allocatable.scalar.get(name) ?? 0) - (node.requested.scalar.get(name) ?? 0);
    if (quantity > free) reasons.push(`Insufficient ${name}`);
  }
  return reasons;
}

/**
 * NodeResourcesFit (plugins/noderesources/fit.go): the node must have room for the pod's requests
 * (cpu, memory, ephemeral-storage, extended resources) and one more pod. Scoring follows the
 * configured strategy: LeastAllocated (default), MostAllocated or RequestedToCapacityRatio, over
 * weighted resources, with the non-zero request defaults for cpu and memory.
 *
 * @example
 * ```ts
 * const fit = nodeResourcesFit({ type: "MostAllocated" });
 * fit.filter?.(state, podInfo, fullNode, snapshot).reasons; // ["Insufficient cpu"]
 * ```
 */
export function nodeResourcesFit(strategy: ScoringStrategy = { type: "LeastAllocated" }): Plugin {
  const resources = strategy.resources ?? DEFAULT_RESOURCES;
  let scorer: ResourceScorer;
  switch (strategy.type) {
    case "LeastAllocated":
      scorer = weightedScorer(resources, leastRequestedScore);
      break;
    case "MostAllocated":
      scorer = weightedScorer(resources, mostRequestedScore);
      break;
    case "RequestedToCapacityRatio": {
      const shape = strategy.requestedToCapacityRatio?.shape ?? [];
      if (shape.length === 0)
        throw new Error("NodeResourcesFit: RequestedToCapacityRatio needs requestedToCapacityRatio.shape");
      scorer = requestedToCapacityRatioScorer(resources, shape);
      break;
    }
  }
  const requested = new Array<number>(resources.length).fill(0);
  const allocatable = new Array<number>(resources.length).fill(0);
  let lastState: object | undefined;
  let lastRequest: PodRequests | undefined;
  let lastPlain = false;
  // The default resources (cpu and memory, weight 1 each) get a direct path in scoring.
  const defaultResources =
    resources.length === 2 &&
    resources[0]?.name === "cpu" &&
    resources[1]?.name === "memory" &&
    resources[0].weight === 1 &&
    resources[1].weight === 1;
  const perResource = strategy.type === "MostAllocated" ? mostRequestedScore : leastRequestedScore;
  const direct = defaultResources && strategy.type !== "RequestedToCapacityRatio";
  return {
    name: "NodeResourcesFit",
    preFilter(state, pod) {
      state.write(PRE_FILTER_KEY, pod.requests);
      return PluginStatus.success;
    },
    filter(state, _pod, node) {
      // The request is read from the cycle state once per cycle, not once per node.
      if (state !== lastState) {
        lastState = state;
        lastRequest = state.read<PodRequests>(PRE_FILTER_KEY) as PodRequests;
        lastPlain = lastRequest.scalar.size === 0;
      }
      const request = lastRequest as PodRequests;
      // Fast path for the common case: room for cpu, memory and one more pod, nothing else asked.
      if (
        lastPlain &&
        node.podCount < node.allocPods &&
        request.cpu <= node.allocCpu - node.reqCpu &&
        request.memory <= node.allocMemory - node.reqMemory
      )
        return PluginStatus.success;
      const reasons = insufficientResources(request, node);
      return reasons.length > 0
        ? PluginStatus.unschedulable("NodeResourcesFit", ...reasons)
        : PluginStatus.success;
    },
    score(_state, pod, node) {
      if (direct) {
        // weightedScorer over cpu and memory with non-zero requests, unrolled.
        const cpu = node.allocCpu;
        const memory = node.allocMemory;
        if (cpu === 0 || memory === 0) {
          if (cpu !== 0) return perResource(node.nzCpu + pod.nonZero.cpu, cpu);
          if (memory !== 0) return perResource(node.nzMemory + pod.nonZero.memory, memory);
          return 0;
        }
        return Math.trunc(
          (perResource(node.nzCpu + pod.nonZero.cpu, cpu) +
            perResource(node.nzMemory + pod.nonZero.memory, memory)) /
            2,
        );
      }
      resourceAllocation(node, pod, resources, false, requested, allocatable);
      return scorer(requested, allocatable);
    },
    scoreNodes(state, pod, nodes, snapshot, scores) {
      if (!direct) {
        for (let i = 0; i < nodes.length; i++)
          scores[i] = this.score?.(state, pod, nodes[i] as NodeInfo, snapshot) ?? 0;
        return;
      }
      const podCpu = pod.nonZero.cpu;
      const podMemory = pod.nonZero.memory;
      for (let i = 0; i < nodes.length; i++) {
        const node = nodes[i] as NodeInfo;
        const cpu = node.allocCpu;
        const memory = node.allocMemory;
        if (cpu !== 0 && memory !== 0)
          scores[i] = Math.trunc(
            (perResource(node.nzCpu + podCpu, cpu) + perResource(node.nzMemory + podMemory, memory)) / 2,
          );
        else if (cpu !== 0) scores[i] = perResource(node.nzCpu + podCpu, cpu);
        else if (memory !== 0) scores[i] = perResource(node.nzMemory + podMemory, memory);
        else scores[i] = 0;
      }
    },
    queueingHint(event, pod) {
      switch (event.kind) {
        case "NodeAdd":
          return insufficientResources(pod.requests, new NodeInfo(event.node)).length === 0;
        case "NodeUpdate": {
          const before = new NodeInfo(event.old).allocatable;
          const after = new NodeInfo(event.node);
          const changed =
            before.cpu !== after.allocatable.cpu ||
            before.memory !== after.allocatable.memory ||
            before.pods !== after.allocatable.pods ||
            JSON.stringify([...before.scalar]) !== JSON.stringify([...after.allocatable.scalar]);
          return changed && insufficientResources(pod.requests, after).length === 0;
        }
        case "AssignedPodDelete":
          return true;
        case "UnscheduledPodUpdate":
          return JSON.stringify(event.old.spec?.containers) !== JSON.stringify(event.pod.spec?.containers);
        default:
          return false;
      }
    },
  };
}
