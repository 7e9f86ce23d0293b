import { isSidecar } from "../../api/pods.ts";
import { Quantity } from "../../api/quantity.ts";
import type { Event, Lease, Node, Pod, Taint } from "../../api/types.ts";
import { timestampSince } from "../humanDuration.ts";
import { describeEvents } from "./events.ts";
import {
  LEVEL_0,
  LEVEL_1,
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
  rfc1123z,
} from "./PrefixWriter.ts";

type ResourceList = Map<string, Quantity>;

/** What the node describer needs besides the node: its lease and its non-terminated pods. */
export interface NodeDescribeContext {
  /** The node's Lease in kube-node-lease, or the error getting it. */
  lease(): Lease | { error: unknown };
  /** Pods with spec.nodeName=<node> and a phase other than Succeeded/Failed, in API list order. */
  pods(): Pod[];
}

function quantities(list: Readonly<Record<string, string | number>> | undefined): ResourceList {
  const result: ResourceList = new Map();
  for (const [name, value] of Object.entries(list ?? {})) {
    const q = Quantity.tryParse(value);
    if (q) result.set(name, q);
  }
  return result;
}

function add(list: ResourceList, other: ResourceList): void {
  for (const [name, q] of other) {
    const existing = list.get(name);
    list.set(name, existing ? existing.add(q) : q);
  }
}

function max(list: ResourceList, other: ResourceList): void {
  for (const [name, q] of other) {
    const existing = list.get(name);
    if (!existing || existing.cmp(q) < 0) list.set(name, q);
  }
}

/**
 * kubectl's resourcehelper.PodRequestsAndLimits (staging/src/k8s.io/kubectl/pkg/util/resource):
 * containers and sidecars add up, a non-sidecar init container counts alone (with the sidecars
 * started before it) when that is more, and pod overhead is added. The scheduler's NodeResourcesFit
 * accounts requests the same way (api/pods.ts podRequests).
 */
export function podRequestsAndLimits(pod: Pod): { requests: ResourceList; limits: ResourceList } {
  const compute = (kind: "requests" | "limits") => {
    const total: ResourceList = new Map();
    for (const c of pod.spec?.containers ?? []) add(total, quantities(c.resources?.[kind]));
    const sidecars: ResourceList = new Map();
    const init: ResourceList = new Map();
    for (const c of pod.spec?.initContainers ?? []) {
      const own = quantities(c.resources?.[kind]);
      if (isSidecar(c)) {
        add(total, own);
        add(sidecars, own);
        max(init, sidecars);
      } else {
        const withSidecars: ResourceList = new Map(own);
        add(withSidecars, sidecars);
        max(init, withSidecars);
      }
    }
    max(total, init);
    const overhead = quantities(pod.spec?.overhead);
    if (kind === "requests") add(total, overhead);
    else
      for (const [name, q] of overhead)
        if (total.get(name) && !total.get(name)?.isZero()) add(total, new Map([[name, q]]));
    return total;
  };
  return { requests: compute("requests"), limits: compute("limits") };
}

function zero(): Quantity {
  return Quantity.zero();
}

function percent(value: Quantity, allocatable: Quantity | undefined, milli: boolean): number {
  if (!allocatable) return 0;
  const total = milli ? allocatable.milliValue() : allocatable.value();
  if (total === 0) return 0;
  const part = milli ? value.milliValue() : value.value();
  return Math.trunc((part / total) * 100);
}

/** findNodeRoles: `node-role.kubernetes.io/<role>` labels and `kubernetes.io/role`. */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata?.labels ?? {})) {
    if (key.startsWith("node-role.kubernetes.io/")) {
      const role = key.slice("node-role.kubernetes.io/".length);
      if (role) roles.add(role);
    } else if (key === "kubernetes.io/role" && value) roles.add(value);
  }
  return [...roles].sort();
}

function taintText(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}`;
}

const STANDARD_RESOURCES = new Set(["cpu", "memory", "ephemeral-storage", "storage", "pods"]);

/**
 * `kubectl describe node` (staging/src/k8s.io/kubectl/pkg/describe/describe.go describeNode,
 * describeNodeLease, describeNodeResource), v1.32.
 *
 * @example
 * ```ts
 * describeNode(node, events, now, { lease: () => lease, pods: () => pods });
 * ```
 */
export function describeNode(
  node: Node,
  events: readonly Event[],
  now: number,
  context: NodeDescribeContext,
): string {
  const w = new PrefixWriter();
  const meta = node.metadata ?? {};
  const status = node.status ?? {};
  w.write(LEVEL_0, "Name:\t%s\n", meta.name);
  const roles = nodeRoles(node);
  w.write(LEVEL_0, "Roles:\t%s\n", roles.length > 0 ? roles.join(",") : "<none>");
  printLabelsMultiline(w, "Labels", meta.labels);
  printAnnotationsMultiline(w, "Annotations", meta.annotations);
  w.write(LEVEL_0, "CreationTimestamp:\t%s\n", rfc1123z(meta.creationTimestamp));
  const taints = [...(node.spec?.taints ?? [])].sort((a, b) => {
    const ka = `${a.effect},${a.key}`;
    const kb = `${b.effect},${b.key}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  w.write(LEVEL_0, "Taints:\t");
  if (taints.length === 0) w.writeLine("<none>");
  taints.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, "\t");
    w.write(LEVEL_0, "%s\n", taintText(t));
  });
  w.write(LEVEL_0, "Unschedulable:\t%v\n", node.spec?.unschedulable ?? false);
  const lease = context.lease();
  if ("error" in lease) {
    const error = lease.error;
    w.write(
      LEVEL_0,
      "Lease:\tFailed to get lease: %s\n",
      error instanceof Error ? error.message : String(error),
    );
  } else {
    w.write(LEVEL_0, "Lease:\n");
    w.write(LEVEL_1, "HolderIdentity:\t%s\n", lease.spec?.holderIdentity ?? "<unset>");
    w.write(
      LEVEL_1,
      "AcquireTime:\t%s\n",
      lease.spec?.acquireTime ? rfc1123z(lease.spec.acquireTime) : "<unset>",
    );
    w.write(LEVEL_1, "RenewTime:\t%s\n", lease.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : "<unset>");
  }
  const conditions = status.conditions ?? [];
  if (conditions.length > 0) {
    w.write(LEVEL_0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
    w.write(LEVEL_1, "----\t------\t-----------------\t------------------\t------\t-------\n");
    for (const c of conditions) {
      w.write(
        LEVEL_1,
        "%v \t%v \t%s \t%s \t%v \t%v\n",
        c.type,
        c.status,
        rfc1123z(c.lastHeartbeatTime),
        rfc1123z(c.lastTransitionTime),
        c.reason ?? "",
        c.message ?? "",
      );
    }
  }
  w.write(LEVEL_0, "Addresses:\n");
  for (const a of status.addresses ?? []) w.write(LEVEL_1, "%s:\t%s\n", a.type, a.address);
  const printList = (list: Readonly<Record<string, string>>) => {
    for (const name of Object.keys(list).sort())
      w.write(LEVEL_0, "  %s:\t%s\n", name, quantities(list).get(name)?.toString() ?? list[name]);
  };
  if (Object.keys(status.capacity ?? {}).length > 0) {
    w.write(LEVEL_0, "Capacity:\n");
    printList(status.capacity as Record<string, string>);
  }
  if (Object.keys(status.allocatable ?? {}).length > 0) {
    w.write(LEVEL_0, "Allocatable:\n");
    printList(status.allocatable as Record<string, string>);
  }
  const info = status.nodeInfo;
  w.write(LEVEL_0, "System Info:\n");
  w.write(LEVEL_0, "  Machine ID:\t%s\n", info?.machineID ?? "");
  w.write(LEVEL_0, "  System UUID:\t%s\n", info?.systemUUID ?? "");
  w.write(LEVEL_0, "  Boot ID:\t%s\n", info?.bootID ?? "");
  w.write(LEVEL_0, "  Kernel Version:\t%s\n", info?.kernelVersion ?? "");
  w.write(LEVEL_0, "  OS Image:\t%s\n", info?.osImage ?? "");
  w.write(LEVEL_0, "  Operating System:\t%s\n", info?.operatingSystem ?? "");
  w.write(LEVEL_0, "  Architecture:\t%s\n", info?.architecture ?? "");
  w.write(LEVEL_0, "  Container Runtime Version:\t%s\n", info?.containerRuntimeVersion ?? "");
  w.write(LEVEL_0, "  Kubelet Version:\t%s\n", info?.kubeletVersion ?? "");
  w.write(LEVEL_0, "  Kube-Proxy Version:\t%s\n", info?.kubeProxyVersion ?? "");
  if (node.spec?.podCIDR) w.write(LEVEL_0, "PodCIDR:\t%s\n", node.spec.podCIDR);
  if ((node.spec?.podCIDRs ?? []).length > 0)
    w.write(LEVEL_0, "PodCIDRs:\t%s\n", node.spec?.podCIDRs?.join(","));
  if (node.spec?.providerID) w.write(LEVEL_0, "ProviderID:\t%s\n", node.spec.providerID);
  describeNodeResource(context.pods(), node, now, w);
  describeEvents(events, w, now);
  return w.toString();
}

/** describeNodeResource: the Non-terminated Pods table and the Allocated resources totals. */
function describeNodeResource(pods: readonly Pod[], node: Node, now: number, w: PrefixWriter): void {
  w.write(LEVEL_0, "Non-terminated Pods:\t(%d in total)\n", pods.length);
  w.write(LEVEL_1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
  w.write(LEVEL_1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
  const allocatable = quantities(
    Object.keys(node.status?.allocatable ?? {}).length > 0 ? node.status?.allocatable : node.status?.capacity,
  );
  const cpu = allocatable.get("cpu");
  const memory = allocatable.get("memory");
  const requests: ResourceList = new Map();
  const limits: ResourceList = new Map();
  for (const pod of pods) {
    const r = podRequestsAndLimits(pod);
    add(requests, r.requests);
    add(limits, r.limits);
    const cpuReq = r.requests.get("cpu") ?? zero();
    const cpuLim = r.limits.get("cpu") ?? zero();
    const memReq = r.requests.get("memory") ?? zero();
    const memLim = r.limits.get("memory") ?? zero();
    w.write(
      LEVEL_1,
      "%s\t%s\t\t%s (%d%%)\t%s (%d%%)\t%s (%d%%)\t%s (%d%%)\t%s\n",
      pod.metadata?.namespace,
      pod.metadata?.name,
      cpuReq.toString(),
      percent(cpuReq, cpu, true),
      cpuLim.toString(),
      percent(cpuLim, cpu, true),
      memReq.toString(),
      percent(memReq, memory, false),
      memLim.toString(),
      percent(memLim, memory, false),
      timestampSince(pod.metadata?.creationTimestamp, now),
    );
  }
  w.write(LEVEL_0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
  w.write(LEVEL_1, "Resource\tRequests\tLimits\n");
  w.write(LEVEL_1, "--------\t--------\t------\n");
  const row = (name: string, milli: boolean) => {
    const req = requests.get(name) ?? zero();
    const lim = limits.get(name) ?? zero();
    const total = allocatable.get(name);
    w.write(
      LEVEL_1,
      "%s\t%s (%d%%)\t%s (%d%%)\n",
      name,
      req.toString(),
      percent(req, total, milli),
      lim.toString(),
      percent(lim, total, milli),
    );
  };
  row("cpu", true);
  row("memory", false);
  row("ephemeral-storage", false);
  const names = [...allocatable.keys()];
  for (const name of names.filter((n) => n.startsWith("hugepages-")).sort()) row(name, false);
  for (const name of names.filter((n) => !n.startsWith("hugepages-") && !STANDARD_RESOURCES.has(n)).sort()) {
    w.write(
      LEVEL_1,
      "%s\t%s\t%s\n",
      name,
      (requests.get(name) ?? zero()).toString(),
      (limits.get(name) ?? zero()).toString(),
    );
  }
}
