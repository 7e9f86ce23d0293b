import { isPodReady } from "../../api/pods.ts";
import { type KubeObject, keyOf, type Pod } from "../../api/types.ts";
import { Informer } from "../../client/Informer.ts";
import { errorMessage } from "../../kubectl/errors.ts";
import { Controller, type ControllerContext } from "../Controller.ts";
import { ControllerExpectations } from "../ControllerExpectations.ts";
import {
  controllerKeyOf,
  controllerRefOf,
  podFromTemplate,
  rfc3339,
  workloadSelector,
} from "../controllerUtils.ts";

/** batch/v1 Job, as far as the controller reads and writes it. */
export interface Job extends KubeObject {
  spec: {
    parallelism?: number;
    completions?: number;
    backoffLimit?: number;
    activeDeadlineSeconds?: number;
    suspend?: boolean;
    selector?: { matchLabels?: Record<string, string> };
    template: { metadata?: KubeObject["metadata"]; spec?: Pod["spec"] };
  };
  status?: JobStatus;
}

/** A job condition. */
export interface JobCondition {
  type: string;
  status: "True" | "False";
  lastProbeTime: string;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

/** batch/v1 JobStatus. */
export interface JobStatus {
  conditions?: JobCondition[];
  startTime?: string;
  completionTime?: string;
  active?: number;
  succeeded?: number;
  failed?: number;
  terminating?: number;
  ready?: number;
  uncountedTerminatedPods?: { succeeded?: string[]; failed?: string[] };
}

/** The finalizer through which the controller counts finished pods exactly once. */
export const JOB_TRACKING_FINALIZER = "batch.kubernetes.io/job-tracking";
/** DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff. */
export const POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_POD_FAILURE_BACKOFF_MS = 6 * 60_000;

/** The pod back-off after `failures` failed pods: 10 s doubling, at most 6 minutes. */
export function podFailureBackoff(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(MAX_POD_FAILURE_BACKOFF_MS, POD_FAILURE_BACKOFF_MS * 2 ** (failures - 1));
}

const finished = (job: Job) =>
  (job.status?.conditions ?? []).some(
    (c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True",
  );

/**
 * The Job controller (pkg/controller/job): runs up to `parallelism` pods until `completions`
 * succeed, counting each finished pod once through the job-tracking finalizer; failed pods are
 * replaced after a back-off (10 s doubling, at most 6 minutes) until `backoffLimit` is passed, and
 * `activeDeadlineSeconds` bounds the whole run. It ends with SuccessCriteriaMet + Complete
 * (CompletionsReached) or FailureTarget + Failed (BackoffLimitExceeded, DeadlineExceeded).
 *
 * @example
 * ```ts
 * new JobController(ctx).start();
 * ```
 */
export class JobController extends Controller {
  #jobs: Informer<Job> | undefined;
  #pods: Informer<Pod> | undefined;
  readonly #expectations = new ControllerExpectations();
  readonly #lastFailure = new Map<string, number>();
  /** Pods counted whose finalizer removal the informer has not shown yet. */
  readonly #counted = new Set<string>();

  constructor(ctx: ControllerContext) {
    super("job-controller", ctx);
  }

  protected override startInformers(): void {
    const loop = this.ctx.loop;
    this.#jobs = new Informer<Job>(loop, this.client.resource<Job>("jobs"));
    this.#pods = new Informer<Pod>(loop, this.client.resource<Pod>("pods"));
    this.#jobs.on({ add: (j) => this.queue.add(keyOf(j)), update: (j) => this.queue.add(keyOf(j)) });
    const owner = (pod: Pod) => controllerKeyOf(pod, "Job");
    this.#pods.on({
      add: (pod) => {
        const key = owner(pod);
        if (!key) return;
        this.#expectations.creationObserved(key);
        this.queue.add(key);
      },
      update: (pod, old) => {
        const key = owner(pod);
        if (!key) return;
        if (pod.status?.phase === "Failed" && old.status?.phase !== "Failed")
          this.#lastFailure.set(key, loop.now());
        this.queue.add(key);
      },
      delete: (pod) => {
        const key = owner(pod);
        if (!key) return;
        this.#expectations.deletionObserved(key);
        this.queue.add(key);
      },
    });
    this.#jobs.start();
    this.#pods.start();
  }

  protected override stopInformers(): void {
    this.#jobs?.stop();
    this.#pods?.stop();
  }

  #condition(type: string, reason: string, message: string): JobCondition {
    const now = rfc3339(this.ctx.loop.now());
    return { type, status: "True", lastProbeTime: now, lastTransitionTime: now, reason, message };
  }

  protected override reconcile(key: string): void {
    const cached = this.#jobs?.get(key);
    if (!cached || finished(cached)) return;
    const job = structuredClone(cached) as Job;
    const now = this.ctx.loop.now();
    const status: JobStatus = structuredClone(job.status ?? {});
    const selector = workloadSelector(job.spec);
    const pods = (this.#pods?.list() ?? []).filter(
      (p) =>
        p.metadata?.namespace === job.metadata.namespace &&
        controllerRefOf(p)?.uid === job.metadata.uid &&
        selector?.matches(p.metadata?.labels ?? {}),
    );
    if (!status.startTime && !job.spec.suspend) status.startTime = rfc3339(now);
    // Count finished pods once: their tracking finalizer is removed after they are counted.
    for (const pod of pods) {
      const phase = pod.status?.phase;
      const uid = pod.metadata?.uid as string;
      if (!pod.metadata?.finalizers?.includes(JOB_TRACKING_FINALIZER)) {
        this.#counted.delete(uid);
        continue;
      }
      if ((phase !== "Succeeded" && phase !== "Failed") || this.#counted.has(uid)) continue;
      this.#counted.add(uid);
      if (phase === "Succeeded") status.succeeded = (status.succeeded ?? 0) + 1;
      else status.failed = (status.failed ?? 0) + 1;
      this.#removeFinalizer(pod);
    }
    const active = pods.filter(
      (p) =>
        !p.metadata?.deletionTimestamp && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed",
    );
    const succeeded = status.succeeded ?? 0;
    const failed = status.failed ?? 0;
    const completions = job.spec.completions;
    const backoffLimit = job.spec.backoffLimit ?? 6;
    let failure: [string, string] | undefined;
    const restarts = active.reduce(
      (n, p) => n + (p.status?.containerStatuses ?? []).reduce((m, c) => m + (c.restartCount ?? 0), 0),
      0,
    );
    const onFailure = job.spec.template.spec?.restartPolicy === "OnFailure";
    if (
      failed > backoffLimit ||
      (onFailure && (backoffLimit === 0 ? restarts > 0 : restarts >= backoffLimit))
    ) {
      failure = ["BackoffLimitExceeded", "Job has reached the specified backoff limit"];
    } else if (
      job.spec.activeDeadlineSeconds !== undefined &&
      status.startTime &&
      Date.parse(status.startTime) + job.spec.activeDeadlineSeconds * 1000 <= now
    ) {
      failure = ["DeadlineExceeded", "Job was active longer than specified deadline"];
    }
    const complete =
      completions !== undefined ? succeeded >= completions : succeeded > 0 && active.length === 0;
    if (failure) {
      for (const pod of active) this.#deletePod(job, pod);
      status.conditions = [
        ...(status.conditions ?? []),
        this.#condition("FailureTarget", failure[0], failure[1]),
        this.#condition("Failed", failure[0], failure[1]),
      ];
      this.events.record(job, "Warning", failure[0], failure[1]);
    } else if (complete) {
      for (const pod of active) this.#deletePod(job, pod);
      status.completionTime = rfc3339(now);
      status.conditions = [
        ...(status.conditions ?? []),
        this.#condition(
          "SuccessCriteriaMet",
          "CompletionsReached",
          "Reached expected number of succeeded pods",
        ),
        this.#condition("Complete", "CompletionsReached", "Reached expected number of succeeded pods"),
      ];
      this.events.record(job, "Normal", "Completed", "Job completed");
    } else if (!job.spec.suspend && this.#expectations.satisfied(key, now)) {
      this.#manageActive(key, job, active, succeeded, failed, now);
    }
    const stillActive = failure || complete ? 0 : active.length;
    if (stillActive) status.active = stillActive;
    else delete status.active;
    status.ready = failure || complete ? 0 : active.filter(isPodReady).length;
    status.terminating = pods.filter(
      (p) => p.metadata?.deletionTimestamp && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed",
    ).length;
    status.uncountedTerminatedPods ??= {};
    if (JSON.stringify(status) !== JSON.stringify(job.status ?? {})) {
      this.client.resource<Job>("jobs").updateStatus({ ...job, status });
    }
    if (!failure && !complete && job.spec.activeDeadlineSeconds !== undefined && status.startTime) {
      const due = Date.parse(status.startTime) + job.spec.activeDeadlineSeconds * 1000 - now;
      if (due > 0) this.queue.addAfter(key, due);
    }
  }

  #manageActive(key: string, job: Job, active: Pod[], succeeded: number, failed: number, now: number): void {
    const parallelism = job.spec.parallelism ?? 1;
    const completions = job.spec.completions;
    let wanted = parallelism;
    if (completions !== undefined) wanted = Math.min(parallelism, completions - succeeded);
    else if (succeeded > 0) wanted = 0;
    const diff = wanted - active.length;
    if (diff > 0) {
      const last = this.#lastFailure.get(key);
      const backoff = podFailureBackoff(failed);
      if (failed > 0 && last !== undefined && now < last + backoff) {
        this.queue.addAfter(key, last + backoff - now);
        return;
      }
      this.#expectations.expectCreations(key, diff, now);
      for (let i = 0; i < diff; i++) {
        const pod = podFromTemplate(job.spec.template, job);
        const meta = pod.metadata as NonNullable<Pod["metadata"]>;
        meta.generateName = `${job.metadata.name}-`;
        meta.finalizers = [...(meta.finalizers ?? []), JOB_TRACKING_FINALIZER];
        try {
          const made = this.client.resource<Pod>("pods").create(pod);
          this.events.record(job, "Normal", "SuccessfulCreate", `Created pod: ${made.metadata?.name}`);
        } catch (error) {
          this.#expectations.creationObserved(key);
          this.events.record(job, "Warning", "FailedCreate", `Error creating: ${errorMessage(error)}`);
        }
      }
    } else if (diff < 0) {
      for (const pod of active.slice(0, -diff)) this.#deletePod(job, pod);
    }
  }

  #deletePod(job: Job, pod: Pod): void {
    try {
      this.client.resource<Pod>("pods").delete(pod.metadata?.namespace, pod.metadata?.name as string);
      this.events.record(job, "Normal", "SuccessfulDelete", `Deleted pod: ${pod.metadata?.name}`);
    } catch {
      // already gone
    }
  }

  #removeFinalizer(pod: Pod): void {
    const finalizers = (pod.metadata?.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
    try {
      this.client
        .resource<Pod>("pods")
        .patch(pod.metadata?.namespace, pod.metadata?.name as string, "merge", {
          metadata: { finalizers: finalizers.length > 0 ? finalizers : null },
        });
    } catch {
      // gone already
    }
  }
}
