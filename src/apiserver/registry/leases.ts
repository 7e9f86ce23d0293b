import { type FieldError, fieldErrors } from "../../api/FieldError.ts";
import type { Lease } from "../../api/types.ts";
import type { Strategy } from "../Strategy.ts";

/** ValidateLeaseSpec (pkg/apis/coordination/validation/validation.go). */
function validateLease(object: unknown): FieldError[] {
  const spec = (object as Lease).spec ?? {};
  const errors: FieldError[] = [];
  if (spec.leaseDurationSeconds !== undefined && spec.leaseDurationSeconds <= 0)
    errors.push(
      fieldErrors.invalid("spec.leaseDurationSeconds", spec.leaseDurationSeconds, "must be greater than 0"),
    );
  if (spec.leaseTransitions !== undefined && spec.leaseTransitions < 0)
    errors.push(
      fieldErrors.invalid(
        "spec.leaseTransitions",
        spec.leaseTransitions,
        "must be greater than or equal to 0",
      ),
    );
  return errors;
}

/** Leases (pkg/registry/coordination/lease/strategy.go). */
export const leaseStrategy: Strategy = { nameRule: "subdomain", validate: validateLease };
