import type { KubeObject } from "../../api/types.ts";
import type { Strategy } from "../Strategy.ts";

/** Jobs (pkg/registry/batch/job/strategy.go); selectable by `status.successful` (batch/v1 conversion.go). */
export const jobStrategy: Strategy = {
  nameRule: "subdomain",
  generation: true,
  statusSubresource: true,
  fieldLabels: ["status.successful"],
  fieldLabelError: (label) => `field label ${JSON.stringify(label)} not supported for batchv1.Job`,
  fields: (object: KubeObject) => ({
    "status.successful": String((object.status as { succeeded?: number } | undefined)?.succeeded ?? 0),
  }),
};
