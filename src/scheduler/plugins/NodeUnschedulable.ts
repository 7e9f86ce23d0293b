import { tolerationsTolerateTaint } from "../../api/taints.ts";
import type { Node, Pod } from "../../api/types.ts";
import type { Plugin } from "../framework/Plugin.ts";
import { PluginStatus } from "../framework/Status.ts";

const UNSCHEDULABLE_TAINT = { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" as const };

/** ErrReasonUnschedulable. */
export const ERR_REASON_UNSCHEDULABLE = "node(s) were unschedulable";

function fits(pod: Pod, node: Node): boolean {
  return !node.spec?.unschedulable || tolerationsTolerateTaint(pod.spec?.tolerations, UNSCHEDULABLE_TAINT);
}

/**
 * NodeUnschedulable (plugins/nodeunschedulable): cordoned nodes take no new pods, unless the pod
 * tolerates the `node.kubernetes.io/unschedulable` taint.
 *
 * @example
 * ```ts
 * NodeUnschedulable.filter(state, podInfo, cordonedNode, snapshot).reasons; // ["node(s) were unschedulable"]
 * ```
 */
export const NodeUnschedulable: Plugin = {
  name: "NodeUnschedulable",
  filter(_state, pod, node) {
    if (!node.unschedulable) return PluginStatus.success;
    if (tolerationsTolerateTaint(pod.pod.spec?.tolerations, UNSCHEDULABLE_TAINT)) return PluginStatus.success;
    return PluginStatus.unresolvable("NodeUnschedulable", ERR_REASON_UNSCHEDULABLE);
  },
  queueingHint(event, pod) {
    switch (event.kind) {
      case "NodeAdd":
        return fits(pod.pod, event.node);
      case "NodeUpdate":
        return !fits(pod.pod, event.old) && fits(pod.pod, event.node);
      case "UnscheduledPodUpdate":
        return JSON.stringify(event.old.spec?.tolerations) !== JSON.stringify(event.pod.spec?.tolerations);
      default:
        return false;
    }
  },
};
