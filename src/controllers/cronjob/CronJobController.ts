import type { ICronJob } from "kubernetes-models/batch/v1/CronJob";
import type { IJob } from "kubernetes-models/batch/v1/Job";
import type { IObjectReference } from "kubernetes-models/v1/ObjectReference";
import { StatusError } from "../../api/StatusError.ts";
import { type KubeObject, keyOf } from "../../api/types.ts";
import { Informer } from "../../client/Informer.ts";
import { rfc1123z as formatRfc1123z } from "../../kubectl/describe/PrefixWriter.ts";
import { errorMessage } from "../../kubectl/errors.ts";
import { Controller, type ControllerContext } from "../Controller.ts";
import { controllerRefOf, newControllerRef, rfc3339 } from "../controllerUtils.ts";
import { CronSchedule } from "./CronSchedule.ts";

/** A CronJob as stored (kubernetes-models' type with the KubeObject shape). */
export type CronJob = ICronJob & KubeObject;
/** A Job as the CronJob controller sees it. */
export type Job = IJob & KubeObject;

/** nextScheduleDelta: requeue 100 ms after the scheduled time, against clock skew. */
export const NEXT_SCHEDULE_DELTA_MS = 100;
/** The annotation with the time a Job was scheduled for (CronJobsScheduledAnnotation, beta in v1.32). */
export const SCHEDULED_TIMESTAMP_ANNOTATION = "batch.kubernetes.io/cronjob-scheduled-timestamp";

/** getJobName: `<cronjob>-<scheduled time in minutes since the epoch>`. */
export function jobName(cronJobName: string, scheduledTime: number): string {
  return `${cronJobName}-${Math.floor(scheduledTime / 60_000)}`;
}

/** A job's finished condition type (Complete or Failed), if any. */
export function finishedCondition(job: Job): "Complete" | "Failed" | undefined {
  const c = (job.status?.conditions ?? []).find(
    (c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True",
  );
  return c?.type as "Complete" | "Failed" | undefined;
}

/** The schedule math of the controller (cronjob/utils.go mostRecentScheduleTime), times in ms. */
export interface ScheduleWindow {
  /** lastScheduleTime, or the creation time. */
  earliest: number;
  /** The most recent activation not after now, if any is due. */
  mostRecent?: number;
  /** How many activations were missed ("none", "few", "many" over 100). */
  missed: "none" | "few" | "many";
  /** Set for a schedule that never fires or fires less than a second apart. */
  error?: string;
}

/**
 * mostRecentScheduleTime: from the last schedule time (or creation), the latest activation that is
 * due by `now`; `startingDeadlineSeconds` moves the earliest time up when asked.
 *
 * @example
 * ```ts
 * mostRecentScheduleTime(cronJob, now, CronSchedule.parse("* * * * *"), true).mostRecent;
 * ```
 */
export function mostRecentScheduleTime(
  cj: CronJob,
  now: number,
  schedule: CronSchedule,
  includeStartingDeadlineSeconds: boolean,
): ScheduleWindow {
  let earliest = Date.parse(cj.status?.lastScheduleTime ?? cj.metadata.creationTimestamp ?? "");
  const deadline = cj.spec?.startingDeadlineSeconds;
  if (includeStartingDeadlineSeconds && deadline !== undefined) {
    const schedulingDeadline = now - deadline * 1000;
    if (schedulingDeadline > earliest) earliest = schedulingDeadline;
  }
  const t1 = schedule.next(earliest);
  const t2 = t1 === undefined ? undefined : schedule.next(t1);
  if (t1 === undefined || now < t1) return { earliest, missed: "none" };
  if (t2 === undefined || now < t2) return { earliest, mostRecent: t1, missed: "none" };
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1)
    return { earliest, missed: "none", error: "time difference between two schedules is less than 1 second" };
  const elapsed = Math.floor((now - t1) / 1000);
  const missedCount = Math.floor(elapsed / between) + 1;
  let mostRecent: number | undefined;
  const potentialEarliest = t1 + (missedCount - 2) * between * 1000;
  for (let t = schedule.next(potentialEarliest); t !== undefined && t <= now; t = schedule.next(t))
    mostRecent = t;
  const missed = missedCount > 100 ? "many" : missedCount > 0 ? "few" : "none";
  return mostRecent === undefined ? { earliest, missed } : { earliest, mostRecent, missed };
}

/** nextScheduleTimeDuration: how long until the next activation after the last one, plus 100 ms. */
export function nextScheduleDelay(cj: CronJob, now: number, schedule: CronSchedule): number | undefined {
  const window = mostRecentScheduleTime(cj, now, schedule, false);
  let from: number;
  if (window.error) from = now;
  else if (window.mostRecent === undefined) from = window.missed === "none" ? window.earliest : now;
  else from = window.mostRecent;
  const next = schedule.next(from);
  return next === undefined ? undefined : next + NEXT_SCHEDULE_DELTA_MS - now;
}

/** byJobStartTime: started jobs first, oldest first, names breaking ties. */
function byStartTime(a: Job, b: Job): number {
  const sa = a.status?.startTime;
  const sb = b.status?.startTime;
  if (!sa && sb) return 1;
  if (sa && !sb) return -1;
  if (sa === sb) return (a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1;
  return Date.parse(sa as string) - Date.parse(sb as string);
}

/**
 * The CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go): at each activation of
 * the schedule (robfig/cron syntax, in `spec.timeZone` or UTC) it creates a Job named
 * `<cronjob>-<minutes since the epoch>` from the job template, records it in `status.active` and
 * `status.lastScheduleTime`, honours `concurrencyPolicy` (Allow, Forbid, Replace), `suspend` and
 * `startingDeadlineSeconds`, and deletes the oldest finished Jobs beyond the successful and failed
 * history limits. It wakes up 100 ms after each scheduled time.
 *
 * @example
 * ```ts
 * new CronJobController(ctx).start();
 * ```
 */
export class CronJobController extends Controller {
  #cronJobs: Informer<CronJob> | undefined;
  #jobs: Informer<Job> | undefined;
  /** When each key is already due to be synced again (the delaying queue keeps the earliest). */
  readonly #requeueAt = new Map<string, number>();

  constructor(ctx: ControllerContext) {
    super("cronjob-controller", ctx);
  }

  protected override startInformers(): void {
    const loop = this.ctx.loop;
    this.#cronJobs = new Informer<CronJob>(loop, this.client.resource<CronJob>("cronjobs"));
    this.#jobs = new Informer<Job>(loop, this.client.resource<Job>("jobs"));
    this.#cronJobs.on({
      add: (cj) => this.queue.add(keyOf(cj)),
      update: (cj, old) => {
        if (cj.spec?.schedule !== old.spec?.schedule || cj.spec?.timeZone !== old.spec?.timeZone) {
          // updateCronJob: a new schedule requeues for its next time (an unparseable one waits).
          try {
            const schedule = CronSchedule.parse(cj.spec?.schedule ?? "", cj.spec?.timeZone);
            const delay = nextScheduleDelay(cj, loop.now(), schedule);
            if (delay !== undefined) this.#requeueAfter(keyOf(cj), delay);
          } catch {
            this.events.record(
              cj,
              "Warning",
              "UnParseableCronJobSchedule",
              `unparseable schedule for cronjob: ${cj.spec?.schedule}`,
            );
          }
          return;
        }
        this.queue.add(keyOf(cj));
      },
    });
    const owner = (job: Job) => {
      const ref = controllerRefOf(job);
      if (ref?.kind !== "CronJob") return;
      const cj = this.#cronJobs?.get(`${job.metadata.namespace}/${ref.name}`);
      if (cj?.metadata.uid === ref.uid) this.queue.add(keyOf(cj));
    };
    this.#jobs.on({ add: owner, update: owner, delete: owner });
    this.#cronJobs.start();
    this.#jobs.start();
  }

  protected override stopInformers(): void {
    this.#cronJobs?.stop();
    this.#jobs?.stop();
    this.#requeueAt.clear();
  }

  /** AddAfter, keeping only the earliest pending time per key. */
  #requeueAfter(key: string, delay: number): void {
    const at = this.ctx.loop.now() + Math.max(0, delay);
    const pending = this.#requeueAt.get(key);
    if (pending !== undefined && pending <= at && pending >= this.ctx.loop.now()) return;
    this.#requeueAt.set(key, at);
    this.queue.addAfter(key, Math.max(0, delay));
  }

  protected override reconcile(key: string): void {
    if ((this.#requeueAt.get(key) ?? Number.POSITIVE_INFINITY) <= this.ctx.loop.now())
      this.#requeueAt.delete(key);
    const cached = this.#cronJobs?.get(key);
    if (!cached) return;
    const cj = structuredClone(cached) as CronJob;
    const jobs = (this.#jobs?.list() ?? []).filter(
      (j) => j.metadata.namespace === cj.metadata.namespace && controllerRefOf(j)?.name === cj.metadata.name,
    );
    const cleaned = this.#cleanupFinishedJobs(cj, jobs);
    const { requeueAfter, updateStatus } = this.#syncCronJob(cj, jobs);
    if (cleaned || updateStatus) {
      // `active` is omitempty: an emptied list disappears from the stored status.
      if (cj.status?.active?.length === 0) delete cj.status.active;
      this.client.resource<CronJob>("cronjobs").updateStatus(cj);
    }
    if (requeueAfter !== undefined) this.#requeueAfter(key, requeueAfter);
  }

  #syncCronJob(cj: CronJob, jobs: Job[]): { requeueAfter?: number | undefined; updateStatus: boolean } {
    const now = this.ctx.loop.now();
    let updateStatus = false;
    cj.status ??= {};
    const status = cj.status;
    const children = new Set(jobs.map((j) => j.metadata.uid));
    const inActive = (uid: string | undefined) => (status.active ?? []).some((r) => r.uid === uid);
    const removeActive = (uid: string | undefined) => {
      status.active = (status.active ?? []).filter((r) => r.uid !== uid);
    };
    for (const j of jobs) {
      const finished = finishedCondition(j);
      if (!inActive(j.metadata.uid) && !finished) {
        // The informer may not show our own status update yet: ask the apiserver first.
        const fresh = this.client
          .resource<CronJob>("cronjobs")
          .find(cj.metadata.namespace, cj.metadata.name as string);
        if (fresh && (fresh.status?.active ?? []).some((r) => r.uid === j.metadata.uid)) {
          cj.metadata = structuredClone(fresh.metadata);
          for (const field of Object.keys(status)) delete status[field as keyof typeof status];
          Object.assign(status, structuredClone(fresh.status ?? {}));
          continue;
        }
        this.events.record(
          cj,
          "Warning",
          "UnexpectedJob",
          `Saw a job that the controller did not create or forgot: ${j.metadata.name}`,
        );
      } else if (finished) {
        if (inActive(j.metadata.uid)) {
          removeActive(j.metadata.uid);
          this.events.record(
            cj,
            "Normal",
            "SawCompletedJob",
            `Saw completed job: ${j.metadata.name}, condition: ${finished}`,
          );
          updateStatus = true;
        }
        const completion = j.status?.completionTime;
        if (finished === "Complete" && completion) {
          const last = status.lastSuccessfulTime;
          if (!last || Date.parse(completion) > Date.parse(last)) {
            status.lastSuccessfulTime = completion;
            updateStatus = true;
          }
        }
      }
    }
    for (const ref of [...(status.active ?? [])]) {
      if (children.has(ref.uid)) continue;
      const stillThere = this.client.resource<Job>("jobs").find(ref.namespace, ref.name as string);
      if (!stillThere) {
        this.events.record(cj, "Normal", "MissingJob", `Active job went missing: ${ref.name}`);
        removeActive(ref.uid);
        updateStatus = true;
      }
    }
    if (cj.metadata.deletionTimestamp) return { updateStatus };
    if (cj.spec?.suspend) return { updateStatus };
    let schedule: CronSchedule;
    try {
      schedule = CronSchedule.parse(cj.spec?.schedule ?? "", cj.spec?.timeZone);
    } catch (error) {
      this.events.record(
        cj,
        "Warning",
        "UnparseableSchedule",
        `unparseable schedule: ${JSON.stringify(cj.spec?.schedule)} : ${(error as Error).message}`,
      );
      return { updateStatus };
    }
    const window = mostRecentScheduleTime(cj, now, schedule, true);
    const requeueAfter = () => nextScheduleDelay(cj, now, schedule);
    if (window.mostRecent === undefined || window.mostRecent > now) {
      if (window.error) {
        this.events.record(
          cj,
          "Warning",
          "InvalidSchedule",
          `invalid schedule: ${cj.spec?.schedule} : ${window.error}`,
        );
        return { updateStatus };
      }
      return { requeueAfter: requeueAfter(), updateStatus };
    }
    const scheduled = window.mostRecent;
    if (window.missed === "many")
      this.events.record(
        cj,
        "Warning",
        "TooManyMissedTimes",
        "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew",
      );
    const deadline = cj.spec?.startingDeadlineSeconds;
    if (deadline !== undefined && scheduled + deadline * 1000 < now) {
      this.events.record(
        cj,
        "Warning",
        "MissSchedule",
        `Missed scheduled time to start a job: ${formatRfc1123z(rfc3339(scheduled))}`,
      );
      return { requeueAfter: requeueAfter(), updateStatus };
    }
    const name = jobName(cj.metadata.name as string, scheduled);
    const alreadyProcessed =
      (status.active ?? []).some((r) => r.name === name && r.namespace === cj.metadata.namespace) ||
      (status.lastScheduleTime !== undefined && Date.parse(status.lastScheduleTime) === scheduled);
    if (alreadyProcessed) return { requeueAfter: requeueAfter(), updateStatus };
    if (cj.spec?.concurrencyPolicy === "Forbid" && (status.active ?? []).length > 0) {
      this.events.record(
        cj,
        "Normal",
        "JobAlreadyActive",
        "Not starting job because prior execution is running and concurrency policy is Forbid",
      );
      return { requeueAfter: requeueAfter(), updateStatus };
    }
    if (cj.spec?.concurrencyPolicy === "Replace") {
      for (const ref of [...(status.active ?? [])]) {
        const job = this.client.resource<Job>("jobs").find(ref.namespace, ref.name as string);
        if (!job) {
          this.events.record(cj, "Warning", "FailedGet", `Get job: jobs.batch "${ref.name}" not found`);
          throw new Error(`jobs.batch "${ref.name}" not found`);
        }
        if (!this.#deleteJob(cj, job)) throw new Error(`could not replace job ${ref.namespace}/${ref.name}`);
        updateStatus = true;
      }
    }
    let created: Job;
    try {
      created = this.client.resource<Job>("jobs").create(this.#jobFromTemplate(cj, scheduled));
      this.events.record(cj, "Normal", "SuccessfulCreate", `Created job ${created.metadata.name}`);
    } catch (error) {
      if (!(error instanceof StatusError && error.status.reason === "AlreadyExists")) {
        this.events.record(cj, "Warning", "FailedCreate", `Error creating job: ${errorMessage(error)}`);
        throw error;
      }
      const existing = this.client.resource<Job>("jobs").get(cj.metadata.namespace, name);
      if (controllerRefOf(existing)?.uid !== cj.metadata.uid || inActive(existing.metadata.uid))
        return { updateStatus };
      created = existing;
    }
    const ref: IObjectReference = {
      apiVersion: "batch/v1",
      kind: "Job",
      name: created.metadata.name as string,
      namespace: created.metadata.namespace as string,
      resourceVersion: created.metadata.resourceVersion as string,
      uid: created.metadata.uid as string,
    };
    status.active = [...(status.active ?? []), ref];
    status.lastScheduleTime = rfc3339(scheduled);
    return { requeueAfter: requeueAfter(), updateStatus: true };
  }

  /** getJobFromTemplate2. */
  #jobFromTemplate(cj: CronJob, scheduled: number): Job {
    const template = cj.spec?.jobTemplate;
    return {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: {
        name: jobName(cj.metadata.name as string, scheduled),
        namespace: cj.metadata.namespace,
        labels: { ...(template?.metadata?.labels ?? {}) },
        annotations: {
          ...(template?.metadata?.annotations ?? {}),
          [SCHEDULED_TIMESTAMP_ANNOTATION]: scheduledTimestamp(scheduled, cj.spec?.timeZone),
        },
        ownerReferences: [newControllerRef(cj)],
      },
      spec: structuredClone(template?.spec) as Job["spec"],
    } as Job;
  }

  /** cleanupFinishedJobs: delete the oldest finished Jobs beyond each history limit. */
  #cleanupFinishedJobs(cj: CronJob, jobs: Job[]): boolean {
    const successLimit = cj.spec?.successfulJobsHistoryLimit;
    const failedLimit = cj.spec?.failedJobsHistoryLimit;
    if (successLimit === undefined && failedLimit === undefined) return false;
    let updated = false;
    for (const [type, limit] of [
      ["Complete", successLimit],
      ["Failed", failedLimit],
    ] as const) {
      if (limit === undefined) continue;
      const finished = jobs.filter((j) => finishedCondition(j) === type).sort(byStartTime);
      for (const job of finished.slice(0, Math.max(0, finished.length - limit)))
        if (this.#deleteJob(cj, job)) updated = true;
    }
    return updated;
  }

  /** deleteJob: delete the Job (background propagation) and drop it from the active list. */
  #deleteJob(cj: CronJob, job: Job): boolean {
    try {
      this.client
        .resource<Job>("jobs")
        .delete(job.metadata.namespace, job.metadata.name as string, { propagationPolicy: "Background" });
    } catch (error) {
      this.events.record(cj, "Warning", "FailedDelete", `Deleted job: ${errorMessage(error)}`);
      return false;
    }
    if (cj.status?.active) cj.status.active = cj.status.active.filter((r) => r.uid !== job.metadata.uid);
    this.events.record(cj, "Normal", "SuccessfulDelete", `Deleted job ${job.metadata.name}`);
    return true;
  }
}

/** The scheduled time in RFC 3339, in the CronJob's time zone (`2025-03-01T18:00:00+09:00`). */
export function scheduledTimestamp(millis: number, timeZone: string | undefined): string {
  if (!timeZone || timeZone === "UTC" || timeZone === "Local") return rfc3339(millis);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      timeZoneName: "longOffset",
    })
      .formatToParts(new Date(millis))
      .map((p) => [p.type, p.value]),
  );
  const offset = parts.timeZoneName === "GMT" ? "Z" : String(parts.timeZoneName).replace("GMT", "");
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}
