import type { Pod } from "../../api/types.ts";
import type { Plugin } from "../framework/Plugin.ts";
import { type HostPort, PodInfo } from "../framework/PodInfo.ts";
import { PluginStatus } from "../framework/Status.ts";

/** ErrReason of NodePorts. */
export const ERR_REASON_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";

function portsConflict(a: readonly HostPort[], b: readonly HostPort[]): boolean {
  for (const p of a)
    for (const q of b) {
      if (p.port !== q.port || p.protocol !== q.protocol) continue;
      if (p.ip === q.ip || p.ip === "0.0.0.0" || q.ip === "0.0.0.0") return true;
    }
  return false;
}

/**
 * NodePorts (plugins/nodeports): a pod asking for host ports fits only nodes where those
 * ip/protocol/port combinations are free (0.0.0.0 conflicts with every address).
 *
 * @example
 * ```ts
 * NodePorts.filter(state, podInfo, busyNode, snapshot).reasons;
 * // ["node(s) didn't have free ports for the requested pod ports"]
 * ```
 */
export const NodePorts: Plugin = {
  name: "NodePorts",
  preFilter(_state, pod) {
    if (pod.hostPorts.length === 0) return PluginStatus.skipped("NodePorts");
    return PluginStatus.success;
  },
  filter(_state, pod, node) {
    if (node.usedPorts.size === 0) return PluginStatus.success;
    for (const port of pod.hostPorts) {
      if (node.usedPorts.conflicts(port))
        return PluginStatus.unschedulable("NodePorts", ERR_REASON_NODE_PORTS);
    }
    return PluginStatus.success;
  },
  queueingHint(event, pod) {
    switch (event.kind) {
      case "NodeAdd":
        return true;
      case "AssignedPodDelete":
        return portsConflict(new PodInfo(event.pod as Pod).hostPorts, pod.hostPorts);
      default:
        return false;
    }
  },
};
