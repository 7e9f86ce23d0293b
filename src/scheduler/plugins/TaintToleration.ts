import { findUntoleratedTaint, tolerationsTolerateTaint } from "../../api/taints.ts";
import type { Toleration } from "../../api/types.ts";
import { defaultNormalizeScore, MAX_NODE_SCORE, type Plugin } from "../framework/Plugin.ts";
import { PluginStatus } from "../framework/Status.ts";

/**
 * TaintToleration: nodes with a NoSchedule/NoExecute taint the pod does not tolerate are filtered
 * out; untolerated PreferNoSchedule taints lower the score (normalised in reverse).
 */
export const TaintToleration: Plugin = {
  name: "TaintToleration",
  filter(_state, pod, node) {
    const taint = findUntoleratedTaint(node.node.spec?.taints, pod.spec?.tolerations, [
      "NoSchedule",
      "NoExecute",
    ]);
    if (!taint) return PluginStatus.success;
    return PluginStatus.unresolvable(
      "TaintToleration",
      `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ""}}`,
    );
  },
  score(_state, pod, node) {
    const tolerations: Toleration[] = (pod.spec?.tolerations ?? []).filter(
      (t) => !t.effect || t.effect === "PreferNoSchedule",
    );
    let count = 0;
    for (const taint of node.node.spec?.taints ?? []) {
      if (taint.effect === "PreferNoSchedule" && !tolerationsTolerateTaint(tolerations, taint)) count++;
    }
    return count;
  },
  normalizeScore(_state, _pod, scores) {
    defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
  },
};
