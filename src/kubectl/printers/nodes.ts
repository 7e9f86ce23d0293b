import type { Node } from "../../api/types.ts";
import { timestampSince } from "../humanDuration.ts";
import { column, type ResourcePrinter } from "./Table.ts";

const ROLE_PREFIX = "node-role.kubernetes.io/";

/** findNodeRoles: `node-role.kubernetes.io/<role>` labels and `kubernetes.io/role`. */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata?.labels ?? {})) {
    if (key.startsWith(ROLE_PREFIX)) {
      const role = key.slice(ROLE_PREFIX.length);
      if (role) roles.add(role);
    } else if (key === "kubernetes.io/role" && value) roles.add(value);
  }
  return [...roles].sort();
}

/** The node STATUS column: Ready / NotReady / Unknown, plus SchedulingDisabled. */
export function nodeStatus(node: Node): string {
  const ready = node.status?.conditions?.find((c) => c.type === "Ready");
  const status = ready ? [ready.status === "True" ? "Ready" : "NotReady"] : ["Unknown"];
  if (node.spec?.unschedulable) status.push("SchedulingDisabled");
  return status.join(",");
}

function address(node: Node, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? "<none>";
}

/** printNode. */
export const nodePrinter: ResourcePrinter<Node> = {
  columns: [
    column("Name", 0, "string", "name"),
    column("Status"),
    column("Roles"),
    column("Age"),
    column("Version"),
    column("Internal-IP", 1),
    column("External-IP", 1),
    column("OS-Image", 1),
    column("Kernel-Version", 1),
    column("Container-Runtime", 1),
  ],
  row(node, { now }) {
    const info = node.status?.nodeInfo;
    return [
      node.metadata?.name ?? "",
      nodeStatus(node),
      nodeRoles(node).join(",") || "<none>",
      timestampSince(node.metadata?.creationTimestamp, now),
      info?.kubeletVersion ?? "",
      address(node, "InternalIP"),
      address(node, "ExternalIP"),
      info?.osImage || "<unknown>",
      info?.kernelVersion || "<unknown>",
      info?.containerRuntimeVersion || "<unknown>",
    ];
  },
};
