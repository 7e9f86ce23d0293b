import { PluginStatus } from "./Status.ts";

/** framework.NoNodeAvailableMsg. */
export const NO_NODE_AVAILABLE_MSG = "0/%v nodes are available";
/** ErrNoNodesAvailable. */
export const ERR_NO_NODES_AVAILABLE = "no nodes available to schedule pods";

/**
 * The per-node statuses of a failed cycle (framework.NodeToStatus): explicit statuses, and one for
 * every node not listed (nodes a PreFilter result left out, or that preemption did not look at).
 */
export class NodeToStatus {
  /** Created on the first rejection (most cycles have none). */
  #statuses: Map<string, PluginStatus> | undefined;
  absent: PluginStatus = DEFAULT_ABSENT;

  set(node: string, status: PluginStatus): void {
    this.#statuses ??= new Map();
    this.#statuses.set(node, status);
  }

  /** The node's status, or the absent-nodes status. */
  get(node: string): PluginStatus {
    return this.#statuses?.get(node) ?? this.absent;
  }

  has(node: string): boolean {
    return this.#statuses?.has(node) ?? false;
  }

  get size(): number {
    return this.#statuses?.size ?? 0;
  }

  entries(): IterableIterator<[string, PluginStatus]> {
    return (this.#statuses ?? new Map<string, PluginStatus>()).entries();
  }
}

/** NewDefaultNodeToStatus: nodes not listed are UnschedulableAndUnresolvable, with no reason. */
const DEFAULT_ABSENT = PluginStatus.unresolvable("");

/**
 * FitError.Error(): `0/N nodes are available:` then either the PreFilter message or the sorted
 * histogram of filter reasons (`1 node(s) had untolerated taint {…}, 2 Insufficient cpu`), each
 * followed by a period, then the PostFilter (preemption) message.
 *
 * @example
 * ```ts
 * fitErrorMessage(3, statuses, "", "preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.");
 * ```
 */
export function fitErrorMessage(
  numAllNodes: number,
  statuses: NodeToStatus,
  preFilterMsg = "",
  postFilterMsg = "",
): string {
  let message = `${NO_NODE_AVAILABLE_MSG.replace("%v", String(numAllNodes))}:`;
  if (preFilterMsg !== "") message += ` ${preFilterMsg}.`;
  else {
    const counts = new Map<string, number>();
    for (const [, status] of statuses.entries())
      for (const reason of status.reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
    if (statuses.size < numAllNodes) {
      for (const reason of statuses.absent.reasons)
        counts.set(reason, (counts.get(reason) ?? 0) + numAllNodes - statuses.size);
    }
    // Go's sort.Strings: byte order.
    const histogram = [...counts].map(([reason, n]) => `${n} ${reason}`).sort(byteOrder);
    if (histogram.length > 0) message += ` ${histogram.join(", ")}.`;
  }
  if (postFilterMsg !== "") message += ` ${postFilterMsg}`;
  return message;
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
