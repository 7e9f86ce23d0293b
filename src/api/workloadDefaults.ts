/**
 * Defaulting of the workload kinds (pkg/apis/apps/v1/defaults.go, pkg/apis/batch/v1/defaults.go):
 * what a v1.32 apiserver stores for fields a manifest leaves out, including the pod template's own
 * defaults.
 */
import { defaultPod } from "./defaults.ts";
import type { KubeObject, Pod } from "./types.ts";

type Spec = Record<string, unknown> & { template?: { spec?: Pod["spec"] } };

function defaultTemplate(spec: Spec | undefined): void {
  if (spec?.template?.spec) defaultPod({ spec: spec.template.spec } as Pod);
}

function specOf(object: KubeObject): Spec | undefined {
  return object.spec as Spec | undefined;
}

/** SetDefaults_Deployment: 1 replica, RollingUpdate 25%/25%, 10 revisions, 600 s deadline. */
export function defaultDeployment(object: KubeObject): void {
  const spec = specOf(object);
  if (!spec) return;
  spec.replicas ??= 1;
  spec.strategy ??= {};
  const strategy = spec.strategy as { type?: string; rollingUpdate?: Record<string, unknown> };
  strategy.type ??= "RollingUpdate";
  if (strategy.type === "RollingUpdate") {
    strategy.rollingUpdate ??= {};
    strategy.rollingUpdate.maxUnavailable ??= "25%";
    strategy.rollingUpdate.maxSurge ??= "25%";
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultTemplate(spec);
}

/** SetDefaults_ReplicaSet. */
export function defaultReplicaSet(object: KubeObject): void {
  const spec = specOf(object);
  if (!spec) return;
  spec.replicas ??= 1;
  defaultTemplate(spec);
}

/** SetDefaults_DaemonSet: RollingUpdate with maxUnavailable 1, maxSurge 0; 10 revisions. */
export function defaultDaemonSet(object: KubeObject): void {
  const spec = specOf(object);
  if (!spec) return;
  spec.updateStrategy ??= {};
  const strategy = spec.updateStrategy as { type?: string; rollingUpdate?: Record<string, unknown> };
  strategy.type ??= "RollingUpdate";
  if (strategy.type === "RollingUpdate") {
    strategy.rollingUpdate ??= {};
    strategy.rollingUpdate.maxUnavailable ??= 1;
    strategy.rollingUpdate.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  defaultTemplate(spec);
}

/** SetDefaults_StatefulSet: OrderedReady, RollingUpdate partition 0, Retain PVCs. */
export function defaultStatefulSet(object: KubeObject): void {
  const spec = specOf(object);
  if (!spec) return;
  spec.podManagementPolicy ??= "OrderedReady";
  spec.updateStrategy ??= {};
  const strategy = spec.updateStrategy as { type?: string; rollingUpdate?: Record<string, unknown> };
  strategy.type ??= "RollingUpdate";
  if (strategy.type === "RollingUpdate") {
    strategy.rollingUpdate ??= {};
    strategy.rollingUpdate.partition ??= 0;
  }
  spec.persistentVolumeClaimRetentionPolicy ??= { whenDeleted: "Retain", whenScaled: "Retain" };
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  defaultTemplate(spec);
}

/** SetDefaults_Job. */
export function defaultJob(object: KubeObject): void {
  const spec = specOf(object);
  if (!spec) return;
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex === undefined ? 6 : 2147483647;
  spec.completionMode ??= "NonIndexed";
  spec.suspend ??= false;
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? "Failed" : "TerminatingOrFailed";
  spec.manualSelector ??= undefined;
  if (spec.manualSelector === undefined) delete spec.manualSelector;
  const labels = (spec.template as { metadata?: { labels?: Record<string, string> } } | undefined)?.metadata
    ?.labels;
  if (labels && Object.keys(object.metadata.labels ?? {}).length === 0)
    object.metadata.labels = { ...labels };
  defaultTemplate(spec);
}

/** SetDefaults_CronJob. */
export function defaultCronJob(object: KubeObject): void {
  const spec = specOf(object);
  if (!spec) return;
  spec.concurrencyPolicy ??= "Allow";
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  // SetObjectDefaults_CronJob defaults only the pod template: the job spec itself (parallelism,
  // completions, backoffLimit) is defaulted when the controller creates each Job.
  const jobTemplate = spec.jobTemplate as { spec?: Spec } | undefined;
  defaultTemplate(jobTemplate?.spec);
}

/** Defaulters of the workload kinds. */
export const WORKLOAD_DEFAULTERS: Readonly<Record<string, (object: KubeObject) => void>> = {
  Deployment: defaultDeployment,
  ReplicaSet: defaultReplicaSet,
  DaemonSet: defaultDaemonSet,
  StatefulSet: defaultStatefulSet,
  Job: defaultJob,
  CronJob: defaultCronJob,
};
