import { keyOf, type Pod } from "../../api/types.ts";
import { Informer } from "../../client/Informer.ts";
import { Controller, type ControllerContext } from "../Controller.ts";
import {
  computeHash,
  controllerKeyOf,
  controllerRefOf,
  newControllerRef,
  rfc3339,
  workloadSelector,
} from "../controllerUtils.ts";
import type { ReplicaSet } from "../replicaset/ReplicaSetController.ts";
import {
  actualReplicaCount,
  availableReplicaCount,
  byCreation,
  byRevision,
  conditionOf,
  copiedAnnotations,
  DESIRED_REPLICAS_ANNOTATION,
  type Deployment,
  type DeploymentCondition,
  type DeploymentStatus,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  equalIgnoreHash,
  MAX_REPLICAS_ANNOTATION,
  maxSurge,
  maxUnavailable,
  newRSNewReplicas,
  POD_TEMPLATE_HASH_LABEL,
  REASONS,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  readyReplicaCount,
  removeCondition,
  replicaCount,
  revisionOf,
  setCondition,
} from "./deploymentUtil.ts";

/**
 * The Deployment controller (pkg/controller/deployment): owns ReplicaSets named
 * `<deployment>-<pod-template-hash>`, rolls from old to new with RollingUpdate (maxSurge /
 * maxUnavailable) or Recreate, scales proportionally, keeps `revisionHistoryLimit` old ReplicaSets,
 * and reports Available / Progressing conditions with progressDeadlineSeconds. Its events read
 * `Scaled up replica set web-5d9c8f7b4 from 0 to 3`.
 *
 * @example
 * ```ts
 * new DeploymentController(ctx).start();
 * ```
 */
export class DeploymentController extends Controller {
  #deployments: Informer<Deployment> | undefined;
  #sets: Informer<ReplicaSet> | undefined;
  #pods: Informer<Pod> | undefined;

  constructor(ctx: ControllerContext) {
    super("deployment-controller", ctx);
  }

  protected override startInformers(): void {
    const loop = this.ctx.loop;
    this.#deployments = new Informer<Deployment>(loop, this.client.resource<Deployment>("deployments"));
    this.#sets = new Informer<ReplicaSet>(loop, this.client.resource<ReplicaSet>("replicasets"));
    this.#pods = new Informer<Pod>(loop, this.client.resource<Pod>("pods"));
    this.#deployments.on({
      add: (d) => this.queue.add(keyOf(d)),
      update: (d) => this.queue.add(keyOf(d)),
      delete: (d) => this.queue.add(keyOf(d)),
    });
    const onSet = (rs: ReplicaSet) => {
      const key = controllerKeyOf(rs, "Deployment");
      if (key) this.queue.add(key);
      else for (const d of this.#matching(rs)) this.queue.add(keyOf(d));
    };
    this.#sets.on({ add: onSet, update: onSet, delete: onSet });
    this.#pods.on({
      delete: (pod) => {
        // Recreate waits for old pods to be gone.
        for (const d of this.#deployments?.list() ?? []) {
          if (d.metadata.namespace !== pod.metadata?.namespace || d.spec.strategy?.type !== "Recreate")
            continue;
          if (workloadSelector(d.spec)?.matches(pod.metadata?.labels ?? {})) this.queue.add(keyOf(d));
        }
      },
    });
    this.#deployments.start();
    this.#sets.start();
    this.#pods.start();
  }

  protected override stopInformers(): void {
    this.#deployments?.stop();
    this.#sets?.stop();
    this.#pods?.stop();
  }

  #matching(rs: ReplicaSet): Deployment[] {
    return (this.#deployments?.list() ?? []).filter(
      (d) =>
        d.metadata.namespace === rs.metadata.namespace &&
        workloadSelector(d.spec)?.matches(rs.metadata.labels ?? {}) === true,
    );
  }

  #now(): string {
    return rfc3339(this.ctx.loop.now());
  }

  #condition(type: string, status: "True" | "False", reason: string, message: string): DeploymentCondition {
    const now = this.#now();
    return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
  }

  protected override reconcile(key: string): void {
    const cached = this.#deployments?.get(key);
    if (!cached) return;
    const d = structuredClone(cached) as Deployment;
    const selector = d.spec.selector;
    if (
      Object.keys(selector?.matchLabels ?? {}).length === 0 &&
      (selector?.matchExpressions ?? []).length === 0
    ) {
      this.events.record(
        d,
        "Warning",
        "SelectingAll",
        "This deployment is selecting all pods. A non-empty selector is required.",
      );
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        this.#writeStatus(d, { ...(d.status ?? {}), observedGeneration: d.metadata.generation ?? 0 });
      }
      return;
    }
    const sets = this.#claimReplicaSets(d);
    if (d.metadata.deletionTimestamp) {
      const { newRS, oldRSs } = this.#allReplicaSets(d, sets, false);
      this.#syncStatusOnly(d, [...oldRSs, newRS], newRS);
      return;
    }
    this.#checkPausedConditions(d);
    if (d.spec.paused || this.#isScalingEvent(d, sets)) {
      this.#sync(d, sets);
      return;
    }
    if (d.spec.strategy?.type === "Recreate") this.#rolloutRecreate(d, sets);
    else this.#rolloutRolling(d, sets);
  }

  /** getReplicaSetsForDeployment: adopt matching orphans, release owned sets that stopped matching. */
  #claimReplicaSets(d: Deployment): ReplicaSet[] {
    const selector = workloadSelector(d.spec);
    const client = this.client.resource<ReplicaSet>("replicasets");
    const owned: ReplicaSet[] = [];
    for (const rs of this.#sets?.list() ?? []) {
      if (rs.metadata.namespace !== d.metadata.namespace) continue;
      const ref = controllerRefOf(rs);
      const matches = selector?.matches(rs.metadata.labels ?? {}) === true;
      if (ref) {
        if (ref.uid !== d.metadata.uid) continue;
        if (matches) owned.push(rs);
        else {
          try {
            client.patch(rs.metadata.namespace, rs.metadata.name as string, "merge", {
              metadata: {
                ownerReferences: (rs.metadata.ownerReferences ?? []).filter((r) => r.uid !== d.metadata.uid),
              },
            });
          } catch {
            // the next sync sees it again
          }
        }
      } else if (matches && !d.metadata.deletionTimestamp && !rs.metadata.deletionTimestamp) {
        try {
          owned.push(
            client.patch(rs.metadata.namespace, rs.metadata.name as string, "merge", {
              metadata: { ownerReferences: [...(rs.metadata.ownerReferences ?? []), newControllerRef(d)] },
            }),
          );
        } catch {
          // adopted by someone else
        }
      }
    }
    return owned;
  }

  /** getAllReplicaSetsAndSyncRevision: the new set (created if asked) and the old ones. */
  #allReplicaSets(
    d: Deployment,
    sets: ReplicaSet[],
    create: boolean,
  ): { newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] } {
    const matching = sets.filter((rs) => equalIgnoreHash(rs.spec.template, d.spec.template)).sort(byCreation);
    const existing = matching[0];
    const oldRSs = sets.filter((rs) => rs !== existing);
    const maxOld = oldRSs.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
    const newRevision = String(maxOld + 1);
    const newRS = this.#newReplicaSet(d, oldRSs, existing, newRevision, create);
    return { newRS, oldRSs };
  }

  #newReplicaSet(
    d: Deployment,
    oldRSs: ReplicaSet[],
    existing: ReplicaSet | undefined,
    newRevision: string,
    create: boolean,
  ): ReplicaSet | undefined {
    const client = this.client.resource<ReplicaSet>("replicasets");
    if (existing) {
      const copy = structuredClone(existing) as ReplicaSet;
      const changed = this.#setNewReplicaSetAnnotations(d, copy, newRevision, true);
      const minReady = d.spec.minReadySeconds ?? 0;
      const minReadyChanged = (copy.spec.minReadySeconds ?? 0) !== minReady;
      if (minReadyChanged) copy.spec.minReadySeconds = minReady;
      let current = existing;
      if (changed || minReadyChanged) current = client.update(copy);
      const revision = current.metadata.annotations?.[REVISION_ANNOTATION] ?? newRevision;
      let needsUpdate = this.#setDeploymentRevision(d, revision);
      if (!conditionOf(d.status, "Progressing")) {
        d.status ??= {};
        setCondition(
          d.status,
          this.#condition(
            "Progressing",
            "True",
            REASONS.foundNewRS,
            `Found new replica set "${current.metadata.name}"`,
          ),
        );
        needsUpdate = true;
      }
      if (needsUpdate) this.#writeStatus(d, d.status ?? {});
      return current;
    }
    if (!create) return undefined;
    const hash = computeHash(d.spec.template, d.status?.collisionCount);
    const template = structuredClone(d.spec.template);
    template.metadata = {
      ...(template.metadata ?? {}),
      labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash },
    };
    const name = `${d.metadata.name}-${hash}`;
    const all = [...oldRSs];
    const rs: ReplicaSet = {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: {
        name,
        namespace: d.metadata.namespace as string,
        ownerReferences: [newControllerRef(d)],
        labels: template.metadata.labels as Record<string, string>,
      },
      spec: {
        replicas: 0,
        minReadySeconds: d.spec.minReadySeconds ?? 0,
        selector: {
          ...d.spec.selector,
          matchLabels: { ...(d.spec.selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash },
        },
        template,
      },
    };
    const replicas = newRSNewReplicas(d, all, rs);
    rs.spec.replicas = replicas;
    this.#setNewReplicaSetAnnotations(d, rs, newRevision, false);
    rs.metadata.annotations = {
      ...(rs.metadata.annotations ?? {}),
      [DESIRED_REPLICAS_ANNOTATION]: String(d.spec.replicas ?? 1),
      [MAX_REPLICAS_ANNOTATION]: String((d.spec.replicas ?? 1) + maxSurge(d)),
    };
    let created: ReplicaSet;
    try {
      created = client.create(rs);
    } catch (error) {
      if ((error as { code?: number }).code !== 409) throw error;
      const clash = client.find(rs.metadata.namespace, name);
      if (
        clash &&
        controllerRefOf(clash)?.uid === d.metadata.uid &&
        equalIgnoreHash(clash.spec.template, d.spec.template)
      ) {
        return clash;
      }
      // A hash collision: bump the count so the next sync computes another name.
      d.status ??= {};
      d.status.collisionCount = (d.status.collisionCount ?? 0) + 1;
      this.#writeStatus(d, d.status);
      throw error;
    }
    if (replicas > 0) {
      this.events.record(
        d,
        "Normal",
        "ScalingReplicaSet",
        `Scaled up replica set ${created.metadata.name} from 0 to ${replicas}`,
      );
    }
    this.#setDeploymentRevision(d, newRevision);
    d.status ??= {};
    setCondition(
      d.status,
      this.#condition(
        "Progressing",
        "True",
        REASONS.newRSCreated,
        `Created new replica set "${created.metadata.name}"`,
      ),
    );
    this.#writeStatus(d, d.status);
    return created;
  }

  /** SetNewReplicaSetAnnotations: copied annotations, revision (and its history). */
  #setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: string, exists: boolean): boolean {
    const annotations = { ...(rs.metadata.annotations ?? {}) };
    let changed = false;
    for (const [k, v] of Object.entries(copiedAnnotations(d))) {
      if (annotations[k] !== v) {
        annotations[k] = v;
        changed = true;
      }
    }
    const oldRevision = annotations[REVISION_ANNOTATION];
    const oldNumber = oldRevision === undefined ? 0 : Number(oldRevision);
    if (oldNumber < Number(newRevision)) {
      annotations[REVISION_ANNOTATION] = newRevision;
      changed = true;
      if (oldRevision !== undefined && exists) {
        const history = annotations[REVISION_HISTORY_ANNOTATION];
        annotations[REVISION_HISTORY_ANNOTATION] = history ? `${history},${oldRevision}` : oldRevision;
      }
    }
    rs.metadata.annotations = annotations;
    return changed;
  }

  #setDeploymentRevision(d: Deployment, revision: string): boolean {
    if (d.metadata.annotations?.[REVISION_ANNOTATION] === revision) return false;
    d.metadata.annotations = { ...(d.metadata.annotations ?? {}), [REVISION_ANNOTATION]: revision };
    return true;
  }

  /** Write the status (and the revision annotation, which the status subresource accepts). */
  #writeStatus(d: Deployment, status: DeploymentStatus): void {
    d.status = status;
    const written = this.client.resource<Deployment>("deployments").updateStatus(d);
    d.metadata = structuredClone(written.metadata);
  }

  /** scaleReplicaSetAndRecordEvent. */
  #scale(rs: ReplicaSet, size: number, d: Deployment, operation?: "up" | "down"): ReplicaSet {
    const old = rs.spec.replicas ?? 0;
    const desired = String(d.spec.replicas ?? 1);
    const max = String((d.spec.replicas ?? 1) + maxSurge(d));
    const annotationsChanged =
      rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION] !== desired ||
      rs.metadata.annotations?.[MAX_REPLICAS_ANNOTATION] !== max;
    if (old === size && !annotationsChanged) return rs;
    const copy = structuredClone(rs) as ReplicaSet;
    copy.spec.replicas = size;
    copy.metadata.annotations = {
      ...(copy.metadata.annotations ?? {}),
      [DESIRED_REPLICAS_ANNOTATION]: desired,
      [MAX_REPLICAS_ANNOTATION]: max,
    };
    const updated = this.client.resource<ReplicaSet>("replicasets").update(copy);
    if (old !== size) {
      const op = operation ?? (size > old ? "up" : "down");
      this.events.record(
        d,
        "Normal",
        "ScalingReplicaSet",
        `Scaled ${op} replica set ${rs.metadata.name} from ${old} to ${size}`,
      );
    }
    return updated;
  }

  #isScalingEvent(d: Deployment, sets: ReplicaSet[]): boolean {
    const { newRS, oldRSs } = this.#allReplicaSets(d, sets, false);
    for (const rs of active([...oldRSs, newRS])) {
      const desired = rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION];
      if (desired === undefined) continue;
      if (Number(desired) !== (d.spec.replicas ?? 1)) return true;
    }
    return false;
  }

  #checkPausedConditions(d: Deployment): void {
    if ((d.spec.progressDeadlineSeconds ?? 600) === 2147483647) return;
    const cond = conditionOf(d.status, "Progressing");
    if (cond?.reason === REASONS.timedOut) return;
    const pausedCond = cond?.reason === REASONS.paused;
    d.status ??= {};
    if (d.spec.paused && !pausedCond) {
      setCondition(
        d.status,
        this.#condition("Progressing", "Unknown" as "True", REASONS.paused, "Deployment is paused"),
      );
      this.#writeStatus(d, d.status);
    } else if (!d.spec.paused && pausedCond) {
      setCondition(
        d.status,
        this.#condition("Progressing", "Unknown" as "True", REASONS.resumed, "Deployment is resumed"),
      );
      this.#writeStatus(d, d.status);
    }
  }

  /** sync: scaling and paused deployments. */
  #sync(d: Deployment, sets: ReplicaSet[]): void {
    let { newRS, oldRSs } = this.#allReplicaSets(d, sets, false);
    ({ newRS, oldRSs } = this.#scaleDeployment(d, newRS, oldRSs));
    if (d.spec.paused) this.#cleanup(oldRSs, d);
    this.#syncStatusOnly(d, [...oldRSs, newRS], newRS);
  }

  /** scale: the active or latest set takes the new size, or sets share the change proportionally. */
  #scaleDeployment(
    d: Deployment,
    newRS: ReplicaSet | undefined,
    oldRSs: ReplicaSet[],
  ): { newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] } {
    const replicas = d.spec.replicas ?? 1;
    const replace = (rs: ReplicaSet, updated: ReplicaSet) => {
      if (rs === newRS) newRS = updated;
      else oldRSs = oldRSs.map((o) => (o === rs ? updated : o));
    };
    const latest = findActiveOrLatest(newRS, oldRSs);
    if (latest) {
      if ((latest.spec.replicas ?? 0) !== replicas) replace(latest, this.#scale(latest, replicas, d));
      return { newRS, oldRSs };
    }
    if (isSaturated(d, newRS)) {
      for (const rs of active(oldRSs)) replace(rs, this.#scale(rs, 0, d));
      return { newRS, oldRSs };
    }
    if ((d.spec.strategy?.type ?? "RollingUpdate") !== "RollingUpdate") return { newRS, oldRSs };
    const all = active([...oldRSs, newRS]);
    const total = replicaCount(all);
    const allowed = replicas > 0 ? replicas + maxSurge(d) : 0;
    const toAdd = allowed - total;
    if (toAdd === 0) return { newRS, oldRSs };
    const sorted = [...all].sort((a, b) => {
      const diff = (b.spec.replicas ?? 0) - (a.spec.replicas ?? 0);
      if (diff !== 0) return diff;
      return toAdd > 0 ? -byCreation(a, b) : byCreation(a, b);
    });
    let added = 0;
    const sizes = new Map<ReplicaSet, number>();
    for (const rs of sorted) {
      const proportion = proportionOf(rs, d, toAdd, added);
      sizes.set(rs, (rs.spec.replicas ?? 0) + proportion);
      added += proportion;
    }
    const first = sorted[0];
    if (first) sizes.set(first, Math.max(0, (sizes.get(first) ?? 0) + toAdd - added));
    for (const rs of sorted) replace(rs, this.#scale(rs, sizes.get(rs) ?? 0, d, toAdd > 0 ? "up" : "down"));
    return { newRS, oldRSs };
  }

  #rolloutRolling(d: Deployment, sets: ReplicaSet[]): void {
    let { newRS, oldRSs } = this.#allReplicaSets(d, sets, true);
    if (!newRS) return;
    // reconcileNewReplicaSet
    const replicas = d.spec.replicas ?? 1;
    const newSize = newRS.spec.replicas ?? 0;
    if (newSize !== replicas) {
      const target = newSize > replicas ? replicas : newRSNewReplicas(d, [...oldRSs, newRS], newRS);
      if (target !== newSize) {
        newRS = this.#scale(newRS, target, d);
        this.#syncRolloutStatus(d, [...oldRSs, newRS], newRS);
        return;
      }
    }
    // reconcileOldReplicaSets
    const scaledDown = this.#reconcileOld(d, oldRSs, newRS);
    if (scaledDown.changed) {
      this.#syncRolloutStatus(d, [...scaledDown.oldRSs, newRS], newRS);
      return;
    }
    oldRSs = scaledDown.oldRSs;
    if (deploymentComplete(d, d.status ?? {})) this.#cleanup(oldRSs, d);
    this.#syncRolloutStatus(d, [...oldRSs, newRS], newRS);
  }

  #reconcileOld(
    d: Deployment,
    oldRSs: ReplicaSet[],
    newRS: ReplicaSet,
  ): { changed: boolean; oldRSs: ReplicaSet[] } {
    const oldCount = replicaCount(oldRSs);
    if (oldCount === 0) return { changed: false, oldRSs };
    const replicas = d.spec.replicas ?? 1;
    const all = [...oldRSs, newRS];
    const minAvailable = replicas - maxUnavailable(d);
    const newUnavailable = (newRS.spec.replicas ?? 0) - (newRS.status?.availableReplicas ?? 0);
    const maxScaledDown = replicaCount(all) - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return { changed: false, oldRSs };
    let sets = [...oldRSs].sort(byCreation);
    let total = 0;
    // cleanupUnhealthyReplicas: scale down unavailable old pods first.
    sets = sets.map((rs) => {
      const size = rs.spec.replicas ?? 0;
      const availableNow = rs.status?.availableReplicas ?? 0;
      if (total >= maxScaledDown || size === 0 || size === availableNow) return rs;
      const down = Math.min(maxScaledDown - total, size - availableNow);
      total += down;
      return this.#scale(rs, size - down, d);
    });
    // scaleDownOldReplicaSetsForRollingUpdate
    const available = availableReplicaCount([...sets, newRS]);
    if (available > minAvailable) {
      const totalDown = available - minAvailable;
      let done = 0;
      sets = sets.map((rs) => {
        const size = rs.spec.replicas ?? 0;
        if (done >= totalDown || size === 0) return rs;
        const down = Math.min(size, totalDown - done);
        done += down;
        return this.#scale(rs, size - down, d);
      });
      total += done;
    }
    return { changed: total > 0, oldRSs: sets };
  }

  #rolloutRecreate(d: Deployment, sets: ReplicaSet[]): void {
    let { newRS, oldRSs } = this.#allReplicaSets(d, sets, false);
    let scaledDown = false;
    oldRSs = oldRSs.map((rs) => {
      if ((rs.spec.replicas ?? 0) === 0) return rs;
      scaledDown = true;
      return this.#scale(rs, 0, d);
    });
    if (scaledDown) {
      this.#syncRolloutStatus(d, [...oldRSs, newRS], newRS);
      return;
    }
    if (this.#oldPodsRunning(newRS, oldRSs)) {
      this.#syncRolloutStatus(d, [...oldRSs, newRS], newRS);
      return;
    }
    if (!newRS) ({ newRS, oldRSs } = this.#allReplicaSets(d, sets, true));
    if (!newRS) return;
    const replicas = d.spec.replicas ?? 1;
    if ((newRS.spec.replicas ?? 0) !== replicas) newRS = this.#scale(newRS, replicas, d);
    if (deploymentComplete(d, d.status ?? {})) this.#cleanup(oldRSs, d);
    this.#syncRolloutStatus(d, [...oldRSs, newRS], newRS);
  }

  #oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): boolean {
    if (actualReplicaCount(oldRSs) > 0) return true;
    const uids = new Set(oldRSs.map((rs) => rs.metadata.uid));
    return (this.#pods?.list() ?? []).some((pod) => {
      const ref = controllerRefOf(pod);
      if (!ref || !uids.has(ref.uid) || ref.uid === newRS?.metadata.uid) return false;
      const phase = pod.status?.phase;
      return phase !== "Failed" && phase !== "Succeeded";
    });
  }

  /** cleanupDeployment: keep at most revisionHistoryLimit old sets with no replicas. */
  #cleanup(oldRSs: ReplicaSet[], d: Deployment): void {
    const limit = d.spec.revisionHistoryLimit ?? 10;
    const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp).sort(byRevision);
    const diff = cleanable.length - limit;
    for (let i = 0; i < diff; i++) {
      const rs = cleanable[i] as ReplicaSet;
      if ((rs.status?.replicas ?? 0) !== 0 || (rs.spec.replicas ?? 0) !== 0) continue;
      if ((rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
      try {
        this.client
          .resource<ReplicaSet>("replicasets")
          .delete(rs.metadata.namespace, rs.metadata.name as string);
      } catch {
        // already gone
      }
    }
  }

  #calculateStatus(
    d: Deployment,
    all: (ReplicaSet | undefined)[],
    newRS: ReplicaSet | undefined,
  ): DeploymentStatus {
    const available = availableReplicaCount(all);
    const total = replicaCount(all);
    const status: DeploymentStatus = { observedGeneration: d.metadata.generation ?? 0 };
    const put = (field: keyof DeploymentStatus, value: number) => {
      if (value !== 0) (status as Record<string, number>)[field] = value;
    };
    put("replicas", actualReplicaCount(all));
    put("updatedReplicas", actualReplicaCount([newRS]));
    put("readyReplicas", readyReplicaCount(all));
    put("availableReplicas", available);
    put("unavailableReplicas", Math.max(0, total - available));
    if (d.status?.conditions) status.conditions = structuredClone(d.status.conditions);
    if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
    if (available >= (d.spec.replicas ?? 1) - maxUnavailable(d)) {
      setCondition(
        status,
        this.#condition(
          "Available",
          "True",
          REASONS.minimumAvailable,
          "Deployment has minimum availability.",
        ),
      );
    } else {
      setCondition(
        status,
        this.#condition(
          "Available",
          "False",
          REASONS.minimumUnavailable,
          "Deployment does not have minimum availability.",
        ),
      );
    }
    return status;
  }

  #syncStatusOnly(d: Deployment, all: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): void {
    const status = this.#calculateStatus(d, all, newRS);
    if (JSON.stringify(status) === JSON.stringify(d.status ?? {})) return;
    this.#writeStatus(d, status);
  }

  #syncRolloutStatus(d: Deployment, all: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): void {
    const status = this.#calculateStatus(d, all, newRS);
    const deadline = d.spec.progressDeadlineSeconds ?? 600;
    const hasDeadline = deadline !== 2147483647;
    if (!hasDeadline) removeCondition(status, "Progressing");
    const current = conditionOf(d.status, "Progressing");
    const complete = status.replicas === status.updatedReplicas && current?.reason === REASONS.newRSAvailable;
    const now = this.ctx.loop.now();
    if (hasDeadline && !complete) {
      const rsName = newRS?.metadata.name;
      if (deploymentComplete(d, status)) {
        const message = rsName
          ? `ReplicaSet "${rsName}" has successfully progressed.`
          : "Deployment has successfully progressed.";
        setCondition(status, this.#condition("Progressing", "True", REASONS.newRSAvailable, message));
      } else if (deploymentProgressing(d, status)) {
        const message = rsName ? `ReplicaSet "${rsName}" is progressing.` : "Deployment is progressing.";
        const condition = this.#condition("Progressing", "True", REASONS.rsUpdated, message);
        if (current) {
          if (current.status === "True") condition.lastTransitionTime = current.lastTransitionTime as string;
          removeCondition(status, "Progressing");
        }
        setCondition(status, condition);
      } else if (deploymentTimedOut(d, status, now)) {
        const message = rsName
          ? `ReplicaSet "${rsName}" has timed out progressing.`
          : `Deployment "${d.metadata.name}" has timed out progressing.`;
        setCondition(status, this.#condition("Progressing", "False", REASONS.timedOut, message));
      }
    }
    if (JSON.stringify(status) === JSON.stringify(d.status ?? {})) {
      this.#requeueStuck(d, status, now);
      return;
    }
    this.#writeStatus(d, status);
  }

  /** requeueStuckDeployment: look again when the progress deadline would pass. */
  #requeueStuck(d: Deployment, status: DeploymentStatus, now: number): void {
    const current = conditionOf(status, "Progressing");
    if (!current || (d.spec.progressDeadlineSeconds ?? 600) === 2147483647) return;
    if (current.reason === REASONS.newRSAvailable || current.reason === REASONS.timedOut) return;
    if (deploymentComplete(d, status)) return;
    const after =
      Date.parse(current.lastUpdateTime ?? "") + (d.spec.progressDeadlineSeconds ?? 600) * 1000 - now;
    this.queue.addAfter(keyOf(d), after < 1000 ? 1000 : after + 1000);
  }
}

function active(sets: readonly (ReplicaSet | undefined)[]): ReplicaSet[] {
  return sets.filter((rs): rs is ReplicaSet => rs !== undefined && (rs.spec.replicas ?? 0) > 0);
}

/** FindActiveOrLatest. */
function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const all = active([...newestFirst, newRS]);
  if (all.length === 0) return newRS ?? newestFirst[0];
  if (all.length === 1) return all[0];
  return undefined;
}

/** IsSaturated: the new set has all desired replicas available. */
function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = Number(rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION]);
  const replicas = d.spec.replicas ?? 1;
  return (
    (rs.spec.replicas ?? 0) === replicas &&
    desired === replicas &&
    (rs.status?.availableReplicas ?? 0) === replicas
  );
}

/** GetProportion / getReplicaSetFraction. */
function proportionOf(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  const size = rs.spec.replicas ?? 0;
  if (size === 0 || toAdd === 0 || toAdd === added) return 0;
  let fraction: number;
  const replicas = d.spec.replicas ?? 1;
  if (replicas === 0) fraction = -size;
  else {
    const deploymentReplicas = replicas + maxSurge(d);
    const annotated = Number(rs.metadata.annotations?.[MAX_REPLICAS_ANNOTATION] ?? d.status?.replicas ?? 0);
    fraction = annotated > 0 ? roundHalfAway((size * deploymentReplicas) / annotated) - size : 0;
  }
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** Go's math.Round: halves away from zero. */
function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}
