import { labelSelectorMapMatches, nodeSelectorMatches, termMatches } from "../../api/nodeAffinity.ts";
import { defaultNormalizeScore, MAX_NODE_SCORE, type Plugin } from "../framework/Plugin.ts";
import { PluginStatus } from "../framework/Status.ts";

/**
 * NodeAffinity: `nodeSelector` and required node affinity filter; preferred terms add their
 * weights to the score.
 */
export const NodeAffinity: Plugin = {
  name: "NodeAffinity",
  filter(_state, pod, node) {
    const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    const fits =
      labelSelectorMapMatches(pod.spec?.nodeSelector, node.node) &&
      (!required || nodeSelectorMatches(required.nodeSelectorTerms ?? [], node.node));
    if (fits) return PluginStatus.success;
    return PluginStatus.unresolvable("NodeAffinity", "node(s) didn't match Pod's node affinity/selector");
  },
  score(_state, pod, node) {
    let score = 0;
    for (const term of pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ??
      []) {
      if (term.weight !== 0 && termMatches(term.preference, node.node)) score += term.weight;
    }
    return score;
  },
  normalizeScore(_state, _pod, scores) {
    defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
  },
};
