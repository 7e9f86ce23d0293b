import { type FieldError, fieldErrors } from "../../api/FieldError.ts";
import type { KubeObject } from "../../api/types.ts";
import type { Strategy } from "../Strategy.ts";
import { nonNegative, validateSelectorAndTemplate, workloadStrategy } from "./workloadValidation.ts";

interface DeploymentSpec {
  minReadySeconds?: number;
  progressDeadlineSeconds?: number;
  revisionHistoryLimit?: number;
  strategy?: {
    type?: string;
    rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string };
  };
}

function intOrPercent(path: string, value: number | string | undefined): FieldError[] {
  if (value === undefined) return [];
  if (typeof value === "number") return nonNegative(path, value);
  const match = /^(\d+)%$/.exec(value);
  if (!match)
    return [
      fieldErrors.invalid(
        path,
        value,
        "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      ),
    ];
  return [];
}

function isZero(value: number | string | undefined): boolean {
  return value === 0 || value === "0%" || value === "0";
}

/** ValidateDeploymentSpec beyond selector and template. */
function validateDeployment(object: KubeObject): FieldError[] {
  const spec = object.spec as DeploymentSpec | undefined;
  const errors = validateSelectorAndTemplate(object.spec as never, "deployment");
  const strategy = spec?.strategy;
  if (strategy?.type === "Recreate") {
    if (strategy.rollingUpdate) {
      errors.push(
        fieldErrors.forbidden(
          "spec.strategy.rollingUpdate",
          "may not be specified when strategy `type` is 'Recreate'",
        ),
      );
    }
  } else if (strategy?.type === "RollingUpdate" || strategy?.type === undefined) {
    const ru = strategy?.rollingUpdate;
    errors.push(...intOrPercent("spec.strategy.rollingUpdate.maxUnavailable", ru?.maxUnavailable));
    errors.push(...intOrPercent("spec.strategy.rollingUpdate.maxSurge", ru?.maxSurge));
    const unavailable = ru?.maxUnavailable;
    if (
      typeof unavailable === "string" &&
      /^\d+%$/.test(unavailable) &&
      Number.parseInt(unavailable, 10) > 100
    ) {
      errors.push(
        fieldErrors.invalid(
          "spec.strategy.rollingUpdate.maxUnavailable",
          unavailable,
          "must not be greater than 100%",
        ),
      );
    }
    if (ru && isZero(ru.maxSurge) && isZero(ru.maxUnavailable)) {
      errors.push(
        fieldErrors.invalid(
          "spec.strategy.rollingUpdate.maxUnavailable",
          ru.maxUnavailable,
          "may not be 0 when `maxSurge` is 0",
        ),
      );
    }
  } else {
    errors.push(fieldErrors.notSupported("spec.strategy.type", strategy.type, ["Recreate", "RollingUpdate"]));
  }
  errors.push(...nonNegative("spec.minReadySeconds", spec?.minReadySeconds));
  errors.push(...nonNegative("spec.revisionHistoryLimit", spec?.revisionHistoryLimit));
  const deadline = spec?.progressDeadlineSeconds;
  if (deadline !== undefined) {
    errors.push(...nonNegative("spec.progressDeadlineSeconds", deadline));
    if (deadline <= (spec?.minReadySeconds ?? 0)) {
      errors.push(
        fieldErrors.invalid("spec.progressDeadlineSeconds", deadline, "must be greater than minReadySeconds"),
      );
    }
  }
  return errors;
}

/** Deployments (pkg/registry/apps/deployment/strategy.go): the status subresource may also set annotations. */
export const deploymentStrategy: Strategy = workloadStrategy(validateDeployment, {
  prepareForStatusUpdate(object, old) {
    // deploymentStatusStrategy keeps the spec and labels only: the controller writes the revision
    // annotation together with the status.
    object.spec = old.spec;
    if (old.metadata.labels === undefined) delete object.metadata.labels;
    else object.metadata.labels = old.metadata.labels;
  },
});
