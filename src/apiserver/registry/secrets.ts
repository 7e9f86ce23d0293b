import { decodeBase64Length } from "../../api/base64.ts";
import { type FieldError, fieldErrors } from "../../api/FieldError.ts";
import type { KubeObject } from "../../api/types.ts";
import { isConfigMapKey } from "../../api/validation.ts";
import type { Strategy } from "../Strategy.ts";
import { MAX_SECRET_SIZE, validateImmutableData } from "./configMaps.ts";

interface Secret extends KubeObject {
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  type?: string;
  immutable?: boolean;
}

/**
 * Conversion of a v1 Secret: `data` values are base64 ([]byte), and `stringData` is merged into
 * `data` (it wins on conflicts) and never stored (pkg/apis/core/v1/conversion.go).
 */
function convertSecret(object: KubeObject): string | undefined {
  const secret = object as Secret;
  for (const value of Object.values(secret.data ?? {})) {
    const decoded = decodeBase64Length(String(value));
    if ("corruptAt" in decoded) return `illegal base64 data at input byte ${decoded.corruptAt}`;
  }
  if (secret.stringData) {
    const data = { ...(secret.data ?? {}) };
    for (const [key, value] of Object.entries(secret.stringData))
      data[key] = Buffer.from(String(value), "utf8").toString("base64");
    secret.data = data;
    delete secret.stringData;
  }
  return undefined;
}

function decodedLength(value: string | undefined): number {
  const decoded = decodeBase64Length(value ?? "");
  return "bytes" in decoded ? decoded.bytes : 0;
}

function decodedText(value: string | undefined): string {
  return Buffer.from(value ?? "", "base64").toString("utf8");
}

/** What encoding/json.Unmarshal says about a value that is not a JSON object (the common cases). */
function jsonObjectError(text: string): string | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    if (value === null || (typeof value === "object" && !Array.isArray(value))) return undefined;
    const type = Array.isArray(value) ? "array" : typeof value === "string" ? "string" : typeof value;
    return `json: cannot unmarshal ${type} into Go value of type map[string]interface {}`;
  } catch {
    const first = text.trimStart()[0];
    if (first === undefined) return "unexpected end of JSON input";
    if (!'{["-0123456789tfn'.includes(first))
      return `invalid character '${first}' looking for beginning of value`;
    return "unexpected end of JSON input";
  }
}

/** ValidateSecret (pkg/apis/core/validation/validation.go), including the per-type required keys. */
function validateSecret(object: KubeObject): FieldError[] {
  const secret = object as Secret;
  const errors: FieldError[] = [];
  const data = secret.data ?? {};
  let total = 0;
  for (const key of Object.keys(data).sort()) {
    for (const msg of isConfigMapKey(key)) errors.push(fieldErrors.invalid(`data[${key}]`, key, msg));
    total += decodedLength(data[key]);
  }
  if (total > MAX_SECRET_SIZE) errors.push(fieldErrors.tooLong("data", MAX_SECRET_SIZE));
  const required = (key: string) => errors.push(fieldErrors.required(`data[${key}]`));
  switch (secret.type) {
    case "kubernetes.io/service-account-token":
      if (!secret.metadata.annotations?.["kubernetes.io/service-account.name"])
        errors.push(fieldErrors.required("metadata.annotations[kubernetes.io/service-account.name]"));
      break;
    case "kubernetes.io/dockercfg":
    case "kubernetes.io/dockerconfigjson": {
      const key = secret.type === "kubernetes.io/dockercfg" ? ".dockercfg" : ".dockerconfigjson";
      if (!(key in data)) {
        required(key);
        break;
      }
      const problem = jsonObjectError(decodedText(data[key]));
      if (problem) errors.push(fieldErrors.invalid(`data[${key}]`, "<secret contents redacted>", problem));
      break;
    }
    case "kubernetes.io/basic-auth":
      if (!("username" in data) && !("password" in data)) {
        required("username");
        required("password");
      }
      break;
    case "kubernetes.io/ssh-auth":
      if (decodedLength(data["ssh-privatekey"]) === 0) required("ssh-privatekey");
      break;
    case "kubernetes.io/tls":
      if (!("tls.crt" in data)) required("tls.crt");
      if (!("tls.key" in data)) required("tls.key");
      break;
    default:
      break;
  }
  return errors;
}

/** Secrets (pkg/registry/core/secret/strategy.go); selectable by `type`. */
export const secretStrategy: Strategy = {
  nameRule: "subdomain",
  fieldLabelError: (label) => `field label not supported: ${label}`,
  fieldLabels: ["type"],
  convert: convertSecret,
  validate: validateSecret,
  validateUpdate(object, old) {
    const errors: FieldError[] = [];
    const type = (object as Secret).type;
    if (type !== (old as Secret).type) errors.push(fieldErrors.invalid("type", type, "field is immutable"));
    errors.push(...validateImmutableData(object, old, ["data"]), ...validateSecret(object));
    return errors;
  },
  fields: (object) => ({ type: (object as Secret).type ?? "" }),
};
