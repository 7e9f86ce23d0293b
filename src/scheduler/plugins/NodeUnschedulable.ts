import { tolerationsTolerateTaint } from "../../api/taints.ts";
import type { Plugin } from "../framework/Plugin.ts";
import { PluginStatus } from "../framework/Status.ts";

/** NodeUnschedulable: cordoned nodes take no new pods, unless the pod tolerates the unschedulable taint. */
export const NodeUnschedulable: Plugin = {
  name: "NodeUnschedulable",
  filter(_state, pod, node) {
    if (!node.node.spec?.unschedulable) return PluginStatus.success;
    const taint = { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" as const };
    if (tolerationsTolerateTaint(pod.spec?.tolerations, taint)) return PluginStatus.success;
    return PluginStatus.unresolvable("NodeUnschedulable", "node(s) were unschedulable");
  },
};
