import type { Plugin } from "../framework/Plugin.ts";
import { PluginStatus } from "../framework/Status.ts";

/** ErrReason of NodeName. */
export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

/**
 * NodeName (plugins/nodename): a pod that names a node fits only that node. (Pods with
 * `spec.nodeName` set never reach the scheduler; the filter matters for preemption checks.)
 */
export const NodeName: Plugin = {
  name: "NodeName",
  filter(_state, pod, node) {
    const wanted = pod.pod.spec?.nodeName;
    if (!wanted || wanted === node.name) return PluginStatus.success;
    return PluginStatus.unresolvable("NodeName", ERR_REASON_NODE_NAME);
  },
  queueingHint(event, pod) {
    return event.kind === "NodeAdd" && event.node.metadata?.name === pod.pod.spec?.nodeName;
  },
};
