import { taintString } from "../api/taints.ts";
import type { Node } from "../api/types.ts";
import { nodeStatus } from "../kubectl/printers/nodes.ts";
import type { KubespecWorld } from "./KubespecWorld.ts";
import { podStatusColumn } from "./pods.ts";

async function requireNode(world: KubespecWorld, name: string): Promise<Node> {
  const node = await world.requireCluster().getNode(name);
  if (!node) throw new Error(`node "${name}" does not exist`);
  return node;
}

/** The node's STATUS column (`Ready`, `NotReady`, `Ready,SchedulingDisabled`). */
export async function expectNodeStatus(world: KubespecWorld, name: string, status: string): Promise<void> {
  const actual = nodeStatus(await requireNode(world, name));
  if (actual !== status) throw new Error(`node "${name}" is ${actual}, not ${status}`);
}

/** The node has (or has not) a taint written `key=value:Effect` or `key:Effect`. */
export async function expectNodeTaint(
  world: KubespecWorld,
  name: string,
  taint: string,
  present: boolean,
): Promise<void> {
  const taints = ((await requireNode(world, name)).spec?.taints ?? []).map(taintString);
  if (taints.includes(taint) !== present) {
    throw new Error(
      `node "${name}" ${present ? "does not have" : "has"} the taint ${taint} (taints: ${taints.join(", ") || "none"})`,
    );
  }
}

/** The node no longer exists. */
export async function expectNodeGone(world: KubespecWorld, name: string): Promise<void> {
  if (await world.requireCluster().getNode(name)) throw new Error(`node "${name}" still exists`);
}

/** Exactly `count` pods matching the selector on the node show that STATUS. */
export async function expectPodsOnNode(
  world: KubespecWorld,
  count: number,
  selector: string,
  node: string,
  status: string,
): Promise<void> {
  const cluster = world.requireCluster();
  const now = cluster.now();
  const pods = (await cluster.listPods(undefined, selector)).filter((p) => p.spec?.nodeName === node);
  const matching = pods.filter((p) => podStatusColumn(p, now) === status).length;
  if (matching !== count) {
    const seen = pods.map((p) => `${p.metadata?.name}=${podStatusColumn(p, now)}`).join(", ") || "no pods";
    throw new Error(
      `${matching} of the pods matching "${selector}" on node "${node}" are ${status}, not ${count} (${seen})`,
    );
  }
}

/** Exactly `count` pods matching the selector have the Ready condition True (`ready`) or not. */
export async function expectPodsReady(
  world: KubespecWorld,
  count: number,
  selector: string,
  ready: boolean,
): Promise<void> {
  const pods = await world.requireCluster().listPods(undefined, selector);
  const isReady = (p: (typeof pods)[number]) =>
    p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True");
  const matching = pods.filter((p) => Boolean(isReady(p)) === ready).length;
  if (matching !== count) {
    const seen =
      pods.map((p) => `${p.metadata?.name}=${isReady(p) ? "ready" : "not ready"}`).join(", ") || "no pods";
    throw new Error(
      `${matching} pods matching "${selector}" are ${ready ? "ready" : "not ready"}, not ${count} (${seen})`,
    );
  }
}
