import { fieldErrors } from "../../api/FieldError.ts";
import type { Strategy } from "../Strategy.ts";
import { workloadStrategy } from "./workloadValidation.ts";

/** CronJobs (pkg/registry/batch/cronjob/strategy.go): a schedule is required. */
export const cronJobStrategy: Strategy = workloadStrategy((object) => {
  const spec = object.spec as { schedule?: string } | undefined;
  return spec?.schedule ? [] : [fieldErrors.required("spec.schedule")];
});
