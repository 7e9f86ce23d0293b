import { decodeBase64Length } from "../../api/base64.ts";
import { type FieldError, fieldErrors } from "../../api/FieldError.ts";
import type { KubeObject } from "../../api/types.ts";
import { isConfigMapKey } from "../../api/validation.ts";
import type { Strategy } from "../Strategy.ts";

/** corev1.MaxSecretSize: the most bytes of data a ConfigMap or Secret may hold. */
export const MAX_SECRET_SIZE = 1024 * 1024;

interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
  immutable?: boolean;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** Decoding of `binaryData` values ([]byte in Go): base64 or the decoder's error. */
function convertConfigMap(object: KubeObject): string | undefined {
  for (const value of Object.values((object as ConfigMap).binaryData ?? {})) {
    const decoded = decodeBase64Length(String(value));
    if ("corruptAt" in decoded) return `illegal base64 data at input byte ${decoded.corruptAt}`;
  }
  return undefined;
}

/** ValidateConfigMap (pkg/apis/core/validation/validation.go). */
function validateConfigMap(object: KubeObject): FieldError[] {
  const cm = object as ConfigMap;
  const errors: FieldError[] = [];
  let total = 0;
  const data = cm.data ?? {};
  const binary = cm.binaryData ?? {};
  for (const key of Object.keys(data).sort()) {
    for (const msg of isConfigMapKey(key)) errors.push(fieldErrors.invalid(`data[${key}]`, key, msg));
    if (key in binary)
      errors.push(fieldErrors.invalid(`data[${key}]`, key, "duplicate of key present in binaryData"));
    total += byteLength(data[key] ?? "");
  }
  for (const key of Object.keys(binary).sort()) {
    for (const msg of isConfigMapKey(key)) errors.push(fieldErrors.invalid(`binaryData[${key}]`, key, msg));
    const decoded = decodeBase64Length(binary[key] ?? "");
    total += "bytes" in decoded ? decoded.bytes : 0;
  }
  // The whole object is too long: the error's field path is empty.
  if (total > MAX_SECRET_SIZE) errors.push(fieldErrors.tooLong("", MAX_SECRET_SIZE));
  return errors;
}

/** The `immutable` rule shared by ConfigMaps and Secrets (ValidateConfigMapUpdate/ValidateSecretUpdate). */
export function validateImmutableData(
  object: KubeObject & { immutable?: boolean },
  old: KubeObject & { immutable?: boolean },
  fields: readonly string[],
): FieldError[] {
  const errors: FieldError[] = [];
  if (old.immutable !== true) return errors;
  const message = "field is immutable when `immutable` is set";
  if (object.immutable !== true) errors.push(fieldErrors.forbidden("immutable", message));
  const record = (o: KubeObject) => o as unknown as Record<string, unknown>;
  for (const field of fields) {
    if (JSON.stringify(record(object)[field] ?? null) !== JSON.stringify(record(old)[field] ?? null))
      errors.push(fieldErrors.forbidden(field, message));
  }
  return errors;
}

/** ConfigMaps (pkg/registry/core/configmap/strategy.go). */
export const configMapStrategy: Strategy = {
  nameRule: "subdomain",
  convert: convertConfigMap,
  validate: validateConfigMap,
  validateUpdate: (object, old) => [
    ...validateImmutableData(object, old, ["data", "binaryData"]),
    ...validateConfigMap(object),
  ],
};
