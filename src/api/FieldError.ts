/**
 * Field-level validation errors, shaped like k8s.io/apimachinery/pkg/util/validation/field: a path,
 * an error type, the offending value and a detail. Rendered exactly as `field.Error.Error()`.
 */
export type FieldErrorType =
  | "FieldValueNotFound"
  | "FieldValueRequired"
  | "FieldValueDuplicate"
  | "FieldValueInvalid"
  | "FieldValueNotSupported"
  | "FieldValueForbidden"
  | "FieldValueTooLong"
  | "FieldValueTooMany"
  | "InternalError";

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueNotFound: "Not found",
  FieldValueRequired: "Required value",
  FieldValueDuplicate: "Duplicate value",
  FieldValueInvalid: "Invalid value",
  FieldValueNotSupported: "Unsupported value",
  FieldValueForbidden: "Forbidden",
  FieldValueTooLong: "Too long",
  FieldValueTooMany: "Too many",
  InternalError: "Internal error",
};

/** Types whose message does not repeat the bad value (field.Error.ErrorBody). */
const VALUELESS = new Set<FieldErrorType>([
  "FieldValueRequired",
  "FieldValueForbidden",
  "FieldValueTooLong",
  "InternalError",
]);

/**
 * One validation failure at a field path.
 *
 * @example
 * ```ts
 * new FieldError("FieldValueRequired", "spec.containers[0].image").toString();
 * // 'spec.containers[0].image: Required value'
 * ```
 */
export class FieldError {
  constructor(
    readonly type: FieldErrorType,
    readonly field: string,
    readonly badValue?: unknown,
    readonly detail = "",
  ) {}

  /** The message without the field path, as in a Status cause. */
  body(): string {
    let text = TYPE_TEXT[this.type];
    if (!VALUELESS.has(this.type)) text += `: ${goValue(this.badValue)}`;
    if (this.detail) text += `: ${this.detail}`;
    return text;
  }

  toString(): string {
    return `${this.field}: ${this.body()}`;
  }
}

/** Shorthands mirroring field.Invalid / field.Required / ... */
export const fieldErrors = {
  invalid: (field: string, value: unknown, detail: string) =>
    new FieldError("FieldValueInvalid", field, value, detail),
  required: (field: string, detail = "") => new FieldError("FieldValueRequired", field, undefined, detail),
  forbidden: (field: string, detail: string) =>
    new FieldError("FieldValueForbidden", field, undefined, detail),
  duplicate: (field: string, value: unknown) => new FieldError("FieldValueDuplicate", field, value),
  notFound: (field: string, value: unknown) => new FieldError("FieldValueNotFound", field, value),
  notSupported: (field: string, value: unknown, valid: readonly string[]) =>
    new FieldError(
      "FieldValueNotSupported",
      field,
      value,
      valid.length > 0 ? `supported values: ${valid.map((v) => JSON.stringify(v)).join(", ")}` : "",
    ),
  tooLong: (field: string, max: number) =>
    new FieldError("FieldValueTooLong", field, undefined, `may not be more than ${max} bytes`),
};

/**
 * A bad value that field errors print verbatim: the `%#v` rendering of a Go struct, such as
 * `v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`.
 *
 * @example
 * ```ts
 * new FieldError("FieldValueInvalid", "roleRef", new GoLiteral('rbac.RoleRef{Kind:"Role"}'), "cannot change roleRef").toString();
 * ```
 */
export class GoLiteral {
  constructor(readonly text: string) {}
}

/** Render a value as Go's `%q` (strings) or `%v` (numbers, booleans) would in field errors. */
export function goValue(value: unknown): string {
  if (value instanceof GoLiteral) return value.text;
  if (value === undefined || value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  return JSON.stringify(value);
}

/** Aggregate rendering (utilerrors.NewAggregate(...).Error()): one error alone, several in brackets. */
export function aggregateMessage(errors: readonly { toString(): string }[]): string {
  if (errors.length === 1) return String(errors[0]);
  return `[${errors.map(String).join(", ")}]`;
}
