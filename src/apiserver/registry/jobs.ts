import { type FieldError, fieldErrors } from "../../api/FieldError.ts";
import type { KubeObject } from "../../api/types.ts";
import type { Strategy } from "../Strategy.ts";
import { nonNegative, validateTemplate, workloadStrategy } from "./workloadValidation.ts";

interface JobSpec {
  parallelism?: number;
  completions?: number;
  backoffLimit?: number;
  activeDeadlineSeconds?: number;
  manualSelector?: boolean;
  selector?: { matchLabels?: Record<string, string> };
  template?: { metadata?: { labels?: Record<string, string> }; spec?: { restartPolicy?: string } };
}

/** The labels a Job's pods carry (generateSelector). */
export function jobPodLabels(name: string, uid: string): Record<string, string> {
  return {
    "batch.kubernetes.io/controller-uid": uid,
    "batch.kubernetes.io/job-name": name,
    "controller-uid": uid,
    "job-name": name,
  };
}

/** generateSelector: the selector is the job's uid, and the template carries it. */
function generateSelector(job: KubeObject): void {
  const spec = job.spec as JobSpec | undefined;
  if (!spec || spec.manualSelector) return;
  const uid = job.metadata.uid as string;
  if (!uid) return;
  spec.template ??= {};
  const template = spec.template;
  template.metadata ??= {};
  template.metadata.labels = {
    ...(template.metadata.labels ?? {}),
    ...jobPodLabels(job.metadata.name as string, uid),
  };
  spec.selector ??= { matchLabels: { "batch.kubernetes.io/controller-uid": uid } };
  if (
    !job.metadata.labels ||
    Object.keys(job.metadata.labels).length === 0 ||
    job.metadata.labels["batch.kubernetes.io/controller-uid"] === undefined
  ) {
    job.metadata.labels = { ...template.metadata.labels, ...(job.metadata.labels ?? {}) };
  }
}

function validateJob(job: KubeObject, creating: boolean): FieldError[] {
  if (creating) generateSelector(job);
  const spec = job.spec as JobSpec | undefined;
  const errors: FieldError[] = [];
  errors.push(...nonNegative("spec.parallelism", spec?.parallelism));
  errors.push(...nonNegative("spec.completions", spec?.completions));
  errors.push(...nonNegative("spec.backoffLimit", spec?.backoffLimit));
  if (spec?.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds <= 0) {
    errors.push(
      fieldErrors.invalid("spec.activeDeadlineSeconds", spec.activeDeadlineSeconds, "must be greater than 0"),
    );
  }
  if (!spec?.selector) errors.push(fieldErrors.required("spec.selector"));
  errors.push(...validateTemplate(spec?.template as never));
  const policy = spec?.template?.spec?.restartPolicy;
  if (policy !== "OnFailure" && policy !== "Never") {
    errors.push(
      fieldErrors.required("spec.template.spec.restartPolicy", 'valid values: "OnFailure", "Never"'),
    );
  }
  return errors;
}

/** Jobs (pkg/registry/batch/job/strategy.go): selector and pod labels generated from the uid. */
export const jobStrategy: Strategy = {
  ...workloadStrategy((object) => validateJob(object, true)),
  // Selectable by `status.successful` (pkg/apis/batch/v1 conversion.go).
  fieldLabels: ["status.successful"],
  fieldLabelError: (label) => `field label ${JSON.stringify(label)} not supported for batchv1.Job`,
  fields: (object: KubeObject) => ({
    "status.successful": String((object.status as { succeeded?: number } | undefined)?.succeeded ?? 0),
  }),
  validateUpdate(object, old) {
    const errors = validateJob(object, false);
    const now = JSON.stringify((object.spec as JobSpec | undefined)?.template ?? null);
    const before = JSON.stringify((old.spec as JobSpec | undefined)?.template ?? null);
    if (now !== before) errors.push(fieldErrors.invalid("spec.template", "", "field is immutable"));
    return errors;
  },
};
