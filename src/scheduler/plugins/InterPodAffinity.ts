import type { Pod } from "../../api/types.ts";
import type { NodeInfo } from "../framework/NodeInfo.ts";
import { MAX_NODE_SCORE, type Plugin, type SchedulingSnapshot } from "../framework/Plugin.ts";
import { AffinityTerm, PodInfo, type WeightedAffinityTerm } from "../framework/PodInfo.ts";
import { PluginStatus } from "../framework/Status.ts";

/** ErrReasonExistingAntiAffinityRulesNotMatch. */
export const ERR_REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
/** ErrReasonAffinityRulesNotMatch. */
export const ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules";
/** ErrReasonAntiAffinityRulesNotMatch. */
export const ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";

const PRE_FILTER_KEY = "PreFilterInterPodAffinity";
const PRE_SCORE_KEY = "PreScoreInterPodAffinity";
/** InterPodAffinityArgs.hardPodAffinityWeight default. */
const HARD_POD_AFFINITY_WEIGHT = 1;

type Labels = Readonly<Record<string, string>> | undefined;
const pairKey = (key: string, value: string) => `${key}\u0000${value}`;

interface PreFilterState {
  pod: PodInfo;
  requiredAffinity: AffinityTerm[];
  requiredAntiAffinity: AffinityTerm[];
  affinityCounts: Map<string, number>;
  antiAffinityCounts: Map<string, number>;
  existingAntiAffinityCounts: Map<string, number>;
}

/**
 * mergeAffinityTermNamespacesIfNotEmpty: a term's namespace selector is resolved into namespace
 * names once per cycle (an empty selector stays "all namespaces").
 */
function mergeNamespaces(term: AffinityTerm, snapshot: SchedulingSnapshot): AffinityTerm {
  const selector = term.namespaceSelector;
  if (selector === null || selector.isEmpty()) return term;
  const namespaces = new Set(term.namespaces);
  for (const n of snapshot.listers.namespacesMatching(selector)) namespaces.add(n);
  return new AffinityTerm(namespaces, term.selector, term.topologyKey, null);
}

function increment(map: Map<string, number>, key: string, by: number): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function podMatchesAllAffinityTerms(terms: readonly AffinityTerm[], pod: Pod): boolean {
  if (terms.length === 0) return false;
  for (const t of terms) if (!t.matches(pod, undefined)) return false;
  return true;
}

/** The topology score map of the scoring pass: `key\0value` → summed weights. */
function processTerm(
  scores: Map<string, number>,
  term: AffinityTerm,
  weight: number,
  pod: Pod,
  namespaceLabels: Labels,
  node: NodeInfo,
  multiplier: number,
): void {
  if (!term.matches(pod, namespaceLabels)) return;
  const value = node.labels[term.topologyKey];
  if (value === undefined) return;
  increment(scores, pairKey(term.topologyKey, value), weight * multiplier);
}

function processTerms(
  scores: Map<string, number>,
  terms: readonly WeightedAffinityTerm[],
  pod: Pod,
  namespaceLabels: Labels,
  node: NodeInfo,
  multiplier: number,
): void {
  for (const t of terms) processTerm(scores, t.term, t.weight, pod, namespaceLabels, node, multiplier);
}

/**
 * InterPodAffinity (plugins/interpodaffinity): required pod affinity needs a matching pod in the
 * same topology domain, required anti-affinity forbids one (both ways: existing pods' anti-affinity
 * protects them from the incoming pod); preferred terms, and existing pods' terms about the
 * incoming pod, add or subtract their weights per domain, min-max normalised.
 *
 * @example
 * ```ts
 * InterPodAffinity.filter?.(state, podInfo, nodeWithTwin, snapshot).reasons;
 * // ["node(s) didn't match pod anti-affinity rules"]
 * ```
 */
export const InterPodAffinity: Plugin = {
  name: "InterPodAffinity",
  preFilter(state, pod, snapshot) {
    if (pod.parseError)
      return PluginStatus.unresolvable("InterPodAffinity", `parsing pod: ${pod.parseError}`);
    // Nothing to check: no required terms, and no pod anywhere with required anti-affinity.
    if (
      pod.requiredAffinityTerms.length === 0 &&
      pod.requiredAntiAffinityTerms.length === 0 &&
      snapshot.nodesWithRequiredAntiAffinityPods().length === 0
    )
      return PluginStatus.skipped("InterPodAffinity");
    const namespaceLabels = snapshot.listers.namespaceLabels(pod.namespace);
    const s: PreFilterState = {
      pod,
      requiredAffinity: pod.requiredAffinityTerms.map((t) => mergeNamespaces(t, snapshot)),
      requiredAntiAffinity: pod.requiredAntiAffinityTerms.map((t) => mergeNamespaces(t, snapshot)),
      affinityCounts: new Map(),
      antiAffinityCounts: new Map(),
      existingAntiAffinityCounts: new Map(),
    };
    // getExistingAntiAffinityCounts
    for (const info of snapshot.nodesWithRequiredAntiAffinityPods()) {
      for (const existing of info.podsWithRequiredAntiAffinity) {
        for (const term of existing.requiredAntiAffinityTerms) {
          const value = info.labels[term.topologyKey];
          if (value !== undefined && term.matches(pod.pod, namespaceLabels))
            increment(s.existingAntiAffinityCounts, pairKey(term.topologyKey, value), 1);
        }
      }
    }
    // getIncomingAffinityAntiAffinityCounts
    if (s.requiredAffinity.length > 0 || s.requiredAntiAffinity.length > 0) {
      for (const info of snapshot.nodes) {
        for (const existing of info.pods) {
          for (const term of s.requiredAffinity) {
            const value = info.labels[term.topologyKey];
            if (value !== undefined && term.matches(existing.pod, undefined))
              increment(s.affinityCounts, pairKey(term.topologyKey, value), 1);
          }
          for (const term of s.requiredAntiAffinity) {
            const value = info.labels[term.topologyKey];
            if (value !== undefined && term.matches(existing.pod, undefined))
              increment(s.antiAffinityCounts, pairKey(term.topologyKey, value), 1);
          }
        }
      }
    }
    if (
      s.existingAntiAffinityCounts.size === 0 &&
      s.requiredAffinity.length === 0 &&
      s.requiredAntiAffinity.length === 0
    )
      return PluginStatus.skipped("InterPodAffinity");
    state.write(PRE_FILTER_KEY, s);
    return PluginStatus.success;
  },
  filter(state, _pod, node) {
    const s = state.read<PreFilterState>(PRE_FILTER_KEY);
    if (!s) return PluginStatus.success;
    // satisfyPodAffinity
    let podsExist = true;
    for (const term of s.requiredAffinity) {
      const value = node.labels[term.topologyKey];
      if (value === undefined) return PluginStatus.unresolvable("InterPodAffinity", ERR_REASON_AFFINITY);
      if ((s.affinityCounts.get(pairKey(term.topologyKey, value)) ?? 0) <= 0) podsExist = false;
    }
    // The first pod of a group with affinity to itself may go anywhere with the topology labels.
    if (
      !podsExist &&
      !(s.affinityCounts.size === 0 && podMatchesAllAffinityTerms(s.requiredAffinity, s.pod.pod))
    )
      return PluginStatus.unresolvable("InterPodAffinity", ERR_REASON_AFFINITY);
    // satisfyPodAntiAffinity
    if (s.antiAffinityCounts.size > 0) {
      for (const term of s.requiredAntiAffinity) {
        const value = node.labels[term.topologyKey];
        if (value !== undefined && (s.antiAffinityCounts.get(pairKey(term.topologyKey, value)) ?? 0) > 0)
          return PluginStatus.unschedulable("InterPodAffinity", ERR_REASON_ANTI_AFFINITY);
      }
    }
    // satisfyExistingPodsAntiAffinity
    if (s.existingAntiAffinityCounts.size > 0) {
      for (const [key, value] of Object.entries(node.labels)) {
        if ((s.existingAntiAffinityCounts.get(pairKey(key, value)) ?? 0) > 0)
          return PluginStatus.unschedulable("InterPodAffinity", ERR_REASON_EXISTING_ANTI_AFFINITY);
      }
    }
    return PluginStatus.success;
  },
  preScore(state, pod, nodes, snapshot) {
    if (nodes.length === 0) return PluginStatus.skipped("InterPodAffinity");
    const hasConstraints = pod.preferredAffinityTerms.length > 0 || pod.preferredAntiAffinityTerms.length > 0;
    if (!hasConstraints && snapshot.nodesWithAffinityPods().length === 0)
      return PluginStatus.skipped("InterPodAffinity");
    const candidates = hasConstraints ? snapshot.nodes : snapshot.nodesWithAffinityPods();
    const preferredAffinity = pod.preferredAffinityTerms.map((t) => ({
      term: mergeNamespaces(t.term, snapshot),
      weight: t.weight,
    }));
    const preferredAnti = pod.preferredAntiAffinityTerms.map((t) => ({
      term: mergeNamespaces(t.term, snapshot),
      weight: t.weight,
    }));
    const namespaceLabels = snapshot.listers.namespaceLabels(pod.namespace);
    const scores = new Map<string, number>();
    for (const info of candidates) {
      if (Object.keys(info.labels).length === 0) continue;
      for (const existing of hasConstraints ? info.pods : info.podsWithAffinity) {
        processTerms(scores, preferredAffinity, existing.pod, undefined, info, 1);
        processTerms(scores, preferredAnti, existing.pod, undefined, info, -1);
        for (const t of existing.requiredAffinityTerms)
          processTerm(scores, t, HARD_POD_AFFINITY_WEIGHT, pod.pod, namespaceLabels, info, 1);
        processTerms(scores, existing.preferredAffinityTerms, pod.pod, namespaceLabels, info, 1);
        processTerms(scores, existing.preferredAntiAffinityTerms, pod.pod, namespaceLabels, info, -1);
      }
    }
    if (scores.size === 0) return PluginStatus.skipped("InterPodAffinity");
    state.write(PRE_SCORE_KEY, scores);
    return PluginStatus.success;
  },
  score(state, _pod, node) {
    const scores = state.read<Map<string, number>>(PRE_SCORE_KEY);
    if (!scores) return 0;
    let score = 0;
    for (const [key, value] of Object.entries(node.labels)) score += scores.get(pairKey(key, value)) ?? 0;
    return score;
  },
  normalizeScore(state, _pod, scores) {
    if (!state.read(PRE_SCORE_KEY)) return;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const s of scores) {
      if (s > max) max = s;
      if (s < min) min = s;
    }
    const diff = max - min;
    for (let i = 0; i < scores.length; i++)
      scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * (((scores[i] as number) - min) / diff)) : 0;
  },
  queueingHint(event, pod) {
    switch (event.kind) {
      case "NodeAdd":
        return true;
      case "NodeUpdate":
        return JSON.stringify(event.old.metadata?.labels) !== JSON.stringify(event.node.metadata?.labels);
      case "AssignedPodAdd":
      case "AssignedPodUpdate": {
        // A pod that matches a required affinity term may satisfy it.
        return pod.requiredAffinityTerms.some((t) => t.matches(event.pod, undefined));
      }
      case "AssignedPodDelete": {
        const deleted = new PodInfo(event.pod);
        return (
          pod.requiredAntiAffinityTerms.some((t) => t.matches(event.pod, undefined)) ||
          deleted.requiredAntiAffinityTerms.some((t) => t.matches(pod.pod, undefined))
        );
      }
      case "UnscheduledPodUpdate":
        return JSON.stringify(event.old.metadata?.labels) !== JSON.stringify(event.pod.metadata?.labels);
      case "NamespaceChange":
        return true;
      default:
        return false;
    }
  },
};
