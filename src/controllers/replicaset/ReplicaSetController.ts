import { isPodReady } from "../../api/pods.ts";
import { type KubeObject, keyOf, type Pod } from "../../api/types.ts";
import { Informer } from "../../client/Informer.ts";
import { errorMessage } from "../../kubectl/errors.ts";
import { Controller, type ControllerContext } from "../Controller.ts";
import { ControllerExpectations } from "../ControllerExpectations.ts";
import {
  compareForDeletion,
  controllerRefOf,
  isPodActive,
  isPodAvailable,
  podFromTemplate,
  workloadSelector,
} from "../controllerUtils.ts";

/** apps/v1 ReplicaSet, as far as the controller reads and writes it. */
export interface ReplicaSet extends KubeObject {
  spec: {
    replicas?: number;
    minReadySeconds?: number;
    selector: { matchLabels?: Record<string, string>; matchExpressions?: never[] };
    template: { metadata?: KubeObject["metadata"]; spec?: Pod["spec"] };
  };
  status?: {
    replicas: number;
    fullyLabeledReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    observedGeneration?: number;
    conditions?: {
      type: string;
      status: string;
      reason?: string;
      message?: string;
      lastTransitionTime?: string;
    }[];
  };
}

/** --concurrent-replicaset-syncs burst: at most this many pods created or deleted per sync. */
export const BURST_REPLICAS = 500;
/** slowStartBatch's first batch (controller.SlowStartInitialBatchSize). */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

/**
 * The ReplicaSet controller (pkg/controller/replicaset): keeps `spec.replicas` active pods that match
 * the selector, adopting orphans and releasing pods whose labels no longer match; pods being deleted
 * or terminal do not count. Creates go in slow-start batches (1, 2, 4, …) of at most 500 a sync,
 * deletes take the least valuable pods first, and expectations keep a sync from acting twice on a
 * stale cache.
 *
 * @example
 * ```ts
 * new ReplicaSetController(ctx).start();
 * ```
 */
export class ReplicaSetController extends Controller {
  #sets: Informer<ReplicaSet> | undefined;
  #pods: Informer<Pod> | undefined;
  readonly #expectations = new ControllerExpectations();

  constructor(ctx: ControllerContext) {
    super("replicaset-controller", ctx);
  }

  protected override startInformers(): void {
    this.#sets = new Informer<ReplicaSet>(this.ctx.loop, this.client.resource<ReplicaSet>("replicasets"));
    this.#pods = new Informer<Pod>(this.ctx.loop, this.client.resource<Pod>("pods"));
    this.#sets.on({
      add: (rs) => this.queue.add(keyOf(rs)),
      update: (rs) => this.queue.add(keyOf(rs)),
      delete: (rs) => {
        this.#expectations.delete(keyOf(rs));
        this.queue.add(keyOf(rs));
      },
    });
    this.#pods.on({
      add: (pod) => {
        if (pod.metadata?.deletionTimestamp) {
          this.#podDeleted(pod);
          return;
        }
        const owner = this.#ownerKey(pod);
        if (owner) {
          this.#expectations.creationObserved(owner);
          this.queue.add(owner);
        } else for (const rs of this.#matching(pod)) this.queue.add(keyOf(rs));
      },
      update: (pod, old) => {
        if (pod.metadata?.deletionTimestamp && !old.metadata?.deletionTimestamp) {
          this.#podDeleted(pod);
          return;
        }
        const owner = this.#ownerKey(pod);
        const oldOwner = this.#ownerKey(old);
        if (oldOwner && oldOwner !== owner) this.queue.add(oldOwner);
        if (owner) {
          this.queue.add(owner);
          const rs = this.#sets?.get(owner);
          const minReady = rs?.spec.minReadySeconds ?? 0;
          if (minReady > 0 && isPodReady(pod) && !isPodReady(old))
            this.queue.addAfter(owner, minReady * 1000 + 1000);
        } else for (const rs of this.#matching(pod)) this.queue.add(keyOf(rs));
      },
      delete: (pod) => this.#podDeleted(pod),
    });
    this.#sets.start();
    this.#pods.start();
  }

  protected override stopInformers(): void {
    this.#sets?.stop();
    this.#pods?.stop();
  }

  #ownerKey(pod: Pod): string | undefined {
    const ref = controllerRefOf(pod);
    if (ref?.kind !== "ReplicaSet") return undefined;
    const key = `${pod.metadata?.namespace}/${ref.name}`;
    const rs = this.#sets?.get(key);
    return rs && rs.metadata.uid === ref.uid ? key : undefined;
  }

  #matching(pod: Pod): ReplicaSet[] {
    return (this.#sets?.list() ?? []).filter(
      (rs) =>
        rs.metadata.namespace === pod.metadata?.namespace &&
        workloadSelector(rs.spec)?.matches(pod.metadata?.labels ?? {}) === true,
    );
  }

  #podDeleted(pod: Pod): void {
    const owner = this.#ownerKey(pod);
    if (!owner) return;
    this.#expectations.deletionObserved(owner);
    this.queue.add(owner);
  }

  protected override reconcile(key: string): void {
    const rs = this.#sets?.get(key);
    if (!rs) {
      this.#expectations.delete(key);
      return;
    }
    const now = this.ctx.loop.now();
    const needsSync = this.#expectations.satisfied(key, now);
    const pods = this.#claimPods(rs).filter(isPodActive);
    if (needsSync && !rs.metadata.deletionTimestamp) this.#manageReplicas(key, rs, pods);
    this.#updateStatus(rs, pods, now);
  }

  /** ClaimPods: adopt matching orphans, release owned pods that no longer match. */
  #claimPods(rs: ReplicaSet): Pod[] {
    const selector = workloadSelector(rs.spec);
    const pods = this.client.resource<Pod>("pods");
    const claimed: Pod[] = [];
    for (const pod of this.#pods?.list() ?? []) {
      if (pod.metadata?.namespace !== rs.metadata.namespace) continue;
      const ref = controllerRefOf(pod);
      const matches = selector?.matches(pod.metadata?.labels ?? {}) === true;
      if (ref) {
        if (ref.uid !== rs.metadata.uid) continue;
        if (matches) claimed.push(pod);
        else if (!rs.metadata.deletionTimestamp) {
          try {
            pods.patch(pod.metadata?.namespace, pod.metadata?.name as string, "json", [
              { op: "test", path: "/metadata/uid", value: pod.metadata?.uid },
              {
                op: "replace",
                path: "/metadata/ownerReferences",
                value: (pod.metadata?.ownerReferences ?? []).filter((r) => r.uid !== rs.metadata.uid),
              },
            ]);
          } catch {
            // gone or changed: the next sync sees it again
          }
        }
        continue;
      }
      if (!matches || rs.metadata.deletionTimestamp || pod.metadata?.deletionTimestamp) continue;
      try {
        const adopted = pods.patch(pod.metadata?.namespace, pod.metadata?.name as string, "merge", {
          metadata: {
            ownerReferences: [
              ...(pod.metadata?.ownerReferences ?? []),
              {
                apiVersion: "apps/v1",
                kind: "ReplicaSet",
                name: rs.metadata.name,
                uid: rs.metadata.uid,
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
            uid: pod.metadata?.uid,
          },
        });
        claimed.push(adopted);
      } catch {
        // lost the race: another controller adopted it first
      }
    }
    return claimed;
  }

  #manageReplicas(key: string, rs: ReplicaSet, pods: Pod[]): void {
    const now = this.ctx.loop.now();
    const diff = pods.length - (rs.spec.replicas ?? 1);
    const podsClient = this.client.resource<Pod>("pods");
    if (diff < 0) {
      const count = Math.min(-diff, BURST_REPLICAS);
      this.#expectations.expectCreations(key, count, now);
      let attempted = 0;
      let succeeded = 0;
      let batch = Math.min(count, SLOW_START_INITIAL_BATCH_SIZE);
      let failure: unknown;
      while (attempted < count && failure === undefined) {
        for (let i = 0; i < batch && failure === undefined; i++) {
          const pod = podFromTemplate(rs.spec.template, rs);
          (pod.metadata as NonNullable<Pod["metadata"]>).generateName = `${rs.metadata.name}-`;
          attempted++;
          try {
            const made = podsClient.create(pod);
            succeeded++;
            this.events.record(rs, "Normal", "SuccessfulCreate", `Created pod: ${made.metadata?.name}`);
          } catch (error) {
            this.events.record(rs, "Warning", "FailedCreate", `Error creating: ${errorMessage(error)}`);
            failure = error;
          }
        }
        batch = Math.min(2 * batch, count - attempted);
      }
      if (failure !== undefined) {
        // Creations that failed or were skipped will never be observed.
        for (let i = succeeded; i < count; i++) this.#expectations.creationObserved(key);
        throw failure;
      }
      return;
    }
    if (diff > 0) {
      const count = Math.min(diff, BURST_REPLICAS);
      const victims = [...pods].sort(compareForDeletion).slice(0, count);
      this.#expectations.expectDeletions(key, count, now);
      for (const pod of victims) {
        try {
          podsClient.delete(pod.metadata?.namespace, pod.metadata?.name as string);
          this.events.record(rs, "Normal", "SuccessfulDelete", `Deleted pod: ${pod.metadata?.name}`);
        } catch (error) {
          this.#expectations.deletionObserved(key);
          if ((error as { code?: number }).code !== 404) {
            this.events.record(rs, "Warning", "FailedDelete", `Error deleting: ${errorMessage(error)}`);
          }
        }
      }
    }
  }

  #updateStatus(rs: ReplicaSet, pods: Pod[], now: number): void {
    const templateLabels = rs.spec.template.metadata?.labels ?? {};
    const minReady = rs.spec.minReadySeconds ?? 0;
    const fullyLabeled = pods.filter((p) =>
      Object.entries(templateLabels).every(([k, v]) => p.metadata?.labels?.[k] === v),
    ).length;
    const ready = pods.filter(isPodReady).length;
    const available = pods.filter((p) => isPodAvailable(p, minReady, now)).length;
    const status: NonNullable<ReplicaSet["status"]> = { replicas: pods.length };
    if (fullyLabeled) status.fullyLabeledReplicas = fullyLabeled;
    if (ready) status.readyReplicas = ready;
    if (available) status.availableReplicas = available;
    status.observedGeneration = rs.metadata.generation ?? 0;
    if (rs.status?.conditions?.length) status.conditions = rs.status.conditions;
    if (JSON.stringify(status) !== JSON.stringify(rs.status ?? {})) {
      try {
        this.client.resource<ReplicaSet>("replicasets").updateStatus({ ...rs, status });
      } catch (error) {
        if ((error as { code?: number }).code !== 404) throw error;
      }
    }
    if (minReady > 0 && ready !== available) this.queue.addAfter(keyOf(rs), minReady * 1000);
  }
}
