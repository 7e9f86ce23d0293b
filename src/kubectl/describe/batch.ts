/**
 * `kubectl describe` for batch/v1: Job and CronJob (staging/src/k8s.io/kubectl/pkg/describe/
 * describe.go, v1.32: describeJob, describeCronJob, describeJobTemplate, printActiveJobs).
 */
import type { ICronJob } from "kubernetes-models/batch/v1/CronJob";
import type { IJob } from "kubernetes-models/batch/v1/Job";
import type { IJobTemplateSpec } from "kubernetes-models/batch/v1/JobTemplateSpec";
import type { Describer } from "../commands/describe.ts";
import { humanDuration } from "../humanDuration.ts";
import { controllerOf, selectorString } from "./apps.ts";
import { describeEvents } from "./events.ts";
import {
  LEVEL_0,
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
  rfc1123z,
} from "./PrefixWriter.ts";
import { describePodTemplate, type PodTemplate } from "./podTemplate.ts";

/** capIndexesListOrNone: the completed indexes, cut after the first comma past 50 characters. */
function capIndexes(indexes: string | undefined, softLimit = 50): string {
  if (!indexes) return "<none>";
  const comma = indexes.indexOf(",", softLimit);
  return comma < 0 ? indexes : `${indexes.slice(0, comma + 1)}...`;
}

const describeJob: Describer = (object, events, now, context) => {
  const job = object as unknown as IJob;
  const spec = job.spec;
  const status = job.status ?? {};
  const w = new PrefixWriter();
  w.write(LEVEL_0, "Name:\t%s\n", job.metadata?.name);
  w.write(LEVEL_0, "Namespace:\t%s\n", job.metadata?.namespace);
  w.write(LEVEL_0, "Selector:\t%s\n", selectorString(spec?.selector));
  printLabelsMultiline(w, "Labels", job.metadata?.labels);
  printAnnotationsMultiline(w, "Annotations", job.metadata?.annotations);
  const owner = controllerOf(object);
  if (owner) w.write(LEVEL_0, "Controlled By:\t%s\n", owner);
  if (spec?.parallelism !== undefined) w.write(LEVEL_0, "Parallelism:\t%d\n", spec.parallelism);
  if (spec?.completions !== undefined) w.write(LEVEL_0, "Completions:\t%d\n", spec.completions);
  else w.write(LEVEL_0, "Completions:\t<unset>\n");
  if (spec?.completionMode !== undefined) w.write(LEVEL_0, "Completion Mode:\t%s\n", spec.completionMode);
  if (spec?.suspend !== undefined) w.write(LEVEL_0, "Suspend:\t%v\n", spec.suspend);
  if (spec?.backoffLimit !== undefined) w.write(LEVEL_0, "Backoff Limit:\t%v\n", spec.backoffLimit);
  if (spec?.ttlSecondsAfterFinished !== undefined)
    w.write(LEVEL_0, "TTL Seconds After Finished:\t%v\n", spec.ttlSecondsAfterFinished);
  if (status.startTime) w.write(LEVEL_0, "Start Time:\t%s\n", rfc1123z(status.startTime));
  if (status.completionTime) w.write(LEVEL_0, "Completed At:\t%s\n", rfc1123z(status.completionTime));
  if (status.startTime && status.completionTime) {
    const took = Date.parse(status.completionTime) - Date.parse(status.startTime);
    w.write(LEVEL_0, "Duration:\t%s\n", humanDuration(took));
  }
  if (spec?.activeDeadlineSeconds !== undefined)
    w.write(LEVEL_0, "Active Deadline Seconds:\t%ds\n", spec.activeDeadlineSeconds);
  const [active, succeeded, failed] = [status.active ?? 0, status.succeeded ?? 0, status.failed ?? 0];
  if (status.ready === undefined)
    w.write(LEVEL_0, "Pods Statuses:\t%d Active / %d Succeeded / %d Failed\n", active, succeeded, failed);
  else
    w.write(
      LEVEL_0,
      "Pods Statuses:\t%d Active (%d Ready) / %d Succeeded / %d Failed\n",
      active,
      status.ready,
      succeeded,
      failed,
    );
  if (spec?.completionMode === "Indexed")
    w.write(LEVEL_0, "Completed Indexes:\t%s\n", capIndexes(status.completedIndexes));
  describePodTemplate(spec?.template as PodTemplate, w);
  if (context.showEvents) describeEvents(events, w, now);
  return w.toString();
};

/** describeJobTemplate: the CronJob's job spec, each unset field as `<unset>`. */
function describeJobTemplate(template: IJobTemplateSpec | undefined, w: PrefixWriter): void {
  const spec = template?.spec;
  if (spec?.selector) w.write(LEVEL_0, "Selector:\t%s\n", selectorString(spec.selector));
  else w.write(LEVEL_0, "Selector:\t<unset>\n");
  if (spec?.parallelism !== undefined) w.write(LEVEL_0, "Parallelism:\t%d\n", spec.parallelism);
  else w.write(LEVEL_0, "Parallelism:\t<unset>\n");
  if (spec?.completions !== undefined) w.write(LEVEL_0, "Completions:\t%d\n", spec.completions);
  else w.write(LEVEL_0, "Completions:\t<unset>\n");
  if (spec?.activeDeadlineSeconds !== undefined)
    w.write(LEVEL_0, "Active Deadline Seconds:\t%ds\n", spec.activeDeadlineSeconds);
  describePodTemplate(spec?.template as PodTemplate, w);
}

/** printBoolPtr. */
const boolPtr = (value: boolean | undefined) => (value === undefined ? "<unset>" : value ? "True" : "False");

const describeCronJob: Describer = (object, events, now, context) => {
  const cj = object as unknown as ICronJob;
  const spec = cj.spec;
  const w = new PrefixWriter();
  w.write(LEVEL_0, "Name:\t%s\n", cj.metadata?.name);
  w.write(LEVEL_0, "Namespace:\t%s\n", cj.metadata?.namespace);
  printLabelsMultiline(w, "Labels", cj.metadata?.labels);
  printAnnotationsMultiline(w, "Annotations", cj.metadata?.annotations);
  w.write(LEVEL_0, "Schedule:\t%s\n", spec?.schedule ?? "");
  w.write(LEVEL_0, "Concurrency Policy:\t%s\n", spec?.concurrencyPolicy ?? "");
  w.write(LEVEL_0, "Suspend:\t%s\n", boolPtr(spec?.suspend));
  const limit = (n: number | undefined) => (n === undefined ? "<unset>" : String(n));
  w.write(LEVEL_0, "Successful Job History Limit:\t%s\n", limit(spec?.successfulJobsHistoryLimit));
  w.write(LEVEL_0, "Failed Job History Limit:\t%s\n", limit(spec?.failedJobsHistoryLimit));
  w.write(
    LEVEL_0,
    "Starting Deadline Seconds:\t%s\n",
    spec?.startingDeadlineSeconds === undefined ? "<unset>" : `${spec.startingDeadlineSeconds}s`,
  );
  describeJobTemplate(spec?.jobTemplate, w);
  const last = cj.status?.lastScheduleTime;
  w.write(LEVEL_0, "Last Schedule Time:\t%s\n", last ? rfc1123z(last) : "<unset>");
  const active = cj.status?.active ?? [];
  w.write(LEVEL_0, "Active Jobs:\t");
  w.writeLine(active.length === 0 ? "<none>" : active.map((j) => j.name ?? "").join(", "));
  if (context.showEvents) describeEvents(events, w, now);
  return w.toString();
};

/**
 * The batch/v1 describers, registered by `kubectl describe`.
 *
 * @example
 * ```ts
 * batchDescribers.Job(job, events, now, { client, showEvents: true });
 * ```
 */
export const batchDescribers: Readonly<Record<string, Describer>> = {
  Job: describeJob,
  CronJob: describeCronJob,
};
