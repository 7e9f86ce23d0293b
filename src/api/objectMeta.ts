/**
 * ObjectMeta validation (k8s.io/apimachinery/pkg/api/validation/objectmeta.go and
 * pkg/apis/meta/v1/validation): names, namespace, labels, annotations, finalizers, and the
 * immutable fields on update.
 */
import { type FieldError, fieldErrors } from "./FieldError.ts";
import type { ObjectMeta } from "./types.ts";
import {
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
} from "./validation.ts";

/** How a kind's names are validated (ValidateNameFunc). */
export type NameRule = "subdomain" | "label" | "dns1035" | "path";

const TOTAL_ANNOTATION_SIZE = 256 * 1024;
const STANDARD_FINALIZERS = new Set(["kubernetes", "orphan", "foregroundDeletion"]);

/** Run a name rule; with `prefix`, a trailing dash is allowed (generateName). */
export function validateName(rule: NameRule, name: string, prefix = false): string[] {
  const value = prefix ? name.replace(/-$/, "a") : name;
  switch (rule) {
    case "subdomain":
      return isDNS1123Subdomain(value);
    case "label":
      return isDNS1123Label(value);
    case "dns1035":
      return isDNS1035Label(value);
    case "path":
      return validatePathSegmentName(value, prefix);
  }
}

/** path.IsValidPathSegmentName (used by kinds such as Role and ClusterRole). */
function validatePathSegmentName(name: string, prefix: boolean): string[] {
  if (!prefix && (name === "." || name === "..")) return [`may not be '${name}'`];
  for (const illegal of ["/", "%"]) {
    if (name.includes(illegal)) return [`may not contain '${illegal}'`];
  }
  return [];
}

/** ValidateLabels: keys are qualified names, values label values; field path is `metadata.labels`. */
export function validateLabels(labels: Record<string, string> | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of Object.keys(labels ?? {}).sort()) {
    for (const msg of isQualifiedName(key)) errors.push(fieldErrors.invalid(path, key, msg));
    const value = (labels as Record<string, unknown>)[key];
    for (const msg of isValidLabelValue(String(value))) errors.push(fieldErrors.invalid(path, value, msg));
  }
  return errors;
}

/** ValidateAnnotations. */
export function validateAnnotations(
  annotations: Record<string, string> | undefined,
  path: string,
): FieldError[] {
  const errors: FieldError[] = [];
  let total = 0;
  for (const key of Object.keys(annotations ?? {}).sort()) {
    for (const msg of isQualifiedName(key.toLowerCase())) errors.push(fieldErrors.invalid(path, key, msg));
    total += key.length + String((annotations as Record<string, string>)[key]).length;
  }
  if (total > TOTAL_ANNOTATION_SIZE) errors.push(fieldErrors.tooLong(path, TOTAL_ANNOTATION_SIZE));
  return errors;
}

/**
 * ValidateObjectMeta for a create.
 *
 * @example
 * ```ts
 * validateObjectMeta({ name: "Bad_Name", namespace: "default" }, true, "subdomain").map(String);
 * // ['metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of ...']
 * ```
 */
export function validateObjectMeta(
  meta: ObjectMeta,
  namespaced: boolean,
  rule: NameRule,
  path = "metadata",
): FieldError[] {
  const errors: FieldError[] = [];
  if (meta.generateName) {
    for (const msg of validateName(rule, meta.generateName, true)) {
      errors.push(fieldErrors.invalid(`${path}.generateName`, meta.generateName, msg));
    }
  }
  if (!meta.name) {
    errors.push(fieldErrors.required(`${path}.name`, "name or generateName is required"));
  } else {
    for (const msg of validateName(rule, meta.name))
      errors.push(fieldErrors.invalid(`${path}.name`, meta.name, msg));
  }
  if (namespaced) {
    if (!meta.namespace) errors.push(fieldErrors.required(`${path}.namespace`));
    else
      for (const msg of isDNS1123Label(meta.namespace))
        errors.push(fieldErrors.invalid(`${path}.namespace`, meta.namespace, msg));
  } else if (meta.namespace) {
    errors.push(fieldErrors.forbidden(`${path}.namespace`, "not allowed on this type"));
  }
  if (meta.generation !== undefined && meta.generation < 0) {
    errors.push(
      fieldErrors.invalid(`${path}.generation`, meta.generation, "must be greater than or equal to 0"),
    );
  }
  errors.push(...validateLabels(meta.labels, `${path}.labels`));
  errors.push(...validateAnnotations(meta.annotations, `${path}.annotations`));
  (meta.ownerReferences ?? []).forEach((ref, i) => {
    const p = `${path}.ownerReferences[${i}]`;
    if (!ref.apiVersion)
      errors.push(fieldErrors.invalid(`${p}.apiVersion`, ref.apiVersion ?? "", "version must not be empty"));
    if (!ref.kind) errors.push(fieldErrors.invalid(`${p}.kind`, ref.kind ?? "", "kind must not be empty"));
    if (!ref.name) errors.push(fieldErrors.invalid(`${p}.name`, ref.name ?? "", "name must not be empty"));
    if (!ref.uid) errors.push(fieldErrors.invalid(`${p}.uid`, ref.uid ?? "", "uid must not be empty"));
  });
  (meta.finalizers ?? []).forEach((name, i) => {
    const p = `${path}.finalizers[${i}]`;
    for (const msg of isQualifiedName(name)) errors.push(fieldErrors.invalid(p, name, msg));
    if (!name.includes("/") && !STANDARD_FINALIZERS.has(name)) {
      errors.push(
        fieldErrors.invalid(p, name, "name is neither a standard finalizer name nor is it fully qualified"),
      );
    }
  });
  return errors;
}

/** ValidateObjectMetaUpdate: the create rules plus the fields that may never change. */
export function validateObjectMetaUpdate(
  meta: ObjectMeta,
  old: ObjectMeta,
  namespaced: boolean,
  rule: NameRule,
  path = "metadata",
): FieldError[] {
  const errors = validateObjectMeta(meta, namespaced, rule, path);
  const immutable = (field: keyof ObjectMeta) => {
    if (JSON.stringify(meta[field]) !== JSON.stringify(old[field])) {
      errors.push(fieldErrors.invalid(`${path}.${field}`, meta[field], "field is immutable"));
    }
  };
  immutable("name");
  immutable("namespace");
  immutable("uid");
  immutable("creationTimestamp");
  return errors;
}
