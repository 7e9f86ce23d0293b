/**
 * Structural schema of Kubernetes objects, derived at run time from the generated models of
 * `@kubernetes/client-node` (every field's JSON name and type, from the real OpenAPI document) and
 * compiled with ajv. It reproduces the apiserver's decoding step: strict field validation (unknown
 * fields), JSON type errors with encoding/json's message, and quantity canonicalization.
 */
import * as models from "@kubernetes/client-node/dist/gen/models/all.js";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { QUANTITY_FORMAT_ERROR, Quantity } from "./quantity.ts";

interface Attribute {
  name: string;
  baseName: string;
  type: string;
  format: string;
}

interface ModelClass {
  attributeTypeMap?: Attribute[];
}

const MODELS = models as unknown as Record<string, ModelClass | undefined>;

/**
 * Fields whose Go type is resource.Quantity. The OpenAPI models type them as plain strings, but the
 * apiserver accepts JSON numbers for them and stores the canonical form. Checked against the
 * `kubernetes-models` declarations by schema.test.ts.
 */
export const QUANTITY_FIELDS: Readonly<Record<string, readonly string[]>> = {
  V1ResourceRequirements: ["limits", "requests"],
  V1VolumeResourceRequirements: ["limits", "requests"],
  V1NodeStatus: ["allocatable", "capacity"],
  V1PodSpec: ["overhead"],
  V1PodStatus: [],
  V1ContainerStatus: ["allocatedResources"],
  V1EmptyDirVolumeSource: ["sizeLimit"],
  V1ResourceFieldSelector: ["divisor"],
  V1ResourceQuotaSpec: ["hard"],
  V1ResourceQuotaStatus: ["hard", "used"],
  V1LimitRangeItem: ["default", "defaultRequest", "max", "maxLimitRequestRatio", "min"],
  V1PersistentVolumeSpec: ["capacity"],
  V1PersistentVolumeClaimStatus: ["allocatedResources", "capacity"],
  V1Overhead: ["podFixed"],
  V1CSIStorageCapacity: ["capacity", "maximumVolumeSize"],
};

const ARRAY = /^Array<(.+)>$/;
const MAP = /^\{ \[key: string\]: (.+); \}$/;
const QUANTITY_KEYWORD = "x-kubespec-quantity";
/** Canonical text of quantities already seen (null: not a quantity). */
const CANONICAL = new Map<string, string | null>();

/** A JSON type error, rendered as encoding/json's UnmarshalTypeError. */
export interface TypeErrorInfo {
  message: string;
}

/** What decoding found wrong with an object. */
export interface DecodeProblems {
  /** The first type error in document order, if any (decoding stops there). */
  typeError?: string;
  /** Unknown fields as strict decoding names them (`spec.containers[0].foo`), in document order. */
  unknownFields: string[];
}

function attributes(model: string): Attribute[] {
  const cls = MODELS[model];
  if (!cls?.attributeTypeMap) throw new Error(`schema: no generated model named ${model}`);
  return cls.attributeTypeMap;
}

function isModel(type: string): boolean {
  return MODELS[type]?.attributeTypeMap !== undefined;
}

/** JSON Schema for one attribute type; collects referenced models into `pending`. */
function typeSchema(type: string, format: string, quantity: boolean, pending: Set<string>): object {
  if (quantity) return { [QUANTITY_KEYWORD]: true };
  const array = ARRAY.exec(type);
  if (array) return { type: ["array", "null"], items: typeSchema(array[1] as string, "", false, pending) };
  const map = MAP.exec(type);
  if (map)
    return {
      type: ["object", "null"],
      additionalProperties: typeSchema(map[1] as string, "", false, pending),
    };
  switch (type) {
    case "string":
    case "Date":
      return { type: ["string", "null"] };
    case "number":
      return format === "double" ? { type: ["number", "null"] } : { type: ["integer", "null"] };
    case "boolean":
      return { type: ["boolean", "null"] };
    case "IntOrString":
      return { type: ["string", "integer", "null"] };
    case "any":
      return {};
    default:
      if (!isModel(type)) return {};
      pending.add(type);
      return { $ref: `#/definitions/${type}` };
  }
}

function buildDefinitions(root: string): Record<string, object> {
  const definitions: Record<string, object> = {};
  const pending = new Set<string>([root]);
  while (pending.size > 0) {
    const [model] = pending as unknown as [string];
    pending.delete(model);
    if (definitions[model]) continue;
    const quantities = new Set(QUANTITY_FIELDS[model] ?? []);
    const properties: Record<string, object> = {};
    const refs = new Set<string>();
    for (const attr of attributes(model)) {
      const isQuantity = quantities.has(attr.baseName);
      properties[attr.baseName] = isQuantity
        ? MAP.test(attr.type)
          ? { type: ["object", "null"], additionalProperties: { [QUANTITY_KEYWORD]: true } }
          : { [QUANTITY_KEYWORD]: true }
        : typeSchema(attr.type, attr.format, false, refs);
    }
    definitions[model] = { type: ["object", "null"], properties, additionalProperties: false };
    for (const ref of refs) if (!definitions[ref]) pending.add(ref);
  }
  return definitions;
}

function newAjv(removeAdditional: boolean): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, removeAdditional: removeAdditional ? "all" : false });
  ajv.addKeyword({
    keyword: QUANTITY_KEYWORD,
    modifying: true,
    errors: true,
    validate: function quantity(
      this: unknown,
      _schema: unknown,
      data: unknown,
      _parent: unknown,
      ctx?: unknown,
    ) {
      const c = ctx as {
        parentData?: Record<string | number, unknown>;
        parentDataProperty?: string | number;
      };
      if (data === null || data === undefined) return true;
      // Objects repeat the same few quantities ("100m", "500Mi"): canonicalize each text once.
      const key = `${typeof data}:${String(data)}`;
      let canonical = CANONICAL.get(key);
      if (canonical === undefined) {
        canonical = Quantity.tryParse(data as string)?.toString() ?? null;
        if (CANONICAL.size < 10_000) CANONICAL.set(key, canonical);
      }
      if (canonical === null) {
        (quantity as unknown as { errors: Partial<ErrorObject>[] }).errors = [
          { keyword: QUANTITY_KEYWORD, message: QUANTITY_FORMAT_ERROR, params: {} },
        ];
        return false;
      }
      if (c.parentData && c.parentDataProperty !== undefined) c.parentData[c.parentDataProperty] = canonical;
      return true;
    },
  });
  return ajv;
}

let strictAjv: Ajv | undefined;
let lenientAjv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function validatorFor(model: string, removeAdditional: boolean): ValidateFunction {
  const cacheKey = `${model}:${removeAdditional}`;
  let validate = compiled.get(cacheKey);
  if (!validate) {
    if (removeAdditional) lenientAjv ??= newAjv(true);
    else strictAjv ??= newAjv(false);
    const ajv = (removeAdditional ? lenientAjv : strictAjv) as Ajv;
    validate = ajv.compile({ definitions: buildDefinitions(model), $ref: `#/definitions/${model}` });
    compiled.set(cacheKey, validate);
  }
  return validate;
}

/**
 * Check `object` against the structure of generated model `model` (e.g. `V1Pod`), canonicalizing
 * quantities in place. With `dropUnknown`, unknown fields are removed instead of reported.
 */
export function checkStructure(model: string, object: unknown, dropUnknown = false): DecodeProblems {
  const validate = validatorFor(model, dropUnknown);
  if (validate(object)) return { unknownFields: [] };
  const errors = validate.errors ?? [];
  const unknown: string[][] = [];
  const typeErrors: { path: string[]; error: ErrorObject }[] = [];
  for (const error of errors) {
    const path = pointerSegments(error.instancePath);
    if (error.keyword === "additionalProperties") {
      unknown.push([...path, String((error.params as { additionalProperty: string }).additionalProperty)]);
    } else if (error.keyword === "type" || error.keyword === QUANTITY_KEYWORD) {
      typeErrors.push({ path, error });
    }
  }
  const order = documentOrder(object);
  unknown.sort((a, b) => comparePaths(order, a, b));
  typeErrors.sort((a, b) => comparePaths(order, a.path, b.path));
  const first = typeErrors[0];
  const result: DecodeProblems = { unknownFields: unknown.map(displayPath) };
  if (first) {
    result.typeError =
      first.error.keyword === QUANTITY_KEYWORD
        ? QUANTITY_FORMAT_ERROR
        : unmarshalTypeError(model, first.path, valueAt(object, first.path));
  }
  return result;
}

/** Whether a generated model of that name exists. */
export function hasModel(model: string): boolean {
  return isModel(model);
}

/** Top-level JSON fields of a model with their generated type and format (OpenAPI, explain). */
export function modelFields(model: string): { name: string; type: string; format: string }[] {
  return attributes(model).map((a) => ({ name: a.baseName, type: a.type, format: a.format }));
}

/** Generated model type of the field at `path` under `model`, or undefined if unknown. */
export function fieldType(model: string, path: readonly string[]): string | undefined {
  let type = model;
  for (const segment of path) {
    const array = ARRAY.exec(type);
    const map = MAP.exec(type);
    if (array) {
      type = array[1] as string;
      if (/^\d+$/.test(segment)) continue;
    } else if (map) {
      type = map[1] as string;
      continue;
    }
    if (!isModel(type)) return undefined;
    const attr = attributes(type).find((a) => a.baseName === segment);
    if (!attr) return undefined;
    type = attr.type;
  }
  return type;
}

// ---- messages ----

function pointerSegments(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** `["spec","containers","0","foo"]` → `spec.containers[0].foo`. */
function displayPath(path: readonly string[]): string {
  let out = "";
  for (const segment of path) {
    if (/^\d+$/.test(segment)) out += `[${segment}]`;
    else out += out ? `.${segment}` : segment;
  }
  return out;
}

function valueAt(object: unknown, path: readonly string[]): unknown {
  let value = object;
  for (const segment of path) value = (value as Record<string, unknown> | undefined)?.[segment];
  return value;
}

function goTypeName(type: string, format: string): string {
  const array = ARRAY.exec(type);
  if (array) return `[]${goTypeName(array[1] as string, "")}`;
  const map = MAP.exec(type);
  if (map) return `map[string]${goTypeName(map[1] as string, "")}`;
  switch (type) {
    case "string":
      return "string";
    case "boolean":
      return "bool";
    case "number":
      return format === "double" ? "float64" : format === "int64" ? "int64" : "int32";
    case "Date":
      return "v1.Time";
    case "IntOrString":
      return "intstr.IntOrString";
    default:
      return `v1.${structName(type)}`;
  }
}

function structName(model: string): string {
  return model.replace(/^(?:[A-Z][a-z]+)*V\d+(?:(?:alpha|beta)\d+)?/, "");
}

function jsonValueKind(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return Number.isInteger(value) ? "number" : `number ${value}`;
  return typeof value === "object" ? "object" : "string";
}

/** encoding/json's UnmarshalTypeError text for the value at `path`. */
function unmarshalTypeError(model: string, path: readonly string[], value: unknown): string {
  // Walk to the struct that owns the failing field; Go names the struct and the dotted JSON path.
  let type = model;
  let owner = model;
  let format = "";
  const fieldPath: string[] = [];
  for (const segment of path) {
    const array = ARRAY.exec(type);
    const map = MAP.exec(type);
    if (array && /^\d+$/.test(segment)) {
      type = array[1] as string;
      continue;
    }
    if (map) {
      type = map[1] as string;
      continue;
    }
    const attr = isModel(type) ? attributes(type).find((a) => a.baseName === segment) : undefined;
    if (!attr) break;
    owner = type;
    fieldPath.push(segment);
    type = attr.type;
    format = attr.format;
  }
  if (fieldPath.length === 0)
    return `json: cannot unmarshal ${jsonValueKind(value)} into Go value of type ${goTypeName(model, "")}`;
  return `json: cannot unmarshal ${jsonValueKind(value)} into Go struct field ${structName(owner)}.${fieldPath.join(".")} of type ${goTypeName(type, format)}`;
}

// ---- document order ----

type Order = Map<string, number>;

function documentOrder(object: unknown): Order {
  const order: Order = new Map();
  let next = 0;
  const visit = (value: unknown, prefix: string) => {
    if (value === null || typeof value !== "object") return;
    const keys = Array.isArray(value) ? value.map((_, i) => String(i)) : Object.keys(value);
    for (const key of keys) {
      const path = `${prefix}/${key}`;
      order.set(path, next++);
      visit((value as Record<string, unknown>)[key], path);
    }
  };
  visit(object, "");
  return order;
}

function comparePaths(order: Order, a: readonly string[], b: readonly string[]): number {
  const pa = a.length === 0 ? -1 : (order.get(`/${a.join("/")}`) ?? Number.MAX_SAFE_INTEGER);
  const pb = b.length === 0 ? -1 : (order.get(`/${b.join("/")}`) ?? Number.MAX_SAFE_INTEGER);
  return pa - pb;
}
