import { toleratesTaint } from "../../api/taints.ts";
import { keyOf, type Node, type Pod, type Taint, type Toleration } from "../../api/types.ts";
import { Informer } from "../../client/Informer.ts";
import type { TimerHandle } from "../../clock/EventLoop.ts";
import { Controller, type ControllerContext } from "../Controller.ts";
import { rfc3339 } from "../controllerUtils.ts";

interface ScheduledEviction {
  createdAt: number;
  fireAt: number;
  timer: TimerHandle;
}

/**
 * The minimum tolerationSeconds of the tolerations used (getMinTolerationTime): -1 tolerates
 * forever, 0 evicts at once.
 */
export function minTolerationSeconds(used: readonly Toleration[]): number {
  if (used.length === 0) return 0;
  let min = -1;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    if (min === -1 || t.tolerationSeconds < min) min = t.tolerationSeconds;
  }
  return min;
}

/** GetMatchingTolerations: whether every taint is tolerated, and by which tolerations. */
export function matchingTolerations(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
): { all: boolean; used: Toleration[] } {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const match = tolerations.find((t) => toleratesTaint(t, taint));
    if (!match) return { all: false, used: [] };
    used.push(match);
  }
  return { all: true, used };
}

/**
 * The taint-eviction controller (pkg/controller/tainteviction): pods on a node with NoExecute
 * taints they do not tolerate are deleted at once; pods that tolerate them for tolerationSeconds
 * are deleted when that time has passed (forever-tolerating pods stay). A deletion first adds the
 * condition DisruptionTarget=True (DeletionByTaintManager) and is graceful, so on an unreachable
 * node the pod shows Terminating until the kubelet comes back or the pod is force-deleted.
 *
 * @example
 * ```ts
 * new TaintEvictionController(ctx).start();
 * ```
 */
export class TaintEvictionController extends Controller {
  #nodes: Informer<Node> | undefined;
  #pods: Informer<Pod> | undefined;
  readonly #scheduled = new Map<string, ScheduledEviction>();

  constructor(ctx: ControllerContext) {
    super("taint-eviction-controller", ctx);
  }

  protected override startInformers(): void {
    const loop = this.ctx.loop;
    this.#nodes = new Informer<Node>(loop, this.client.resource<Node>("nodes"));
    this.#pods = new Informer<Pod>(loop, this.client.resource<Pod>("pods"));
    const noExecute = (node: Node | undefined) =>
      JSON.stringify((node?.spec?.taints ?? []).filter((t) => t.effect === "NoExecute"));
    this.#nodes.on({
      add: (node) => this.#nodeUpdated(node.metadata?.name as string),
      update: (node, old) => {
        if (noExecute(node) !== noExecute(old)) this.#nodeUpdated(node.metadata?.name as string);
      },
      delete: (node) => this.#nodeUpdated(node.metadata?.name as string),
    });
    this.#pods.on({
      add: (pod) => this.queue.add(keyOf(pod)),
      update: (pod, old) => {
        if (
          pod.spec?.nodeName !== old.spec?.nodeName ||
          JSON.stringify(pod.spec?.tolerations) !== JSON.stringify(old.spec?.tolerations)
        )
          this.queue.add(keyOf(pod));
      },
      delete: (pod) => this.#cancel(keyOf(pod), false),
    });
    this.#nodes.start();
    this.#pods.start();
  }

  protected override stopInformers(): void {
    this.#nodes?.stop();
    this.#pods?.stop();
    for (const s of this.#scheduled.values()) this.ctx.loop.clearTimeout(s.timer);
    this.#scheduled.clear();
  }

  #nodeUpdated(nodeName: string): void {
    for (const pod of this.#pods?.list() ?? [])
      if (pod.spec?.nodeName === nodeName) this.queue.add(keyOf(pod));
  }

  /** processPodOnNode. */
  protected override reconcile(key: string): void {
    const pod = this.#pods?.get(key);
    if (!pod?.spec?.nodeName) {
      this.#cancel(key, false);
      return;
    }
    const node = this.#nodes?.get(pod.spec.nodeName);
    const taints = (node?.spec?.taints ?? []).filter((t) => t.effect === "NoExecute");
    if (taints.length === 0) {
      this.#cancel(key, true);
      return;
    }
    const now = this.ctx.loop.now();
    const { all, used } = matchingTolerations(taints, pod.spec.tolerations ?? []);
    if (!all) {
      this.#cancel(key, true);
      this.#schedule(key, now, now);
      return;
    }
    const seconds = minTolerationSeconds(used);
    if (seconds < 0) {
      this.#cancel(key, true);
      return;
    }
    let start = now;
    const existing = this.#scheduled.get(key);
    if (existing) {
      start = existing.createdAt;
      if (start + seconds * 1000 < now + seconds * 1000) return;
      this.#cancel(key, true);
    }
    this.#schedule(key, start, now + seconds * 1000);
  }

  #schedule(key: string, createdAt: number, fireAt: number): void {
    const timer = this.ctx.loop.setTimeout(
      () => {
        this.#scheduled.delete(key);
        this.#evict(key);
      },
      Math.max(0, fireAt - this.ctx.loop.now()),
    );
    this.#scheduled.set(key, { createdAt, fireAt, timer });
  }

  #podRef(key: string): Pod {
    const [namespace, name] = key.split("/") as [string, string];
    return { apiVersion: "v1", kind: "Pod", metadata: { namespace, name } };
  }

  #cancel(key: string, withEvent: boolean): void {
    const existing = this.#scheduled.get(key);
    if (!existing) return;
    this.ctx.loop.clearTimeout(existing.timer);
    this.#scheduled.delete(key);
    if (withEvent)
      this.events.record(
        this.#podRef(key),
        "Normal",
        "TaintManagerEviction",
        `Cancelling deletion of Pod ${key}`,
      );
  }

  /** addConditionAndDeletePod. */
  #evict(key: string): void {
    this.events.record(
      this.#podRef(key),
      "Normal",
      "TaintManagerEviction",
      `Marking for deletion Pod ${key}`,
    );
    const [namespace, name] = key.split("/") as [string, string];
    const pods = this.client.resource<Pod>("pods");
    try {
      const pod = pods.get(namespace, name);
      const conditions = pod.status?.conditions ?? [];
      const existing = conditions.find((c) => c.type === "DisruptionTarget");
      if (existing?.status !== "True" || existing.reason !== "DeletionByTaintManager") {
        const condition = {
          type: "DisruptionTarget",
          status: "True",
          lastProbeTime: null,
          lastTransitionTime: rfc3339(this.ctx.loop.now()),
          reason: "DeletionByTaintManager",
          message: "Taint manager: deleting due to NoExecute taint",
        };
        const next = [...conditions.filter((c) => c.type !== "DisruptionTarget"), condition];
        pods.patch(namespace, name, "merge", { status: { conditions: next } }, { subresource: "status" });
      }
      pods.delete(namespace, name, { preconditions: { uid: pod.metadata?.uid as string } });
    } catch (error) {
      if ((error as { code?: number }).code !== 404) this.queue.addAfter(key, 1000);
    }
  }
}
