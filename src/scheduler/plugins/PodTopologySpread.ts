import { type LabelSelectorStruct, Selector, selectorFromLabelSelector } from "../../api/labels.ts";
import { findUntoleratedTaint } from "../../api/taints.ts";
import type { Node, Pod } from "../../api/types.ts";
import { type ClusterListers, MAX_NODE_SCORE, type Plugin } from "../framework/Plugin.ts";
import type { PodInfo } from "../framework/PodInfo.ts";
import { PluginStatus } from "../framework/Status.ts";
import { requiredNodeAffinity } from "./NodeAffinity.ts";

/** ErrReasonConstraintsNotMatch. */
export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
/** ErrReasonNodeLabelNotMatch. */
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;

const HOSTNAME = "kubernetes.io/hostname";
const ZONE = "topology.kubernetes.io/zone";
const PRE_FILTER_KEY = "PreFilterPodTopologySpread";
const PRE_SCORE_KEY = "PreScorePodTopologySpread";

/** A pod.spec.topologySpreadConstraints entry. */
export interface TopologySpreadConstraintSpec {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: "DoNotSchedule" | "ScheduleAnyway";
  labelSelector?: LabelSelectorStruct | null;
  minDomains?: number;
  nodeAffinityPolicy?: "Honor" | "Ignore";
  nodeTaintsPolicy?: "Honor" | "Ignore";
  matchLabelKeys?: string[];
}

/** The cluster-level default constraints (`defaultingType: System`). */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraintSpec[] = [
  { topologyKey: HOSTNAME, whenUnsatisfiable: "ScheduleAnyway", maxSkew: 3 },
  { topologyKey: ZONE, whenUnsatisfiable: "ScheduleAnyway", maxSkew: 5 },
];

interface Constraint {
  maxSkew: number;
  topologyKey: string;
  /** null = labels.Nothing(). */
  selector: Selector | null;
  minDomains: number;
  honorNodeAffinity: boolean;
  honorNodeTaints: boolean;
}

type Labels = Readonly<Record<string, string>>;

function selectorIsEmpty(selector: Selector | null): boolean {
  return selector?.isEmpty() === true;
}

/** countPodsMatchSelector: terminating pods and other namespaces do not count; an empty selector counts none. */
function countPodsMatchSelector(
  pods: readonly PodInfo[],
  selector: Selector | null,
  namespace: string,
): number {
  if (selector === null || selector.isEmpty()) return 0;
  let count = 0;
  for (const p of pods) {
    if (p.pod.metadata?.deletionTimestamp || p.namespace !== namespace) continue;
    if (selector.matches(p.pod.metadata?.labels)) count++;
  }
  return count;
}

function filterConstraints(
  specs: readonly TopologySpreadConstraintSpec[],
  podLabels: Labels,
  action: "DoNotSchedule" | "ScheduleAnyway",
): Constraint[] {
  const result: Constraint[] = [];
  for (const c of specs) {
    if (c.whenUnsatisfiable !== action) continue;
    let selector = selectorFromLabelSelector(c.labelSelector);
    // matchLabelKeys: the pod's values for those keys are ANDed into the selector.
    const extra = (c.matchLabelKeys ?? [])
      .filter((k) => Object.hasOwn(podLabels, k))
      .map((k) => ({ key: k, operator: "=" as const, values: [podLabels[k] as string] }));
    if (extra.length > 0) selector = new Selector([...(selector?.requirements ?? []), ...extra]);
    result.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector,
      minDomains: c.minDomains ?? 1,
      honorNodeAffinity: (c.nodeAffinityPolicy ?? "Honor") === "Honor",
      honorNodeTaints: (c.nodeTaintsPolicy ?? "Ignore") === "Honor",
    });
  }
  return result;
}

/**
 * helper.DefaultSelector: the selectors of the services selecting the pod, plus the selector of its
 * controlling ReplicaSet, StatefulSet or ReplicationController.
 */
export function defaultSelector(pod: Pod, listers: ClusterListers): Selector {
  const labels = pod.metadata?.labels ?? {};
  const namespace = pod.metadata?.namespace ?? "";
  const services = listers.serviceSelectors(namespace);
  const owned = (pod.metadata?.ownerReferences ?? []).some((o) => o.controller);
  if (services.length === 0 && !owned) return Selector.everything;
  const set: Record<string, string> = {};
  for (const selector of services) {
    const entries = Object.entries(selector);
    if (entries.length === 0) continue;
    if (entries.every(([k, v]) => labels[k] === v)) Object.assign(set, selector);
  }
  let selector = Selector.fromSet(set);
  const owner = (pod.metadata?.ownerReferences ?? []).find((o) => o.controller);
  if (!owner) return selector;
  const gvk = `${owner.apiVersion}/${owner.kind}`;
  const ownerSelector = listers.ownerSelector(owner.kind, namespace, owner.name);
  if (ownerSelector === undefined) return selector;
  if (gvk === "v1/ReplicationController") {
    selector = Selector.fromSet({ ...set, ...(ownerSelector as Record<string, string>) });
  } else if (gvk === "apps/v1/ReplicaSet" || gvk === "apps/v1/StatefulSet") {
    try {
      const other = selectorFromLabelSelector(ownerSelector as LabelSelectorStruct);
      if (other) selector = new Selector([...selector.requirements, ...other.requirements]);
    } catch {
      // a selector that does not parse is ignored
    }
  }
  return selector;
}

function matchNodeInclusionPolicies(
  c: Constraint,
  pod: Pod,
  node: Node,
  affinity: { match(node: Node): boolean },
): boolean {
  if (c.honorNodeAffinity && !affinity.match(node)) return false;
  if (
    c.honorNodeTaints &&
    findUntoleratedTaint(node.spec?.taints, pod.spec?.tolerations, ["NoSchedule", "NoExecute"]) !== undefined
  )
    return false;
  return true;
}

function hasAllKeys(labels: Labels, constraints: readonly Constraint[]): boolean {
  for (const c of constraints) if (!Object.hasOwn(labels, c.topologyKey)) return false;
  return true;
}

interface PreFilterState {
  constraints: Constraint[];
  /** `key\0value` → matching pods. */
  pairToMatchNum: Map<string, number>;
  keyToMinMatch: Map<string, number>;
  keyToDomains: Map<string, number>;
}

interface PreScoreState {
  constraints: Constraint[];
  ignoredNodes: Set<string>;
  pairToPodCounts: Map<string, number>;
  normalizingWeight: number[];
}

const pairKey = (key: string, value: string) => `${key}\u0000${value}`;

/** topologyNormalizingWeight: log(size + 2). */
function topologyNormalizingWeight(size: number): number {
  return Math.log(size + 2);
}

/**
 * PodTopologySpread (plugins/podtopologyspread): hard constraints (`DoNotSchedule`) filter nodes
 * whose domain would exceed `maxSkew` over the least-loaded domain; soft ones (`ScheduleAnyway`) and,
 * for pods with none, the system defaults (hostname maxSkew 3, zone maxSkew 5, selecting the pod's
 * services and controller) score nodes with fewer matching pods higher.
 *
 * @example
 * ```ts
 * const spread = podTopologySpread();
 * spread.filter?.(state, podInfo, node, snapshot).reasons; // ["node(s) didn't match pod topology spread constraints"]
 * ```
 */
export function podTopologySpread(
  options: { defaultConstraints?: readonly TopologySpreadConstraintSpec[]; systemDefaulted?: boolean } = {},
): Plugin {
  const defaults = options.defaultConstraints ?? SYSTEM_DEFAULT_CONSTRAINTS;
  const systemDefaulted = options.systemDefaulted ?? true;

  const buildDefaultConstraints = (
    pod: Pod,
    listers: ClusterListers,
    action: "DoNotSchedule" | "ScheduleAnyway",
  ): Constraint[] => {
    if (!defaults.some((c) => c.whenUnsatisfiable === action)) return [];
    const selector = defaultSelector(pod, listers);
    if (selector.isEmpty()) return [];
    const constraints = filterConstraints(defaults, pod.metadata?.labels ?? {}, action);
    for (const c of constraints) c.selector = selector;
    return constraints;
  };

  const constraintsOf = (pod: Pod, listers: ClusterListers, action: "DoNotSchedule" | "ScheduleAnyway") => {
    const specs = (pod.spec?.topologySpreadConstraints ?? []) as TopologySpreadConstraintSpec[];
    return specs.length > 0
      ? filterConstraints(specs, pod.metadata?.labels ?? {}, action)
      : buildDefaultConstraints(pod, listers, action);
  };

  return {
    name: "PodTopologySpread",
    preFilter(state, pod, snapshot) {
      let constraints: Constraint[];
      try {
        constraints = constraintsOf(pod.pod, snapshot.listers, "DoNotSchedule");
      } catch (error) {
        return PluginStatus.unresolvable("PodTopologySpread", (error as Error).message);
      }
      if (constraints.length === 0) return PluginStatus.skipped("PodTopologySpread");
      const affinity = requiredNodeAffinity(pod.pod);
      const s: PreFilterState = {
        constraints,
        pairToMatchNum: new Map(),
        keyToMinMatch: new Map(),
        keyToDomains: new Map(),
      };
      for (const info of snapshot.nodes) {
        if (!hasAllKeys(info.labels, constraints)) continue;
        for (const c of constraints) {
          if (!matchNodeInclusionPolicies(c, pod.pod, info.node, affinity)) continue;
          const pair = pairKey(c.topologyKey, info.labels[c.topologyKey] as string);
          const count = countPodsMatchSelector(info.pods, c.selector, pod.namespace);
          s.pairToMatchNum.set(pair, (s.pairToMatchNum.get(pair) ?? 0) + count);
        }
      }
      for (const [pair, num] of s.pairToMatchNum) {
        const key = pair.slice(0, pair.indexOf("\u0000"));
        s.keyToDomains.set(key, (s.keyToDomains.get(key) ?? 0) + 1);
        s.keyToMinMatch.set(key, Math.min(s.keyToMinMatch.get(key) ?? Number.MAX_SAFE_INTEGER, num));
      }
      state.write(PRE_FILTER_KEY, s);
      return PluginStatus.success;
    },
    filter(state, pod, node) {
      const s = state.read<PreFilterState>(PRE_FILTER_KEY);
      if (!s || s.constraints.length === 0) return PluginStatus.success;
      const podLabels = pod.pod.metadata?.labels;
      for (const c of s.constraints) {
        const value = node.labels[c.topologyKey];
        if (value === undefined)
          return PluginStatus.unresolvable("PodTopologySpread", ERR_REASON_NODE_LABEL_NOT_MATCH);
        // With fewer domains than minDomains, the global minimum counts as 0.
        let minMatch = s.keyToMinMatch.get(c.topologyKey) ?? Number.MAX_SAFE_INTEGER;
        if ((s.keyToDomains.get(c.topologyKey) ?? 0) < c.minDomains) minMatch = 0;
        const selfMatch = c.selector?.matches(podLabels) ? 1 : 0;
        const matchNum = s.pairToMatchNum.get(pairKey(c.topologyKey, value)) ?? 0;
        if (matchNum + selfMatch - minMatch > c.maxSkew)
          return PluginStatus.unschedulable("PodTopologySpread", ERR_REASON_CONSTRAINTS_NOT_MATCH);
      }
      return PluginStatus.success;
    },
    preScore(state, pod, filteredNodes, snapshot) {
      const allNodes = snapshot.nodes;
      if (filteredNodes.length === 0 || allNodes.length === 0) return PluginStatus.success;
      const specs = pod.pod.spec?.topologySpreadConstraints ?? [];
      const requireAllTopologies = specs.length > 0 || !systemDefaulted;
      let constraints: Constraint[];
      try {
        constraints = constraintsOf(pod.pod, snapshot.listers, "ScheduleAnyway");
      } catch (error) {
        return PluginStatus.error("PodTopologySpread", (error as Error).message);
      }
      if (constraints.length === 0) return PluginStatus.skipped("PodTopologySpread");
      const s: PreScoreState = {
        constraints,
        ignoredNodes: new Set(),
        pairToPodCounts: new Map(),
        normalizingWeight: [],
      };
      const topoSize = constraints.map(() => 0);
      for (const info of filteredNodes) {
        if (requireAllTopologies && !hasAllKeys(info.labels, constraints)) {
          s.ignoredNodes.add(info.name);
          continue;
        }
        constraints.forEach((c, i) => {
          if (c.topologyKey === HOSTNAME) return;
          const pair = pairKey(c.topologyKey, info.labels[c.topologyKey] ?? "");
          if (!s.pairToPodCounts.has(pair)) {
            s.pairToPodCounts.set(pair, 0);
            topoSize[i] = (topoSize[i] as number) + 1;
          }
        });
      }
      s.normalizingWeight = constraints.map((c, i) =>
        topologyNormalizingWeight(
          c.topologyKey === HOSTNAME ? filteredNodes.length - s.ignoredNodes.size : (topoSize[i] as number),
        ),
      );
      const affinity = requiredNodeAffinity(pod.pod);
      for (const info of allNodes) {
        if (requireAllTopologies && !hasAllKeys(info.labels, constraints)) continue;
        for (const c of constraints) {
          if (!matchNodeInclusionPolicies(c, pod.pod, info.node, affinity)) continue;
          const pair = pairKey(c.topologyKey, info.labels[c.topologyKey] ?? "");
          const current = s.pairToPodCounts.get(pair);
          if (current === undefined) continue;
          s.pairToPodCounts.set(pair, current + countPodsMatchSelector(info.pods, c.selector, pod.namespace));
        }
      }
      state.write(PRE_SCORE_KEY, s);
      return PluginStatus.success;
    },
    score(state, pod, node) {
      const s = state.read<PreScoreState>(PRE_SCORE_KEY);
      if (!s || s.ignoredNodes.has(node.name)) return 0;
      let score = 0;
      s.constraints.forEach((c, i) => {
        const value = node.labels[c.topologyKey];
        if (value === undefined) return;
        const count =
          c.topologyKey === HOSTNAME
            ? countPodsMatchSelector(node.pods, c.selector, pod.namespace)
            : (s.pairToPodCounts.get(pairKey(c.topologyKey, value)) ?? 0);
        // scoreForCount
        score += count * (s.normalizingWeight[i] as number) + (c.maxSkew - 1);
      });
      return Math.round(score);
    },
    normalizeScore(state, _pod, scores, nodes) {
      const s = state.read<PreScoreState>(PRE_SCORE_KEY);
      if (!s) return;
      let min = Number.MAX_SAFE_INTEGER;
      let max = 0;
      const invalid = nodes.map((n) => s.ignoredNodes.has(n.name));
      scores.forEach((score, i) => {
        if (invalid[i]) return;
        if (score < min) min = score;
        if (score > max) max = score;
      });
      for (let i = 0; i < scores.length; i++) {
        if (invalid[i]) scores[i] = 0;
        else if (max === 0) scores[i] = MAX_NODE_SCORE;
        else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - (scores[i] as number))) / max);
      }
    },
    queueingHint(event, pod) {
      const specs = (pod.pod.spec?.topologySpreadConstraints ?? []) as TopologySpreadConstraintSpec[];
      const keys = specs.map((c) => c.topologyKey);
      switch (event.kind) {
        case "NodeAdd":
          return keys.every((k) => Object.hasOwn(event.node.metadata?.labels ?? {}, k));
        case "NodeUpdate":
          return (
            JSON.stringify(event.old.metadata?.labels) !== JSON.stringify(event.node.metadata?.labels) ||
            JSON.stringify(event.old.spec?.taints) !== JSON.stringify(event.node.spec?.taints)
          );
        case "AssignedPodAdd":
        case "AssignedPodUpdate":
        case "AssignedPodDelete": {
          if ((event.pod.metadata?.namespace ?? "") !== pod.namespace) return false;
          const labels = pod.pod.metadata?.labels ?? {};
          return (
            specs.some((c) => {
              const selector = selectorFromLabelSelector(c.labelSelector);
              return (
                selector !== null &&
                !selectorIsEmpty(selector) &&
                (selector.matches(event.pod.metadata?.labels) ||
                  (event.kind === "AssignedPodUpdate" && selector.matches(event.old.metadata?.labels)))
              );
            }) ||
            (specs.length === 0 && Object.keys(labels).length > 0)
          );
        }
        case "UnscheduledPodUpdate":
          return (
            JSON.stringify(event.old.metadata?.labels) !== JSON.stringify(event.pod.metadata?.labels) ||
            JSON.stringify(event.old.spec?.topologySpreadConstraints) !==
              JSON.stringify(event.pod.spec?.topologySpreadConstraints)
          );
        default:
          return false;
      }
    },
  };
}
