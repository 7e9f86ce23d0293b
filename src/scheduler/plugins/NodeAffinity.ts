import { type NodeSelectorTerm, nodeSelectorMatches, termMatches } from "../../api/nodeAffinity.ts";
import type { Node, Pod } from "../../api/types.ts";
import { defaultNormalizeScore, MAX_NODE_SCORE, type Plugin } from "../framework/Plugin.ts";
import { PluginStatus } from "../framework/Status.ts";

const PRE_FILTER_KEY = "PreFilterNodeAffinity";
const PRE_SCORE_KEY = "PreScoreNodeAffinity";

/** ErrReasonPod. */
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
/** errReasonConflict. */
export const ERR_REASON_CONFLICT = "pod affinity terms conflict";

/** RequiredNodeAffinity: `nodeSelector` ANDed with the required node selector terms (ORed). */
class RequiredNodeAffinity {
  readonly #selector: [string, string][];
  readonly #terms: readonly NodeSelectorTerm[] | undefined;

  constructor(pod: Pod) {
    this.#selector = Object.entries(pod.spec?.nodeSelector ?? {});
    const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    this.#terms = required ? (required.nodeSelectorTerms ?? []) : undefined;
  }

  match(node: Node, labels: Readonly<Record<string, string>>): boolean {
    for (const [k, v] of this.#selector) if (labels[k] !== v) return false;
    if (this.#terms !== undefined) return nodeSelectorMatches(this.#terms, node);
    return true;
  }
}

/** The pod's required node affinity (nodeaffinity.GetRequiredNodeAffinity), for other plugins too. */
export function requiredNodeAffinity(pod: Pod): { match(node: Node): boolean } {
  const rna = new RequiredNodeAffinity(pod);
  return { match: (node) => rna.match(node, node.metadata?.labels ?? {}) };
}

/** Node names the required terms pin the pod to with `metadata.name In (...)`, if every term does. */
function affinityNodeNames(terms: readonly NodeSelectorTerm[]): Set<string> | undefined {
  let nodeNames: Set<string> | undefined;
  for (const t of terms) {
    let termNodeNames: Set<string> | undefined;
    for (const r of t.matchFields ?? []) {
      if (r.key !== "metadata.name" || r.operator !== "In") continue;
      const s = new Set(r.values ?? []);
      termNodeNames = termNodeNames ? new Set([...termNodeNames].filter((n) => s.has(n))) : s;
    }
    // A term without a node name field lets every node through: the terms are ORed.
    if (termNodeNames === undefined) return undefined;
    nodeNames = new Set([...(nodeNames ?? []), ...termNodeNames]);
  }
  return nodeNames;
}

/**
 * NodeAffinity (plugins/nodeaffinity): `nodeSelector` and required node affinity filter (operators
 * In, NotIn, Exists, DoesNotExist, Gt, Lt; terms ORed, expressions ANDed); the weights of matching
 * preferred terms make the score, normalised by the highest.
 *
 * @example
 * ```ts
 * NodeAffinity.filter(state, podInfo, smallNode, snapshot).reasons;
 * // ["node(s) didn't match Pod's node affinity/selector"]
 * ```
 */
export const NodeAffinity: Plugin = {
  name: "NodeAffinity",
  preFilter(state, pod) {
    const required = pod.pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (!required && !pod.pod.spec?.nodeSelector) return PluginStatus.skipped("NodeAffinity");
    state.write(PRE_FILTER_KEY, new RequiredNodeAffinity(pod.pod));
    const terms = required?.nodeSelectorTerms ?? [];
    if (!required || terms.length === 0) return PluginStatus.success;
    const nodeNames = affinityNodeNames(terms);
    if (nodeNames !== undefined && nodeNames.size === 0)
      return PluginStatus.unresolvable("NodeAffinity", ERR_REASON_CONFLICT);
    if (nodeNames !== undefined) return { status: PluginStatus.success, nodeNames };
    return PluginStatus.success;
  },
  filter(state, _pod, node) {
    const rna = state.read<RequiredNodeAffinity>(PRE_FILTER_KEY);
    if (!rna || rna.match(node.node, node.labels)) return PluginStatus.success;
    return PluginStatus.unresolvable("NodeAffinity", ERR_REASON_POD);
  },
  preScore(state, pod) {
    const preferred = pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    if (!preferred) return PluginStatus.skipped("NodeAffinity");
    // NewPreferredSchedulingTerms drops terms of weight 0.
    state.write(
      PRE_SCORE_KEY,
      preferred.filter((t) => t.weight !== 0),
    );
    return PluginStatus.success;
  },
  score(state, _pod, node) {
    const terms = state.read<{ weight: number; preference: NodeSelectorTerm }[]>(PRE_SCORE_KEY) ?? [];
    let score = 0;
    for (const term of terms) if (termMatches(term.preference, node.node)) score += term.weight;
    return score;
  },
  normalizeScore(_state, _pod, scores) {
    defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
  },
  queueingHint(event, pod) {
    const rna = new RequiredNodeAffinity(pod.pod);
    const matches = (node: Node) => rna.match(node, node.metadata?.labels ?? {});
    switch (event.kind) {
      case "NodeAdd":
        return matches(event.node);
      case "NodeUpdate":
        return !matches(event.old) && matches(event.node);
      case "UnscheduledPodUpdate":
        return (
          JSON.stringify(event.old.spec?.affinity?.nodeAffinity) !==
            JSON.stringify(event.pod.spec?.affinity?.nodeAffinity) ||
          JSON.stringify(event.old.spec?.nodeSelector) !== JSON.stringify(event.pod.spec?.nodeSelector)
        );
      default:
        return false;
    }
  },
};
