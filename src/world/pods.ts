import type { Pod } from "../api/types.ts";
import { podPrinter } from "../kubectl/printers/pods.ts";
import type { KubespecWorld } from "./KubespecWorld.ts";
import { explanationText } from "./scheduling.ts";

/** The STATUS column kubectl shows for a pod (the same printer as `kubectl get pods`). */
export function podStatusColumn(pod: Pod, now: number): string {
  return String(podPrinter.row(pod, { now, wide: false })[2]);
}

/** `namespace/name` or `name` (default namespace). */
function split(ref: string): [string, string] {
  const slash = ref.indexOf("/");
  return slash < 0 ? ["default", ref] : [ref.slice(0, slash), ref.slice(slash + 1)];
}

async function requirePod(world: KubespecWorld, ref: string): Promise<Pod> {
  const [namespace, name] = split(ref);
  const pod = await world.requireCluster().getPod(namespace, name);
  if (!pod) throw new Error(`pod "${name}" does not exist in namespace "${namespace}"`);
  return pod;
}

/**
 * Keep (or forget) the scheduler's explanation for a pod assertion that failed (or held): a failed
 * scenario gets it attached to the report.
 */
async function noteScheduling(world: KubespecWorld, ref: string, failed: boolean): Promise<void> {
  if (!failed) world.schedulingExplanations.delete(ref);
  else {
    const text = await explanationText(world, ref);
    if (text) world.schedulingExplanations.set(ref, text);
  }
}

export async function expectPodStatus(world: KubespecWorld, ref: string, status: string): Promise<void> {
  const pod = await requirePod(world, ref);
  const actual = podStatusColumn(pod, world.requireCluster().now());
  // A pod that waits for a node (or got one when it should not): keep the scheduler's reasoning.
  await noteScheduling(world, ref, actual !== status && (!pod.spec?.nodeName || status === "Pending"));
  if (actual !== status) throw new Error(`pod "${ref}" is ${actual}, not ${status}`);
}

export async function expectPodNode(world: KubespecWorld, ref: string, node: string): Promise<void> {
  const pod = await requirePod(world, ref);
  const actual = pod.spec?.nodeName;
  await noteScheduling(world, ref, actual !== node);
  if (actual !== node)
    throw new Error(
      `pod "${ref}" ${actual ? `runs on node "${actual}"` : "is not scheduled to any node"}, not on "${node}"`,
    );
}

export async function expectPodCount(
  world: KubespecWorld,
  count: number,
  selector: string,
  status: string,
): Promise<void> {
  const cluster = world.requireCluster();
  const pods = await cluster.listPods(undefined, selector);
  const now = cluster.now();
  const statuses = pods.map((p) => `${p.metadata?.name}=${podStatusColumn(p, now)}`);
  const matching = pods.filter((p) => podStatusColumn(p, now) === status).length;
  if (matching !== count) {
    throw new Error(
      `${matching} of the ${pods.length} pods matching "${selector}" are ${status}, not ${count} (${statuses.join(", ") || "no pods"})`,
    );
  }
}

/** The pod's Ready condition is True (`ready` true) or not (`ready` false). */
export async function expectPodReady(world: KubespecWorld, ref: string, ready: boolean): Promise<void> {
  const pod = await requirePod(world, ref);
  const condition = pod.status?.conditions?.find((c) => c.type === "Ready");
  const actual = condition?.status === "True";
  if (actual !== ready) {
    const why = condition?.message
      ? ` (${condition.reason}: ${condition.message})`
      : condition?.reason
        ? ` (${condition.reason})`
        : "";
    throw new Error(`pod "${ref}" is ${actual ? "ready" : `not ready${why}`}`);
  }
}
