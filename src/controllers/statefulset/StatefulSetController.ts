import { isPodReady } from "../../api/pods.ts";
import { type KubeObject, keyOf, type Pod } from "../../api/types.ts";
import { Informer } from "../../client/Informer.ts";
import { errorMessage } from "../../kubectl/errors.ts";
import { Controller, type ControllerContext } from "../Controller.ts";
import {
  computeHash,
  controllerKeyOf,
  controllerRefOf,
  newControllerRef,
  podFromTemplate,
} from "../controllerUtils.ts";

/** apps/v1 StatefulSet, as far as the controller reads and writes it. */
export interface StatefulSet extends KubeObject {
  spec: {
    replicas?: number;
    serviceName?: string;
    podManagementPolicy?: "OrderedReady" | "Parallel";
    selector: { matchLabels?: Record<string, string> };
    template: { metadata?: KubeObject["metadata"]; spec?: Pod["spec"] };
    updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } };
    minReadySeconds?: number;
  };
  status?: Record<string, unknown>;
}

/** The ordinal of `web-3` in StatefulSet `web`, or -1. */
export function ordinalOf(setName: string, podName: string): number {
  const prefix = `${setName}-`;
  if (!podName.startsWith(prefix)) return -1;
  const rest = podName.slice(prefix.length);
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : -1;
}

const runningAndReady = (pod: Pod) => pod.status?.phase === "Running" && isPodReady(pod);

/**
 * The StatefulSet controller (pkg/controller/statefulset): pods with stable names `<set>-0`,
 * `<set>-1`, …; with OrderedReady each is created only when every lower ordinal is Running and
 * Ready, and scale-down removes the highest ordinal first, one at a time. Failed pods are replaced
 * under the same name; a RollingUpdate replaces pods from the highest ordinal down to the
 * partition.
 *
 * @example
 * ```ts
 * new StatefulSetController(ctx).start();
 * ```
 */
export class StatefulSetController extends Controller {
  #sets: Informer<StatefulSet> | undefined;
  #pods: Informer<Pod> | undefined;

  constructor(ctx: ControllerContext) {
    super("statefulset-controller", ctx);
  }

  protected override startInformers(): void {
    const loop = this.ctx.loop;
    this.#sets = new Informer<StatefulSet>(loop, this.client.resource<StatefulSet>("statefulsets"));
    this.#pods = new Informer<Pod>(loop, this.client.resource<Pod>("pods"));
    this.#sets.on({ add: (s) => this.queue.add(keyOf(s)), update: (s) => this.queue.add(keyOf(s)) });
    const owner = (pod: Pod) => {
      const key = controllerKeyOf(pod, "StatefulSet");
      if (key) this.queue.add(key);
    };
    this.#pods.on({ add: owner, update: owner, delete: owner });
    this.#sets.start();
    this.#pods.start();
  }

  protected override stopInformers(): void {
    this.#sets?.stop();
    this.#pods?.stop();
  }

  protected override reconcile(key: string): void {
    const set = this.#sets?.get(key);
    if (!set || set.metadata.deletionTimestamp) return;
    const name = set.metadata.name as string;
    const revision = this.#ensureRevision(set);
    const pods = (this.#pods?.list() ?? []).filter(
      (p) => p.metadata?.namespace === set.metadata.namespace && controllerRefOf(p)?.uid === set.metadata.uid,
    );
    const byOrdinal = new Map<number, Pod>();
    for (const pod of pods) {
      const ordinal = ordinalOf(name, pod.metadata?.name ?? "");
      if (ordinal >= 0) byOrdinal.set(ordinal, pod);
    }
    const replicas = set.spec.replicas ?? 1;
    const ordered = (set.spec.podManagementPolicy ?? "OrderedReady") === "OrderedReady";
    const client = this.client.resource<Pod>("pods");
    let blocked = false;
    for (let i = 0; i < replicas && !blocked; i++) {
      const pod = byOrdinal.get(i);
      if (pod?.status?.phase === "Failed" && !pod.metadata?.deletionTimestamp) {
        this.#delete(set, pod);
        blocked = ordered;
        continue;
      }
      if (!pod) {
        this.#create(set, i, revision);
        blocked = ordered;
        continue;
      }
      if (ordered && (!runningAndReady(pod) || pod.metadata?.deletionTimestamp)) blocked = true;
    }
    const condemned = [...byOrdinal.keys()].filter((i) => i >= replicas).sort((a, b) => b - a);
    const allHealthy = [...byOrdinal.values()].every(
      (p) => runningAndReady(p) && !p.metadata?.deletionTimestamp,
    );
    for (const ordinal of condemned) {
      const pod = byOrdinal.get(ordinal) as Pod;
      if (pod.metadata?.deletionTimestamp) {
        if (ordered) break;
        continue;
      }
      if (ordered && !allHealthy) break;
      this.#delete(set, pod);
      if (ordered) break;
    }
    if (
      !blocked &&
      condemned.length === 0 &&
      (set.spec.updateStrategy?.type ?? "RollingUpdate") === "RollingUpdate"
    ) {
      const partition = set.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
      for (let i = replicas - 1; i >= partition; i--) {
        const pod = byOrdinal.get(i);
        if (!pod || pod.metadata?.labels?.["controller-revision-hash"] === revision) continue;
        if (pod.metadata?.deletionTimestamp || !allHealthy) break;
        this.#delete(set, pod);
        break;
      }
    }
    this.#updateStatus(set, revision, pods, client);
  }

  #create(set: StatefulSet, ordinal: number, revision: string): void {
    const name = `${set.metadata.name}-${ordinal}`;
    const pod = podFromTemplate(set.spec.template, set, {
      "apps.kubernetes.io/pod-index": String(ordinal),
      "controller-revision-hash": revision,
      "statefulset.kubernetes.io/pod-name": name,
    });
    (pod.metadata as NonNullable<Pod["metadata"]>).name = name;
    const spec = pod.spec as NonNullable<Pod["spec"]>;
    spec.hostname = name;
    if (set.spec.serviceName) spec.subdomain = set.spec.serviceName;
    try {
      this.client.resource<Pod>("pods").create(pod);
      this.events.record(
        set,
        "Normal",
        "SuccessfulCreate",
        `create Pod ${name} in StatefulSet ${set.metadata.name} successful`,
      );
    } catch (error) {
      this.events.record(
        set,
        "Warning",
        "FailedCreate",
        `create Pod ${name} in StatefulSet ${set.metadata.name} failed error: ${errorMessage(error)}`,
      );
    }
  }

  #delete(set: StatefulSet, pod: Pod): void {
    try {
      this.client.resource<Pod>("pods").delete(pod.metadata?.namespace, pod.metadata?.name as string);
      this.events.record(
        set,
        "Normal",
        "SuccessfulDelete",
        `delete Pod ${pod.metadata?.name} in StatefulSet ${set.metadata.name} successful`,
      );
    } catch {
      // already gone
    }
  }

  #ensureRevision(set: StatefulSet): string {
    const name = `${set.metadata.name}-${computeHash(set.spec.template, (set.status?.collisionCount as number | undefined) ?? 0)}`;
    const revisions = this.client.resource<KubeObject>("controllerrevisions");
    if (!revisions.find(set.metadata.namespace, name)) {
      const max = revisions
        .list(set.metadata.namespace)
        .items.filter((r) => controllerRefOf(r)?.uid === set.metadata.uid)
        .reduce((m, r) => Math.max(m, Number(r.revision ?? 0)), 0);
      try {
        revisions.create({
          apiVersion: "apps/v1",
          kind: "ControllerRevision",
          metadata: {
            name,
            namespace: set.metadata.namespace as string,
            labels: { ...(set.spec.template.metadata?.labels ?? {}), "controller-revision-hash": name },
            ownerReferences: [newControllerRef(set)],
          },
          data: { spec: { template: { ...set.spec.template, $patch: "replace" } } },
          revision: max + 1,
        });
      } catch {
        // created concurrently
      }
    }
    return name;
  }

  #updateStatus(set: StatefulSet, revision: string, pods: Pod[], _client: unknown): void {
    const active = pods.filter((p) => !p.metadata?.deletionTimestamp);
    const ready = active.filter(isPodReady).length;
    const updated = active.filter(
      (p) => p.metadata?.labels?.["controller-revision-hash"] === revision,
    ).length;
    const previousCurrent = set.status?.currentRevision as string | undefined;
    const complete = updated === (set.spec.replicas ?? 1) && active.length === (set.spec.replicas ?? 1);
    const currentRevision = complete || !previousCurrent ? revision : previousCurrent;
    const current = active.filter(
      (p) => p.metadata?.labels?.["controller-revision-hash"] === currentRevision,
    ).length;
    const status: Record<string, unknown> = {
      availableReplicas: ready,
      collisionCount: (set.status?.collisionCount as number | undefined) ?? 0,
      ...(current ? { currentReplicas: current } : {}),
      currentRevision,
      observedGeneration: set.metadata.generation ?? 0,
      ...(ready ? { readyReplicas: ready } : {}),
      replicas: active.length,
      updateRevision: revision,
      ...(updated ? { updatedReplicas: updated } : {}),
    };
    if (JSON.stringify(status) === JSON.stringify(set.status ?? {})) return;
    try {
      this.client.resource<StatefulSet>("statefulsets").updateStatus({ ...set, status });
    } catch (error) {
      if ((error as { code?: number }).code !== 404) throw error;
    }
  }
}
