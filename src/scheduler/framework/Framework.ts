import type { Pod } from "../../api/types.ts";
import { ImageLocality } from "../plugins/ImageLocality.ts";
import { InterPodAffinity } from "../plugins/InterPodAffinity.ts";
import { NodeAffinity } from "../plugins/NodeAffinity.ts";
import { NodeName } from "../plugins/NodeName.ts";
import { NodePorts } from "../plugins/NodePorts.ts";
import { nodeResourcesBalancedAllocation } from "../plugins/NodeResourcesBalancedAllocation.ts";
import { nodeResourcesFit, type ResourceSpec, type ScoringStrategy } from "../plugins/NodeResourcesFit.ts";
import { NodeUnschedulable } from "../plugins/NodeUnschedulable.ts";
import { podTopologySpread, type TopologySpreadConstraintSpec } from "../plugins/PodTopologySpread.ts";
import { SchedulingGates } from "../plugins/SchedulingGates.ts";
import { TaintToleration } from "../plugins/TaintToleration.ts";
import type { FilterVerdict, NodeExplanation } from "../SchedulingDecision.ts";
import type { NodeInfo } from "./NodeInfo.ts";
import { CycleState, type Plugin, preFilterStatus, type SchedulingSnapshot } from "./Plugin.ts";
import type { PodInfo } from "./PodInfo.ts";
import { PluginStatus } from "./Status.ts";

/** One profile of a KubeSchedulerConfiguration (the parts kubespec supports). */
export interface ProfileConfig {
  /** The name pods select with `spec.schedulerName`. */
  schedulerName: string;
  /** Default plugins to switch off (plugins.multiPoint.disabled). */
  disabledPlugins?: string[];
  /** Score weights that replace the defaults. */
  weights?: Record<string, number>;
  /** NodeResourcesFitArgs.scoringStrategy (LeastAllocated by default). */
  scoringStrategy?: ScoringStrategy;
  /** NodeResourcesBalancedAllocationArgs.resources. */
  balancedAllocationResources?: ResourceSpec[];
  /** PodTopologySpreadArgs: `List` with these constraints instead of the system defaults. */
  defaultTopologySpreadConstraints?: TopologySpreadConstraintSpec[];
  /** 0–100; 0 or unset = adaptive (50 − nodes/125, at least 5%). */
  percentageOfNodesToScore?: number;
}

/** The v1.32 default plugins in multiPoint order, with their score weights (getDefaultPlugins). */
export const DEFAULT_PLUGIN_WEIGHTS: readonly (readonly [string, number])[] = [
  ["SchedulingGates", 0],
  ["PrioritySort", 0],
  ["NodeUnschedulable", 0],
  ["NodeName", 0],
  ["TaintToleration", 3],
  ["NodeAffinity", 2],
  ["NodePorts", 0],
  ["NodeResourcesFit", 1],
  ["VolumeRestrictions", 0],
  ["NodeVolumeLimits", 0],
  ["VolumeBinding", 0],
  ["VolumeZone", 0],
  ["PodTopologySpread", 2],
  ["InterPodAffinity", 2],
  ["DefaultPreemption", 0],
  ["NodeResourcesBalancedAllocation", 1],
  ["ImageLocality", 1],
  ["DefaultBinder", 0],
];

/** A score plugin with its weight. */
export interface WeightedPlugin {
  readonly plugin: Plugin;
  readonly weight: number;
}

function buildPlugin(name: string, config: ProfileConfig): Plugin | undefined {
  switch (name) {
    case "SchedulingGates":
      return SchedulingGates;
    case "NodeUnschedulable":
      return NodeUnschedulable;
    case "NodeName":
      return NodeName;
    case "TaintToleration":
      return TaintToleration;
    case "NodeAffinity":
      return NodeAffinity;
    case "NodePorts":
      return NodePorts;
    case "NodeResourcesFit":
      return nodeResourcesFit(config.scoringStrategy);
    case "PodTopologySpread":
      return podTopologySpread(
        config.defaultTopologySpreadConstraints
          ? { defaultConstraints: config.defaultTopologySpreadConstraints, systemDefaulted: false }
          : {},
      );
    case "InterPodAffinity":
      return InterPodAffinity;
    case "NodeResourcesBalancedAllocation":
      return nodeResourcesBalancedAllocation(config.balancedAllocationResources);
    case "ImageLocality":
      return ImageLocality;
    default:
      // PrioritySort lives in the queue, DefaultPreemption and DefaultBinder in the Scheduler; the
      // volume plugins have nothing to do without volumes.
      return undefined;
  }
}

/** The result of running the PreFilter plugins. */
export interface PreFilterResult {
  status: PluginStatus;
  /** Plugins that narrowed the nodes, and to which. */
  nodeNames?: ReadonlySet<string>;
  narrowedBy: string[];
  /** Non-success outcomes (Skip, rejection), for the explanation. */
  verdicts: FilterVerdict[];
}

/**
 * A scheduling profile (frameworkImpl): its plugins per extension point in configuration order,
 * score weights, and the runners that call them the way kube-scheduler's framework does
 * (PreFilter Skip disables a plugin's Filter, the first rejecting Filter decides, PreScore Skip
 * disables a plugin's Score).
 *
 * @example
 * ```ts
 * const fwk = new Framework({ schedulerName: "default-scheduler" });
 * fwk.scorePlugins.map((s) => `${s.plugin.name}×${s.weight}`);
 * ```
 */
export class Framework {
  readonly name: string;
  readonly config: ProfileConfig;
  readonly plugins: readonly Plugin[];
  readonly preEnqueuePlugins: readonly Plugin[];
  readonly preFilterPlugins: readonly Plugin[];
  readonly filterPlugins: readonly Plugin[];
  readonly preScorePlugins: readonly Plugin[];
  readonly scorePlugins: readonly WeightedPlugin[];
  /** Whether DefaultPreemption (the PostFilter) is enabled. */
  readonly preemption: boolean;
  readonly #totals: number[] = [];
  readonly #scores: number[] = [];

  constructor(config: ProfileConfig) {
    this.name = config.schedulerName;
    this.config = config;
    const disabled = new Set(config.disabledPlugins ?? []);
    const known = new Set(DEFAULT_PLUGIN_WEIGHTS.map(([n]) => n));
    for (const name of [...disabled, ...Object.keys(config.weights ?? {})]) {
      if (!known.has(name) && name !== "*") throw new Error(`unknown scheduler plugin "${name}"`);
    }
    const plugins: Plugin[] = [];
    const scorers: WeightedPlugin[] = [];
    for (const [name, defaultWeight] of DEFAULT_PLUGIN_WEIGHTS) {
      if (disabled.has(name) || disabled.has("*")) continue;
      const plugin = buildPlugin(name, config);
      if (!plugin) continue;
      plugins.push(plugin);
      if (plugin.score) scorers.push({ plugin, weight: config.weights?.[name] ?? (defaultWeight || 1) });
    }
    this.plugins = plugins;
    this.preEnqueuePlugins = plugins.filter((p) => p.preEnqueue);
    this.preFilterPlugins = plugins.filter((p) => p.preFilter);
    this.filterPlugins = plugins.filter((p) => p.filter);
    this.preScorePlugins = plugins.filter((p) => p.preScore);
    this.scorePlugins = scorers;
    this.preemption = !disabled.has("DefaultPreemption") && !disabled.has("*");
  }

  /** RunPreEnqueuePlugins: the first non-success keeps the pod out of activeQ. */
  runPreEnqueuePlugins(pod: Pod): PluginStatus {
    for (const plugin of this.preEnqueuePlugins) {
      const status = plugin.preEnqueue?.(pod) ?? PluginStatus.success;
      if (!status.isSuccess()) return status;
    }
    return PluginStatus.success;
  }

  /** RunPreFilterPlugins. */
  runPreFilterPlugins(
    state: CycleState,
    pod: PodInfo,
    snapshot: SchedulingSnapshot,
    explain = true,
  ): PreFilterResult {
    const result: PreFilterResult = { status: PluginStatus.success, narrowedBy: [], verdicts: [] };
    let nodeNames: Set<string> | undefined;
    for (const plugin of this.preFilterPlugins) {
      const outcome = plugin.preFilter?.(state, pod, snapshot) ?? PluginStatus.success;
      const status = preFilterStatus(outcome);
      if (status.isSkip()) {
        state.skipFilter.add(plugin.name);
        if (explain) result.verdicts.push({ plugin: plugin.name, code: "Skip", reasons: [] });
        continue;
      }
      if (!status.isSuccess()) {
        result.verdicts.push({ plugin: plugin.name, code: status.code, reasons: [...status.reasons] });
        result.status = new PluginStatus(status.code, status.reasons, plugin.name);
        return result;
      }
      if ("nodeNames" in outcome && outcome.nodeNames) {
        result.narrowedBy.push(plugin.name);
        nodeNames = nodeNames
          ? new Set([...nodeNames].filter((n) => outcome.nodeNames?.has(n)))
          : new Set(outcome.nodeNames);
      }
    }
    if (nodeNames) result.nodeNames = nodeNames;
    return result;
  }

  /** RunFilterPlugins: the first rejection decides; verdicts are appended when asked. */
  runFilterPlugins(
    state: CycleState,
    pod: PodInfo,
    node: NodeInfo,
    snapshot: SchedulingSnapshot,
    verdicts?: FilterVerdict[],
  ): PluginStatus {
    let plugins = state.activeFilters;
    if (!plugins) {
      const skip = state.skipFilter;
      plugins = this.filterPlugins.filter((p) => !skip.has(p.name));
      state.activeFilters = plugins;
    }
    for (let i = 0; i < plugins.length; i++) {
      const plugin = plugins[i] as Plugin;
      const status = (plugin.filter as NonNullable<Plugin["filter"]>)(state, pod, node, snapshot);
      if (verdicts) verdicts.push({ plugin: plugin.name, code: status.code, reasons: [...status.reasons] });
      if (status.code !== "Success") return status;
    }
    return PluginStatus.success;
  }

  /**
   * Re-run the PreFilter plugins that were not skipped against another view of the cluster (a
   * node with pods added or removed): what RunPreFilterExtensionAddPod/RemovePod achieve.
   */
  refreshPreFilterState(state: CycleState, pod: PodInfo, snapshot: SchedulingSnapshot): CycleState {
    const copy = state.clone();
    for (const plugin of this.preFilterPlugins) {
      if (copy.skipFilter.has(plugin.name)) continue;
      plugin.preFilter?.(copy, pod, snapshot);
    }
    return copy;
  }

  /**
   * RunFilterPluginsWithNominatedPods: with pods of equal or higher priority nominated to the node
   * counted as running, and (if that passes) without them.
   */
  runFilterPluginsWithNominatedPods(
    state: CycleState,
    pod: PodInfo,
    node: NodeInfo,
    snapshot: SchedulingSnapshot,
    verdicts?: FilterVerdict[],
  ): PluginStatus {
    const nominated = snapshot.nominatedPodsFor(node.name);
    if (nominated.length === 0) return this.runFilterPlugins(state, pod, node, snapshot, verdicts);
    const added = nominated.filter((p) => p.uid !== pod.uid && p.priority >= pod.priority);
    if (added.length === 0) return this.runFilterPlugins(state, pod, node, snapshot, verdicts);
    const copy = node.clone();
    for (const p of added) copy.addPod(p);
    const view = overlaySnapshot(snapshot, copy);
    const withNominated = this.refreshPreFilterState(state, pod, view);
    const status = this.runFilterPlugins(withNominated, pod, copy, view, verdicts);
    if (!status.isSuccess()) return status;
    if (verdicts) verdicts.length = 0;
    return this.runFilterPlugins(state, pod, node, snapshot, verdicts);
  }

  /** RunPreScorePlugins: returns the plugins that skipped. */
  runPreScorePlugins(
    state: CycleState,
    pod: PodInfo,
    nodes: readonly NodeInfo[],
    snapshot: SchedulingSnapshot,
  ): PluginStatus {
    for (const plugin of this.preScorePlugins) {
      const status = plugin.preScore?.(state, pod, nodes, snapshot) ?? PluginStatus.success;
      if (status.isSkip()) {
        state.skipScore.add(plugin.name);
        continue;
      }
      if (!status.isSuccess()) return new PluginStatus(status.code, status.reasons, plugin.name);
    }
    return PluginStatus.success;
  }

  /**
   * RunScorePlugins: each plugin scores every node, normalizes, and its weighted scores are summed
   * per node. Explanations (aligned with `nodes`) receive each contribution when given.
   */
  runScorePlugins(
    state: CycleState,
    pod: PodInfo,
    nodes: readonly NodeInfo[],
    snapshot: SchedulingSnapshot,
    explanations?: readonly NodeExplanation[],
  ): number[] {
    // Scratch arrays reused from cycle to cycle (the caller reads the totals before the next one).
    const totals = this.#totals;
    const scores = this.#scores;
    totals.length = nodes.length;
    scores.length = nodes.length;
    totals.fill(0);
    for (const { plugin, weight } of this.scorePlugins) {
      if (state.skipScore.has(plugin.name)) continue;
      if (plugin.scoreNodes) plugin.scoreNodes(state, pod, nodes, snapshot, scores);
      else {
        const score = plugin.score as NonNullable<Plugin["score"]>;
        for (let i = 0; i < nodes.length; i++) scores[i] = score(state, pod, nodes[i] as NodeInfo, snapshot);
      }
      const raw = explanations ? [...scores] : undefined;
      plugin.normalizeScore?.(state, pod, scores, nodes);
      if (!raw) {
        for (let i = 0; i < nodes.length; i++)
          totals[i] = (totals[i] as number) + (scores[i] as number) * weight;
        continue;
      }
      for (let i = 0; i < nodes.length; i++) {
        const weighted = (scores[i] as number) * weight;
        totals[i] = (totals[i] as number) + weighted;
        explanations?.[i]?.scores.push({
          plugin: plugin.name,
          raw: raw[i] as number,
          normalized: scores[i] as number,
          weight,
          weighted,
        });
      }
    }
    return totals;
  }
}

/** A view of the snapshot in which one node is replaced by a changed copy (preemption dry runs). */
export function overlaySnapshot(base: SchedulingSnapshot, replaced: NodeInfo): SchedulingSnapshot {
  const nodes = base.nodes.map((n) => (n.name === replaced.name ? replaced : n));
  return {
    nodes,
    get: (name) => (name === replaced.name ? replaced : base.get(name)),
    nodesWithAffinityPods: () => nodes.filter((n) => n.podsWithAffinity.length > 0),
    nodesWithRequiredAntiAffinityPods: () => nodes.filter((n) => n.podsWithRequiredAntiAffinity.length > 0),
    imageNumNodes: (name) => base.imageNumNodes(name),
    nominatedPodsFor: (name) => base.nominatedPodsFor(name),
    listers: base.listers,
    random: base.random,
  };
}

export { CycleState };
