import type { Lease, Node, NodeCondition, Pod, Taint } from "../../api/types.ts";
import { Informer } from "../../client/Informer.ts";
import type { TimerHandle } from "../../clock/EventLoop.ts";
import { Controller, type ControllerContext } from "../Controller.ts";
import { rfc3339 } from "../controllerUtils.ts";
import { RateLimitedTimedQueue } from "./RateLimitedTimedQueue.ts";

/** --node-monitor-period. */
export const NODE_MONITOR_PERIOD_MS = 5_000;
/** --node-monitor-grace-period (50 s from v1.32; 40 s before). */
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000;
/** --node-startup-grace-period. */
export const NODE_STARTUP_GRACE_PERIOD_MS = 60_000;
/** scheduler.NodeEvictionPeriod: how often the NoExecute tainting queues are drained. */
export const NODE_EVICTION_PERIOD_MS = 100;
/** --node-eviction-rate and --secondary-node-eviction-rate. */
export const EVICTION_QPS = 0.1;
export const SECONDARY_EVICTION_QPS = 0.01;
/** --large-cluster-size-threshold and --unhealthy-zone-threshold. */
export const LARGE_CLUSTER_THRESHOLD = 50;
export const UNHEALTHY_ZONE_THRESHOLD = 0.55;

export const TAINT_UNREACHABLE = "node.kubernetes.io/unreachable";
export const TAINT_NOT_READY = "node.kubernetes.io/not-ready";
export const TAINT_UNSCHEDULABLE = "node.kubernetes.io/unschedulable";

/** nodeConditionToTaintKeyStatusMap: NoSchedule taints that mirror node conditions. */
const CONDITION_TAINTS: { type: string; status: string; key: string }[] = [
  { type: "Ready", status: "False", key: TAINT_NOT_READY },
  { type: "Ready", status: "Unknown", key: TAINT_UNREACHABLE },
  { type: "MemoryPressure", status: "True", key: "node.kubernetes.io/memory-pressure" },
  { type: "DiskPressure", status: "True", key: "node.kubernetes.io/disk-pressure" },
  { type: "NetworkUnavailable", status: "True", key: "node.kubernetes.io/network-unavailable" },
  { type: "PIDPressure", status: "True", key: "node.kubernetes.io/pid-pressure" },
];
const MANAGED_NO_SCHEDULE = new Set([...CONDITION_TAINTS.map((c) => c.key), TAINT_UNSCHEDULABLE]);

const WATCHED_CONDITIONS = ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"];

interface NodeHealth {
  probeTimestamp: number;
  readyTransitionTimestamp: number;
  heartbeat: string | undefined;
  renewTime: string | undefined;
}

type ZoneState = "Normal" | "PartialDisruption" | "FullDisruption";

/**
 * The node lifecycle controller (pkg/controller/nodelifecycle): every 5 s it checks each node's
 * Lease and status heartbeats; after 50 s without one it sets every condition to Unknown (reason
 * NodeStatusUnknown, `Kubelet stopped posting node status.`), marks the node's pods not ready and
 * taints the node `node.kubernetes.io/unreachable` (NoExecute through a rate-limited per-zone
 * queue; NoSchedule from the conditions, as TaintNodesByCondition does, with `unschedulable` for
 * cordoned nodes). Zones that are mostly down stop tainting, as the real controller protects
 * against a control-plane partition.
 *
 * @example
 * ```ts
 * new NodeLifecycleController(ctx).start();
 * ```
 */
export class NodeLifecycleController extends Controller {
  #nodes: Informer<Node> | undefined;
  #leases: Informer<Lease> | undefined;
  #pods: Informer<Pod> | undefined;
  readonly #health = new Map<string, NodeHealth>();
  readonly #known = new Map<string, string>();
  readonly #tainters = new Map<string, RateLimitedTimedQueue>();
  readonly #zoneStates = new Map<string, ZoneState>();
  #monitor: TimerHandle | undefined;
  #tainting: TimerHandle | undefined;

  constructor(ctx: ControllerContext) {
    super("node-controller", ctx);
  }

  protected override startInformers(): void {
    const loop = this.ctx.loop;
    this.#nodes = new Informer<Node>(loop, this.client.resource<Node>("nodes"));
    this.#leases = new Informer<Lease>(loop, this.client.resource<Lease>("leases"), {
      namespace: "kube-node-lease",
    });
    this.#pods = new Informer<Pod>(loop, this.client.resource<Pod>("pods"));
    this.#nodes.on({
      add: (node) => this.queue.add(node.metadata?.name as string),
      update: (node) => this.queue.add(node.metadata?.name as string),
      delete: (node) => {
        this.#health.delete(node.metadata?.name as string);
        for (const q of this.#tainters.values()) q.remove(node.metadata?.name as string);
      },
    });
    this.#nodes.start();
    this.#leases.start();
    this.#pods.start();
    const monitor = () => {
      this.#monitorNodeHealth();
      this.#monitor = loop.setTimeout(monitor, NODE_MONITOR_PERIOD_MS);
    };
    const taint = () => {
      this.#doNoExecuteTaintingPass();
      this.#tainting = loop.setTimeout(taint, NODE_EVICTION_PERIOD_MS);
    };
    this.#monitor = loop.setTimeout(monitor, 0);
    this.#tainting = loop.setTimeout(taint, NODE_EVICTION_PERIOD_MS);
  }

  protected override stopInformers(): void {
    this.#nodes?.stop();
    this.#leases?.stop();
    this.#pods?.stop();
    this.ctx.loop.clearTimeout(this.#monitor);
    this.ctx.loop.clearTimeout(this.#tainting);
    this.#health.clear();
    this.#known.clear();
  }

  /** The node update queue: doNoScheduleTaintingPass. */
  protected override reconcile(name: string): void {
    const node = this.#nodes?.get(name);
    if (!node) return;
    const wanted: Taint[] = [];
    for (const c of CONDITION_TAINTS) {
      const condition = node.status?.conditions?.find((x) => x.type === c.type);
      if (condition?.status === c.status) wanted.push({ key: c.key, effect: "NoSchedule" });
    }
    if (node.spec?.unschedulable) wanted.push({ key: TAINT_UNSCHEDULABLE, effect: "NoSchedule" });
    const current = (node.spec?.taints ?? []).filter(
      (t) => t.effect === "NoSchedule" && MANAGED_NO_SCHEDULE.has(t.key),
    );
    const toAdd = wanted.filter((w) => !current.some((t) => t.key === w.key));
    const toRemove = current.filter((t) => !wanted.some((w) => w.key === t.key));
    if (toAdd.length === 0 && toRemove.length === 0) return;
    this.#swapTaints(node, toAdd, toRemove);
  }

  #swapTaints(node: Node, add: Taint[], remove: Taint[]): boolean {
    const taints = (node.spec?.taints ?? []).filter(
      (t) =>
        !remove.some((r) => r.key === t.key && r.effect === t.effect) &&
        !add.some((a) => a.key === t.key && a.effect === t.effect),
    );
    const next = [...taints, ...add];
    try {
      this.client.resource<Node>("nodes").patch(undefined, node.metadata?.name as string, "merge", {
        spec: { taints: next.length > 0 ? next : null },
      });
      return true;
    } catch {
      return false;
    }
  }

  #zoneOf(node: Node): string {
    const labels = node.metadata?.labels ?? {};
    const region = labels["topology.kubernetes.io/region"] ?? "";
    const zone = labels["topology.kubernetes.io/zone"] ?? "";
    return region || zone ? `${region}:\x00:${zone}` : "";
  }

  #monitorNodeHealth(): void {
    const now = this.ctx.loop.now();
    const nodes = this.#nodes?.list() ?? [];
    const names = new Set(nodes.map((n) => n.metadata?.name as string));
    for (const node of nodes) {
      const name = node.metadata?.name as string;
      if (!this.#known.has(name)) {
        this.#known.set(name, node.metadata?.uid as string);
        this.#recordNodeEvent(
          name,
          node.metadata?.uid as string,
          "RegisteredNode",
          `Registered Node ${name} in Controller`,
        );
        const zone = this.#zoneOf(node);
        if (!this.#tainters.has(zone)) {
          this.#tainters.set(zone, new RateLimitedTimedQueue(EVICTION_QPS, now));
          this.#zoneStates.set(zone, "Normal");
        }
      }
    }
    for (const [name, uid] of [...this.#known]) {
      if (names.has(name)) continue;
      this.#known.delete(name);
      this.#recordNodeEvent(name, uid, "RemovingNode", `Removing Node ${name} from Controller`);
    }
    const zoneConditions = new Map<string, (NodeCondition | undefined)[]>();
    for (const node of nodes) {
      const name = node.metadata?.name as string;
      const { observed, current, updated } = this.#tryUpdateNodeHealth(node, now);
      const list = zoneConditions.get(this.#zoneOf(updated)) ?? [];
      list.push(current);
      zoneConditions.set(this.#zoneOf(updated), list);
      if (!current) continue;
      this.#processTaintBaseEviction(updated, current, now);
      if (current.status !== "True" && observed?.status === "True") {
        this.#recordNodeStatusChange(updated, "NodeNotReady");
        this.#markPodsNotReady(name);
      }
    }
    this.#handleDisruption(zoneConditions, nodes, now);
  }

  /** tryUpdateNodeHealth: refresh the probe time from heartbeats; past the grace period, go Unknown. */
  #tryUpdateNodeHealth(
    node: Node,
    now: number,
  ): { observed: NodeCondition | undefined; current: NodeCondition | undefined; updated: Node } {
    const name = node.metadata?.name as string;
    const ready = node.status?.conditions?.find((c) => c.type === "Ready");
    let health = this.#health.get(name);
    if (!health) {
      health = {
        probeTimestamp: now,
        readyTransitionTimestamp: now,
        heartbeat: ready?.lastHeartbeatTime,
        renewTime: undefined,
      };
      this.#health.set(name, health);
    }
    const gracePeriod = ready ? NODE_MONITOR_GRACE_PERIOD_MS : NODE_STARTUP_GRACE_PERIOD_MS;
    if (ready?.lastHeartbeatTime !== health.heartbeat) {
      health.heartbeat = ready?.lastHeartbeatTime;
      health.probeTimestamp = now;
    }
    const lease = this.#leases?.get(`kube-node-lease/${name}`);
    const renew = lease?.spec?.renewTime;
    if (renew && (!health.renewTime || health.renewTime < renew)) {
      health.renewTime = renew;
      health.probeTimestamp = now;
    }
    if (now <= health.probeTimestamp + gracePeriod) return { observed: ready, current: ready, updated: node };
    const copy = structuredClone(node) as Node;
    copy.status ??= {};
    copy.status.conditions ??= [];
    const conditions = copy.status.conditions;
    const stamp = rfc3339(now);
    let changed = false;
    for (const type of WATCHED_CONDITIONS) {
      const c = conditions.find((x) => x.type === type);
      if (!c) {
        conditions.push({
          type,
          status: "Unknown",
          reason: "NodeStatusNeverUpdated",
          message: "Kubelet never posted node status.",
          lastHeartbeatTime: node.metadata?.creationTimestamp as string,
          lastTransitionTime: stamp,
        });
        changed = true;
      } else if (c.status !== "Unknown") {
        c.status = "Unknown";
        c.reason = "NodeStatusUnknown";
        c.message = "Kubelet stopped posting node status.";
        c.lastTransitionTime = stamp;
        changed = true;
      }
    }
    if (!changed) return { observed: ready, current: ready, updated: node };
    try {
      const written = this.client.resource<Node>("nodes").updateStatus(copy);
      health.heartbeat = written.status?.conditions?.find((c) => c.type === "Ready")?.lastHeartbeatTime;
      health.readyTransitionTimestamp = now;
      return {
        observed: ready,
        current: written.status?.conditions?.find((c) => c.type === "Ready"),
        updated: written,
      };
    } catch {
      return { observed: ready, current: ready, updated: node };
    }
  }

  /** processTaintBaseEviction: queue not-ready / unreachable nodes for NoExecute tainting. */
  #processTaintBaseEviction(node: Node, ready: NodeCondition, now: number): void {
    const name = node.metadata?.name as string;
    const queue = this.#tainters.get(this.#zoneOf(node));
    const taints = node.spec?.taints ?? [];
    const has = (key: string) => taints.some((t) => t.key === key && t.effect === "NoExecute");
    if (ready.status === "True") {
      if (has(TAINT_UNREACHABLE) || has(TAINT_NOT_READY)) {
        this.#swapTaints(
          node,
          [],
          [
            { key: TAINT_UNREACHABLE, effect: "NoExecute" },
            { key: TAINT_NOT_READY, effect: "NoExecute" },
          ],
        );
      }
      queue?.remove(name);
      return;
    }
    const [want, opposite] =
      ready.status === "False" ? [TAINT_NOT_READY, TAINT_UNREACHABLE] : [TAINT_UNREACHABLE, TAINT_NOT_READY];
    if (has(opposite)) {
      this.#swapTaints(
        node,
        [{ key: want, effect: "NoExecute", timeAdded: rfc3339(now) }],
        [{ key: opposite, effect: "NoExecute" }],
      );
      return;
    }
    if (!has(want)) queue?.add(name, now);
  }

  /** doNoExecuteTaintingPass: taint queued nodes as each zone's rate allows. */
  #doNoExecuteTaintingPass(): void {
    const now = this.ctx.loop.now();
    for (const queue of this.#tainters.values()) {
      queue.try(now, (name) => {
        const node = this.#nodes?.get(name);
        if (!node) return true;
        const ready = node.status?.conditions?.find((c) => c.type === "Ready");
        if (!ready || ready.status === "True") return true;
        const [want, opposite] =
          ready.status === "False"
            ? [TAINT_NOT_READY, TAINT_UNREACHABLE]
            : [TAINT_UNREACHABLE, TAINT_NOT_READY];
        return this.#swapTaints(
          node,
          [{ key: want, effect: "NoExecute", timeAdded: rfc3339(now) }],
          [{ key: opposite, effect: "NoExecute" }],
        );
      });
    }
  }

  /** handleDisruption: zone states and the tainting rate each allows. */
  #handleDisruption(
    zoneConditions: Map<string, (NodeCondition | undefined)[]>,
    nodes: Node[],
    now: number,
  ): void {
    const states = new Map<string, ZoneState>();
    for (const [zone, conditions] of zoneConditions) {
      const ready = conditions.filter((c) => c?.status === "True").length;
      const notReady = conditions.length - ready;
      let state: ZoneState = "Normal";
      if (ready === 0 && notReady > 0) state = "FullDisruption";
      else if (notReady > 2 && notReady / (notReady + ready) >= UNHEALTHY_ZONE_THRESHOLD)
        state = "PartialDisruption";
      states.set(zone, state);
    }
    const allFull = states.size > 0 && [...states.values()].every((s) => s === "FullDisruption");
    for (const [zone, state] of states) {
      const queue = this.#tainters.get(zone);
      if (!queue) continue;
      this.#zoneStates.set(zone, state);
      if (allFull) {
        queue.swapLimiter(0, now);
        continue;
      }
      const size = zoneConditions.get(zone)?.length ?? 0;
      if (state === "PartialDisruption")
        queue.swapLimiter(size > LARGE_CLUSTER_THRESHOLD ? SECONDARY_EVICTION_QPS : 0, now);
      else queue.swapLimiter(EVICTION_QPS, now);
    }
    if (allFull) {
      // Every zone is down: assume the control plane is cut off and make nothing unreachable.
      for (const node of nodes) {
        const taints = node.spec?.taints ?? [];
        if (
          taints.some(
            (t) => t.effect === "NoExecute" && (t.key === TAINT_UNREACHABLE || t.key === TAINT_NOT_READY),
          )
        ) {
          this.#swapTaints(
            node,
            [],
            [
              { key: TAINT_UNREACHABLE, effect: "NoExecute" },
              { key: TAINT_NOT_READY, effect: "NoExecute" },
            ],
          );
        }
      }
    }
  }

  /** MarkPodsNotReady: the Ready condition of every pod on the node becomes False. */
  #markPodsNotReady(nodeName: string): void {
    const now = rfc3339(this.ctx.loop.now());
    const pods = this.client.resource<Pod>("pods");
    for (const pod of this.#pods?.list() ?? []) {
      if (pod.spec?.nodeName !== nodeName) continue;
      const conditions = pod.status?.conditions ?? [];
      const ready = conditions.find((c) => c.type === "Ready");
      if (!ready || ready.status === "False") continue;
      const copy = structuredClone(pod) as Pod;
      for (const c of copy.status?.conditions ?? []) {
        if (c.type !== "Ready") continue;
        c.status = "False";
        c.lastTransitionTime = now;
      }
      try {
        pods.updateStatus(copy);
        this.events.record(pod, "Warning", "NodeNotReady", "Node is not ready");
      } catch {
        // gone or changed: the next pass sees it
      }
    }
  }

  #recordNodeStatusChange(node: Node, status: string): void {
    const name = node.metadata?.name as string;
    this.events.record(
      { apiVersion: "v1", kind: "Node", metadata: { name, uid: node.metadata?.uid as string } },
      "Normal",
      status,
      `Node ${name} status is now: ${status}`,
    );
  }

  #recordNodeEvent(name: string, uid: string, reason: string, event: string): void {
    this.events.record(
      { apiVersion: "v1", kind: "Node", metadata: { name, uid } },
      "Normal",
      reason,
      `Node ${name} event: ${event}`,
    );
  }
}
