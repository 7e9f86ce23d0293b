import type { Node, Pod } from "../../api/types.ts";
import { Informer } from "../../client/Informer.ts";
import type { TimerHandle } from "../../clock/EventLoop.ts";
import { Controller, type ControllerContext } from "../Controller.ts";
import { rfc3339 } from "../controllerUtils.ts";

/** gcCheckPeriod. */
export const GC_CHECK_PERIOD_MS = 20_000;
/** quarantineTime: a node missing from the cache is double-checked after this long. */
export const QUARANTINE_MS = 40_000;
/** --terminated-pod-gc-threshold. */
export const TERMINATED_POD_THRESHOLD = 12_500;

const OUT_OF_SERVICE = "node.kubernetes.io/out-of-service";

/**
 * The pod garbage collector (pkg/controller/podgc): every 20 s it force-deletes pods bound to nodes
 * that no longer exist (after a 40 s quarantine; they are first marked Failed with
 * DisruptionTarget=True, DeletionByPodGC), terminating pods that were never scheduled, terminating
 * pods on not-ready nodes tainted `node.kubernetes.io/out-of-service`, and the oldest terminated
 * pods beyond 12,500.
 *
 * @example
 * ```ts
 * new PodGCController(ctx).start();
 * ```
 */
export class PodGCController extends Controller {
  #nodes: Informer<Node> | undefined;
  #pods: Informer<Pod> | undefined;
  #timer: TimerHandle | undefined;
  /** Nodes missing from the cache, with when they were first missed. */
  readonly #missing = new Map<string, number>();

  constructor(ctx: ControllerContext) {
    super("pod-garbage-collector", ctx);
  }

  protected override startInformers(): void {
    const loop = this.ctx.loop;
    this.#nodes = new Informer<Node>(loop, this.client.resource<Node>("nodes"));
    this.#pods = new Informer<Pod>(loop, this.client.resource<Pod>("pods"));
    this.#nodes.start();
    this.#pods.start();
    const gc = () => {
      this.queue.add("gc");
      this.#timer = loop.setTimeout(gc, GC_CHECK_PERIOD_MS);
    };
    this.#timer = loop.setTimeout(gc, GC_CHECK_PERIOD_MS);
  }

  protected override stopInformers(): void {
    this.#nodes?.stop();
    this.#pods?.stop();
    this.ctx.loop.clearTimeout(this.#timer);
  }

  protected override reconcile(): void {
    const pods = this.#pods?.list() ?? [];
    this.#gcTerminated(pods);
    this.#gcTerminating(pods);
    this.#gcOrphaned(pods);
    this.#gcUnscheduledTerminating(pods);
  }

  #gcTerminated(pods: Pod[]): void {
    const terminated = pods
      .filter((p) => p.status?.phase === "Succeeded" || p.status?.phase === "Failed")
      .sort((a, b) =>
        (a.metadata?.creationTimestamp ?? "") < (b.metadata?.creationTimestamp ?? "") ? -1 : 1,
      );
    const excess = terminated.length - TERMINATED_POD_THRESHOLD;
    for (const pod of terminated.slice(0, Math.max(0, excess))) this.#markFailedAndDelete(pod);
  }

  #gcTerminating(pods: Pod[]): void {
    for (const pod of pods) {
      if (!pod.metadata?.deletionTimestamp || !pod.spec?.nodeName) continue;
      const node = this.#nodes?.get(pod.spec.nodeName);
      if (!node) continue;
      const ready = node.status?.conditions?.find((c) => c.type === "Ready")?.status === "True";
      const outOfService = (node.spec?.taints ?? []).some(
        (t) => t.key === OUT_OF_SERVICE && t.effect === "NoExecute",
      );
      if (!ready && outOfService) this.#markFailedAndDelete(pod);
    }
  }

  #gcOrphaned(pods: Pod[]): void {
    const now = this.ctx.loop.now();
    const nodes = this.#nodes;
    if (!nodes) return;
    const gone = new Set<string>();
    for (const pod of pods) {
      const nodeName = pod.spec?.nodeName;
      if (!nodeName || nodes.get(nodeName)) continue;
      const since = this.#missing.get(nodeName);
      if (since === undefined) this.#missing.set(nodeName, now);
      else if (now - since >= QUARANTINE_MS) {
        // Double-check with the apiserver, as the real controller does after the quarantine.
        if (!this.client.resource<Node>("nodes").find(undefined, nodeName)) gone.add(nodeName);
        else this.#missing.delete(nodeName);
      }
    }
    for (const name of [...this.#missing.keys()]) if (nodes.get(name)) this.#missing.delete(name);
    for (const pod of pods) {
      if (!gone.has(pod.spec?.nodeName ?? "")) continue;
      this.#markFailedAndDelete(pod, {
        type: "DisruptionTarget",
        status: "True",
        reason: "DeletionByPodGC",
        message: "PodGC: node no longer exists",
      });
    }
  }

  #gcUnscheduledTerminating(pods: Pod[]): void {
    for (const pod of pods)
      if (pod.metadata?.deletionTimestamp && !pod.spec?.nodeName) this.#markFailedAndDelete(pod);
  }

  /** markFailedAndDeletePodWithCondition: terminal phase first, then a force delete. */
  #markFailedAndDelete(
    pod: Pod,
    condition?: { type: string; status: string; reason: string; message: string },
  ): void {
    const client = this.client.resource<Pod>("pods");
    const namespace = pod.metadata?.namespace as string;
    const name = pod.metadata?.name as string;
    try {
      const phase = pod.status?.phase;
      if (phase !== "Succeeded" && phase !== "Failed") {
        const conditions = [...(pod.status?.conditions ?? [])];
        if (condition) {
          const full = {
            ...condition,
            lastProbeTime: null,
            lastTransitionTime: rfc3339(this.ctx.loop.now()),
          };
          const i = conditions.findIndex((c) => c.type === condition.type);
          if (i >= 0) conditions[i] = full as never;
          else conditions.push(full as never);
        }
        client.patch(
          namespace,
          name,
          "merge",
          { status: { phase: "Failed", conditions } },
          { subresource: "status" },
        );
      }
      client.delete(namespace, name, {
        gracePeriodSeconds: 0,
        preconditions: { uid: pod.metadata?.uid as string },
      });
    } catch {
      // already gone, or retried at the next pass
    }
  }
}
