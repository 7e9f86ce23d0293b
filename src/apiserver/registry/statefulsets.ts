import { fieldErrors } from "../../api/FieldError.ts";
import type { Strategy } from "../Strategy.ts";
import { validateSelectorAndTemplate, workloadStrategy } from "./workloadValidation.ts";

/** StatefulSets (pkg/registry/apps/statefulset/strategy.go). */
export const statefulSetStrategy: Strategy = workloadStrategy((object) => {
  const spec = object.spec as { podManagementPolicy?: string } | undefined;
  const errors = validateSelectorAndTemplate(object.spec as never, "statefulset");
  const policy = spec?.podManagementPolicy;
  if (policy && policy !== "OrderedReady" && policy !== "Parallel") {
    errors.unshift(
      fieldErrors.invalid("spec.podManagementPolicy", policy, "must be 'OrderedReady' or 'Parallel'"),
    );
  }
  return errors;
});
