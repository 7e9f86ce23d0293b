import type { Plugin } from "../framework/Plugin.ts";
import { PluginStatus } from "../framework/Status.ts";

/** NodeName: a pod that names a node fits only that node. */
export const NodeName: Plugin = {
  name: "NodeName",
  filter(_state, pod, node) {
    const wanted = pod.spec?.nodeName;
    if (!wanted || wanted === node.name) return PluginStatus.success;
    return PluginStatus.unresolvable("NodeName", "node(s) didn't match the requested node name");
  },
};
