import { type FieldError, fieldErrors } from "../../api/FieldError.ts";
import type { KubeObject } from "../../api/types.ts";
import { CronSchedule, isTimeZone } from "../../controllers/cronjob/CronSchedule.ts";
import type { Strategy } from "../Strategy.ts";
import { nonNegative, workloadStrategy } from "./workloadValidation.ts";

interface CronJobSpec {
  schedule?: string;
  timeZone?: string;
  concurrencyPolicy?: string;
  startingDeadlineSeconds?: number;
}

const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

/** validateTimeZone (pkg/apis/batch/validation/validation.go). */
function validateTimeZone(timeZone: string | undefined): FieldError[] {
  if (timeZone === undefined) return [];
  const path = "spec.timeZone";
  if (timeZone === "")
    return [fieldErrors.invalid(path, timeZone, "timeZone must be nil or non-empty string")];
  for (const part of timeZone.split("/")) {
    if (part === "." || part === ".." || part.startsWith("-") || !TIME_ZONE_PART.test(part))
      return [fieldErrors.invalid(path, timeZone, `unknown time zone ${timeZone}`)];
  }
  const errors: FieldError[] = [];
  if (timeZone.toLowerCase() === "local")
    errors.push(
      fieldErrors.invalid(
        path,
        timeZone,
        "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones",
      ),
    );
  if (!isTimeZone(timeZone))
    errors.push(fieldErrors.invalid(path, timeZone, `unknown time zone ${timeZone}`));
  return errors;
}

/**
 * ValidateCronJobCreate: the name leaves room for the job suffix (52 characters), the schedule
 * parses as robfig/cron's ParseStandard parses it (and carries no TZ), the time zone exists, and
 * the concurrency policy is one of Allow, Forbid, Replace.
 */
function validateCronJob(object: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  const name = object.metadata.name ?? "";
  if (name.length > 52)
    errors.push(fieldErrors.invalid("metadata.name", name, "must be no more than 52 characters"));
  const spec = object.spec as CronJobSpec | undefined;
  if (!spec?.schedule) errors.push(fieldErrors.required("spec.schedule"));
  else {
    try {
      CronSchedule.parse(spec.schedule);
    } catch (error) {
      errors.push(fieldErrors.invalid("spec.schedule", spec.schedule, (error as Error).message));
    }
    if (spec.schedule.includes("TZ"))
      errors.push(
        fieldErrors.invalid(
          "spec.schedule",
          spec.schedule,
          "cannot use TZ or CRON_TZ in schedule, use timeZone field instead",
        ),
      );
  }
  errors.push(...nonNegative("spec.startingDeadlineSeconds", spec?.startingDeadlineSeconds));
  errors.push(...validateTimeZone(spec?.timeZone));
  const policy = spec?.concurrencyPolicy;
  if (policy === "") errors.push(fieldErrors.required("spec.concurrencyPolicy"));
  else if (policy !== undefined && !["Allow", "Forbid", "Replace"].includes(policy))
    errors.push(fieldErrors.notSupported("spec.concurrencyPolicy", policy, ["Allow", "Forbid", "Replace"]));
  return errors;
}

/** CronJobs (pkg/registry/batch/cronjob/strategy.go). */
export const cronJobStrategy: Strategy = workloadStrategy(validateCronJob);
