import { findUntoleratedTaint, tolerationsTolerateTaint } from "../../api/taints.ts";
import type { Node, Toleration } from "../../api/types.ts";
import type { NodeInfo } from "../framework/NodeInfo.ts";
import { type CycleState, defaultNormalizeScore, MAX_NODE_SCORE, type Plugin } from "../framework/Plugin.ts";
import type { PodInfo } from "../framework/PodInfo.ts";
import { PluginStatus } from "../framework/Status.ts";

const NO_SCHEDULE_EFFECTS = ["NoSchedule", "NoExecute"] as const;
const PRE_SCORE_KEY = "PreScoreTaintToleration";

function untolerated(pod: PodInfo, node: Node) {
  return findUntoleratedTaint(node.spec?.taints, pod.pod.spec?.tolerations, NO_SCHEDULE_EFFECTS);
}

/**
 * TaintToleration (plugins/tainttoleration): nodes with a NoSchedule or NoExecute taint the pod
 * does not tolerate are filtered out; each untolerated PreferNoSchedule taint lowers the score
 * (normalised in reverse, so the node with most such taints gets 0).
 *
 * @example
 * ```ts
 * TaintToleration.filter(state, podInfo, taintedNode, snapshot).reasons;
 * // ["node(s) had untolerated taint {app: blue}"]
 * ```
 */
export const TaintToleration: Plugin = {
  name: "TaintToleration",
  filter(_state, pod, node) {
    if (node.taintCount === 0) return PluginStatus.success;
    const taint = findUntoleratedTaint(node.taints, pod.pod.spec?.tolerations, NO_SCHEDULE_EFFECTS);
    if (!taint) return PluginStatus.success;
    return PluginStatus.unresolvable(
      "TaintToleration",
      `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ""}}`,
    );
  },
  preScore(state, pod) {
    // getAllTolerationPreferNoSchedule: tolerations with an empty or PreferNoSchedule effect.
    const tolerations: Toleration[] = (pod.pod.spec?.tolerations ?? []).filter(
      (t) => !t.effect || t.effect === "PreferNoSchedule",
    );
    state.write(PRE_SCORE_KEY, tolerations);
    return PluginStatus.success;
  },
  score(state: CycleState, _pod, node) {
    if (node.taintCount === 0) return 0;
    const tolerations = state.read<Toleration[]>(PRE_SCORE_KEY) ?? [];
    let count = 0;
    for (const taint of node.taints) {
      if (taint.effect === "PreferNoSchedule" && !tolerationsTolerateTaint(tolerations, taint)) count++;
    }
    return count;
  },
  scoreNodes(state, pod, nodes, snapshot, scores) {
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i] as NodeInfo;
      scores[i] = node.taintCount === 0 ? 0 : (TaintToleration.score?.(state, pod, node, snapshot) ?? 0);
    }
  },
  normalizeScore(_state, _pod, scores) {
    defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
  },
  queueingHint(event, pod) {
    switch (event.kind) {
      case "NodeAdd":
        return untolerated(pod, event.node) === undefined;
      case "NodeUpdate":
        return untolerated(pod, event.old) !== undefined && untolerated(pod, event.node) === undefined;
      case "UnscheduledPodUpdate":
        return JSON.stringify(event.old.spec?.tolerations) !== JSON.stringify(event.pod.spec?.tolerations);
      default:
        return false;
    }
  },
};
