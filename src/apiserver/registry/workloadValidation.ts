/**
 * Validation shared by the workload kinds (pkg/apis/apps/validation, pkg/apis/batch/validation):
 * selectors, templates that must match them, pod template specs and immutable fields, with the
 * real messages and Go renderings of bad values.
 */
import { FieldError, fieldErrors } from "../../api/FieldError.ts";
import { goSyntax } from "../../api/goSyntax.ts";
import { type LabelSelectorStruct, selectorFromLabelSelector } from "../../api/labels.ts";
import { validateLabels } from "../../api/objectMeta.ts";
import { validatePodSpec } from "../../api/podValidation.ts";
import type { KubeObject, Pod } from "../../api/types.ts";
import type { Strategy } from "../Strategy.ts";
import { keepSpec, keepStatus } from "./specStatus.ts";

interface TemplateHolder {
  replicas?: number;
  selector?: LabelSelectorStruct | null;
  template?: { metadata?: { labels?: Record<string, string> }; spec?: Pod["spec"] };
}

/** ValidateNonnegativeField. */
export function nonNegative(path: string, value: number | undefined): FieldError[] {
  if (value === undefined || value >= 0) return [];
  return [fieldErrors.invalid(path, value, "must be greater than or equal to 0")];
}

/** A pod template's labels and spec, errors re-rooted under `spec.template`. */
export function validateTemplate(template: TemplateHolder["template"], path = "spec.template"): FieldError[] {
  if (!template) return [fieldErrors.required(path)];
  const errors: FieldError[] = [];
  errors.push(...validateLabels(template.metadata?.labels, `${path}.metadata.labels`));
  for (const e of validatePodSpec({ spec: template.spec } as Pod)) {
    errors.push(new FieldError(e.type, e.field.replace(/^spec/, `${path}.spec`), e.badValue, e.detail));
  }
  return errors;
}

/**
 * Replicas, selector (required, non-empty, matching the template's labels) and the template, as
 * ValidateDeploymentSpec / ValidateReplicaSetSpec / ValidateDaemonSetSpec / ValidateStatefulSetSpec do.
 */
export function validateSelectorAndTemplate(
  spec: TemplateHolder | undefined,
  emptyFor: string,
  options: { restartPolicies?: readonly string[] } = {},
): FieldError[] {
  const errors: FieldError[] = [];
  errors.push(...nonNegative("spec.replicas", spec?.replicas));
  const selector = spec?.selector;
  let matchesTemplate = true;
  if (!selector) errors.push(fieldErrors.required("spec.selector"));
  else {
    const count = Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length;
    if (count === 0) {
      errors.push(
        fieldErrors.invalid(
          "spec.selector",
          goSyntax.labelSelector(selector),
          `empty selector is invalid for ${emptyFor}`,
        ),
      );
    } else {
      try {
        const parsed = selectorFromLabelSelector(selector);
        matchesTemplate = parsed?.matches(spec?.template?.metadata?.labels ?? {}) ?? true;
      } catch (error) {
        errors.push(fieldErrors.invalid("spec.selector", selector, (error as Error).message));
      }
    }
  }
  if (!matchesTemplate) {
    errors.push(
      fieldErrors.invalid(
        "spec.template.metadata.labels",
        goSyntax.stringMap(spec?.template?.metadata?.labels),
        "`selector` does not match template `labels`",
      ),
    );
  }
  errors.push(...validateTemplate(spec?.template));
  const policy = spec?.template?.spec?.restartPolicy;
  const allowed = options.restartPolicies ?? ["Always"];
  if (spec?.template?.spec && policy && !allowed.includes(policy)) {
    errors.push(fieldErrors.notSupported("spec.template.spec.restartPolicy", policy, allowed));
  }
  return errors;
}

/** The selector may not change once set (apps/v1). */
export function immutableSelector(object: KubeObject, old: KubeObject): FieldError[] {
  const now = (object.spec as TemplateHolder | undefined)?.selector;
  const before = (old.spec as TemplateHolder | undefined)?.selector;
  if (JSON.stringify(now ?? null) === JSON.stringify(before ?? null)) return [];
  return [fieldErrors.invalid("spec.selector", goSyntax.labelSelector(now), "field is immutable")];
}

/**
 * The strategy of a workload kind: generation on spec changes, status through /status only, and
 * the given validation on create and update.
 */
export function workloadStrategy(
  validate: (object: KubeObject) => FieldError[],
  extra: Partial<Strategy> = {},
): Strategy {
  return {
    nameRule: "subdomain",
    generation: true,
    statusSubresource: true,
    prepareForCreate(object) {
      delete object.status;
    },
    prepareForUpdate: keepStatus,
    prepareForStatusUpdate: keepSpec,
    validate,
    validateUpdate: (object, old) => [...validate(object), ...immutableSelector(object, old)],
    ...extra,
  };
}
