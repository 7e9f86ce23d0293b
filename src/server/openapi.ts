/**
 * The OpenAPI documents of the served API — `/openapi/v2` and `/openapi/v3` (one document per group
 * version) — generated from the same generated models the apiserver validates with
 * (`@kubernetes/client-node`'s attributeTypeMap, see src/api/schema.ts), documented from the
 * models' doc comments (src/api/modelDocs.ts), with the patch metadata of src/api/mergeKeys.ts.
 * Enough for `kubectl explain`, `kubectl apply`'s strategic merge patches and kubectl's check that
 * the server validates fields itself (the `fieldValidation` parameter of PATCH operations).
 */
import { createHash } from "node:crypto";
import { apiVersionOf, type KindRegistry, type ResourceType } from "../api/kinds.ts";
import { PATCH_META } from "../api/mergeKeys.ts";
import { modelDoc } from "../api/modelDocs.ts";
import { hasModel, modelFields, QUANTITY_FIELDS } from "../api/schema.ts";
import { KUBERNETES_VERSION } from "./discovery.ts";
import { subresourceKind } from "./subresources.ts";

type Json = Record<string, unknown>;
type Style = "v2" | "v3";

const ARRAY = /^Array<(.+)>$/;
const MAP = /^\{ \[key: string\]: (.+); \}$/;

const QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
const INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
const TIME = "io.k8s.apimachinery.pkg.apis.meta.v1.Time";
const PATCH = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";

/** Definitions that are not generated models (strings with a meaning, free-form objects). */
const PRIMITIVE_DEFINITIONS: Record<string, Json> = {
  [QUANTITY]: {
    description:
      "Quantity is a fixed-point representation of a number. It provides convenient marshaling/unmarshaling in JSON and YAML, in addition to String() and AsInt64() accessors.",
    type: "string",
  },
  [INT_OR_STRING]: {
    description:
      "IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.",
    format: "int-or-string",
    type: "string",
  },
  [TIME]: {
    description:
      "Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON.  Wrappers are provided for many of the factory methods that the time package offers.",
    format: "date-time",
    type: "string",
  },
  [PATCH]: {
    description: "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.",
    type: "object",
  },
};

/**
 * OpenAPI v3 describes Quantity and IntOrString by their alternatives (OpenAPIV3OneOfTypes in
 * apimachinery's resource.Quantity and intstr.IntOrString) instead of v2's `type: string`; that is
 * why `kubectl explain` names them (`<IntOrString>`, `map[string]Quantity`).
 */
const V3_ONE_OF: Record<string, Json[]> = {
  [QUANTITY]: [{ type: "string" }, { type: "number" }],
  [INT_OR_STRING]: [{ type: "integer" }, { type: "string" }],
};

/**
 * The values of a `+enum` field, which the generated docs list under "Possible enum values:"
 * (`` - `"Always"` ``); the OpenAPI schema carries them as `enum` too.
 */
function enumValues(description: string | undefined): string[] | undefined {
  const at = description?.indexOf("Possible enum values:") ?? -1;
  if (!description || at < 0) return undefined;
  const values = [...description.slice(at).matchAll(/^ - `"((?:[^"\\]|\\.)*)"`/gm)].map(
    (m) => m[1] as string,
  );
  return values.length > 0 ? values : undefined;
}

function ref(definition: string, style: Style): Json {
  return style === "v2"
    ? { $ref: `#/definitions/${definition}` }
    : { $ref: `#/components/schemas/${definition}` };
}

/** Builds the definitions reachable from a set of models. */
class DefinitionSet {
  readonly definitions: Record<string, Json> = {};
  readonly #style: Style;
  readonly #gvks = new Map<string, { group: string; version: string; kind: string }[]>();

  constructor(style: Style) {
    this.#style = style;
  }

  /** Mark a model as the schema of a kind (x-kubernetes-group-version-kind). */
  kind(model: string, gvk: { group: string; version: string; kind: string }): string | undefined {
    if (!hasModel(model)) return undefined;
    const definition = this.add(model);
    const list = this.#gvks.get(definition) ?? [];
    if (!list.some((g) => g.group === gvk.group && g.version === gvk.version && g.kind === gvk.kind))
      list.push(gvk);
    this.#gvks.set(definition, list);
    const schema = this.definitions[definition] as Json;
    schema["x-kubernetes-group-version-kind"] = list;
    return definition;
  }

  /** Add a model and everything it refers to; returns its definition name. */
  add(model: string): string {
    const doc = modelDoc(model);
    const definition = doc?.definition ?? model;
    if (this.definitions[definition]) return definition;
    const properties: Record<string, Json> = {};
    const schema: Json = {
      ...(doc?.description ? { description: doc.description } : {}),
      type: "object",
      properties,
    };
    this.definitions[definition] = schema;
    const required: string[] = [];
    const quantities = new Set(QUANTITY_FIELDS[model] ?? []);
    for (const field of modelFields(model)) {
      const fieldDoc = doc?.fields.get(field.name);
      if (fieldDoc?.required) required.push(field.name);
      let property = quantities.has(field.name)
        ? MAP.test(field.type)
          ? { type: "object", additionalProperties: this.#primitive(QUANTITY) }
          : this.#primitive(QUANTITY)
        : this.#typeSchema(field.type, field.format);
      property = this.#describe(property, fieldDoc?.description);
      // The `patchStrategy`/`patchMergeKey` struct tags, as the OpenAPI extensions carry them.
      const meta = PATCH_META[`${model}.${field.name}`];
      if (meta) {
        if (meta.mergeKey) property["x-kubernetes-patch-merge-key"] = meta.mergeKey;
        property["x-kubernetes-patch-strategy"] = meta.strategies.join(",");
      }
      properties[field.name] = property;
    }
    if (required.length > 0) schema.required = required;
    return definition;
  }

  #describe(schema: Json, description: string | undefined): Json {
    if (!description) return schema;
    const values = schema.type === "string" ? enumValues(description) : undefined;
    if (values) return { ...schema, description, enum: values };
    if ("$ref" in schema && this.#style === "v3") return { allOf: [schema], description };
    return { ...schema, description };
  }

  #primitive(definition: string): Json {
    const oneOf = this.#style === "v3" ? V3_ONE_OF[definition] : undefined;
    if (oneOf && !this.definitions[definition]) {
      const { type: _type, ...rest } = PRIMITIVE_DEFINITIONS[definition] as Json;
      this.definitions[definition] = { ...rest, oneOf };
    }
    this.definitions[definition] ??= PRIMITIVE_DEFINITIONS[definition] as Json;
    return ref(definition, this.#style);
  }

  #typeSchema(type: string, format: string): Json {
    const array = ARRAY.exec(type);
    if (array) return { type: "array", items: this.#typeSchema(array[1] as string, "") };
    const map = MAP.exec(type);
    if (map) return { type: "object", additionalProperties: this.#typeSchema(map[1] as string, "") };
    switch (type) {
      case "string":
        return format ? { type: "string", format } : { type: "string" };
      case "Date":
        return this.#primitive(TIME);
      case "number":
        return format === "double"
          ? { type: "number", format }
          : { type: "integer", format: format || "int32" };
      case "boolean":
        return { type: "boolean" };
      case "IntOrString":
        return this.#primitive(INT_OR_STRING);
      case "any":
        return { type: "object" };
      default:
        if (!hasModel(type)) return { type: "object" };
        return ref(this.add(type), this.#style);
    }
  }
}

interface Operation {
  method: "get" | "post" | "put" | "patch" | "delete";
  action: string;
  gvk: { group: string; version: string; kind: string };
  model: string | undefined;
  operationId: string;
  query: string[];
  body: boolean;
}

const LIST_QUERY = [
  "allowWatchBookmarks",
  "continue",
  "fieldSelector",
  "labelSelector",
  "limit",
  "resourceVersion",
  "resourceVersionMatch",
  "sendInitialEvents",
  "timeoutSeconds",
  "watch",
];
const WRITE_QUERY = ["dryRun", "fieldManager", "fieldValidation"];
const PATCH_TYPES = [
  "application/apply-patch+yaml",
  "application/json-patch+json",
  "application/merge-patch+json",
  "application/strategic-merge-patch+json",
];

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function groupPrefix(type: ResourceType): string {
  const group = type.group === "" ? "core" : (type.group.split(".")[0] as string);
  return `${capitalize(group)}${capitalize(type.version)}`;
}

/** The paths and operations of one resource, as kube-apiserver installs them. */
function resourceOperations(type: ResourceType): Map<string, Operation[]> {
  const paths = new Map<string, Operation[]>();
  const base = type.group ? `/apis/${type.group}/${type.version}` : `/api/${type.version}`;
  const collection = type.namespaced
    ? `${base}/namespaces/{namespace}/${type.plural}`
    : `${base}/${type.plural}`;
  const item = `${collection}/{name}`;
  const gvk = { group: type.group, version: type.version, kind: type.kind };
  const scope = type.namespaced ? "Namespaced" : "";
  const id = (verb: string, suffix = "") => `${verb}${groupPrefix(type)}${scope}${type.kind}${suffix}`;
  const has = (verb: string) => type.verbs.includes(verb);
  const add = (path: string, op: Operation) => {
    const ops = paths.get(path) ?? [];
    ops.push(op);
    paths.set(path, ops);
  };
  const op = (
    method: Operation["method"],
    action: string,
    operationId: string,
    query: string[],
    body: boolean,
  ): Operation => ({ method, action, gvk, model: type.model, operationId, query, body });
  if (has("list")) add(collection, op("get", "list", id("list"), LIST_QUERY, false));
  if (has("create")) add(collection, op("post", "post", id("create"), WRITE_QUERY, true));
  if (has("deletecollection"))
    add(
      collection,
      op("delete", "deletecollection", id("deleteCollection"), ["dryRun", ...LIST_QUERY], true),
    );
  if (has("get")) add(item, op("get", "get", id("read"), [], false));
  if (has("update")) add(item, op("put", "put", id("replace"), WRITE_QUERY, true));
  if (has("patch")) add(item, op("patch", "patch", id("patch"), [...WRITE_QUERY, "force"], true));
  if (has("delete"))
    add(
      item,
      op("delete", "delete", id("delete"), ["dryRun", "gracePeriodSeconds", "propagationPolicy"], true),
    );
  if (type.namespaced && has("list"))
    add(
      `${base}/${type.plural}`,
      op("get", "list", `list${groupPrefix(type)}${type.kind}ForAllNamespaces`, LIST_QUERY, false),
    );
  for (const sub of type.subresources) {
    const kind = subresourceKind(type, sub);
    const subGvk = { group: kind.group, version: kind.version, kind: kind.kind };
    const model = hasModel(kind.model) ? kind.model : undefined;
    const suffix = capitalize(sub);
    const path = `${item}/${sub}`;
    const subOp = (
      method: Operation["method"],
      action: string,
      verb: string,
      query: string[],
      body: boolean,
    ) => add(path, { method, action, gvk: subGvk, model, operationId: id(verb, suffix), query, body });
    for (const verb of kind.verbs) {
      if (verb === "get") subOp("get", sub === "log" ? "connect" : "get", "read", [], false);
      if (verb === "create") subOp("post", "post", "create", WRITE_QUERY, true);
      if (verb === "update") subOp("put", "put", "replace", WRITE_QUERY, true);
      if (verb === "patch") subOp("patch", "patch", "patch", [...WRITE_QUERY, "force"], true);
    }
  }
  return paths;
}

function parameter(name: string, inWhere: "query" | "path", style: Style): Json {
  const type = ["limit", "timeoutSeconds", "gracePeriodSeconds"].includes(name)
    ? "integer"
    : ["allowWatchBookmarks", "watch", "force", "sendInitialEvents"].includes(name)
      ? "boolean"
      : "string";
  const base: Json = { name, in: inWhere, uniqueItems: true };
  if (inWhere === "path") base.required = true;
  return style === "v2" ? { ...base, type } : { ...base, schema: { type } };
}

/** The content a response or request carries. */
function content(definition: string | undefined, style: Style, types: string[]): Json {
  const schema = definition ? ref(definition, style) : { type: "object" };
  return Object.fromEntries(types.map((t) => [t, { schema }]));
}

function renderPaths(kinds: readonly ResourceType[], definitions: DefinitionSet, style: Style): Json {
  const paths: Json = {};
  for (const type of kinds) {
    for (const [path, ops] of resourceOperations(type)) {
      const pathItem: Json = {};
      const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => parameter(m[1] as string, "path", style));
      if (params.length > 0) pathItem.parameters = params;
      for (const op of ops) {
        const definition = op.model ? definitions.kind(op.model, op.gvk) : undefined;
        if (op.model && op.action === "list") {
          const listModel = `${op.model}List`;
          if (hasModel(listModel)) definitions.kind(listModel, { ...op.gvk, kind: `${op.gvk.kind}List` });
        }
        const responseDefinition =
          op.action === "list" && op.model && hasModel(`${op.model}List`)
            ? modelDoc(`${op.model}List`)?.definition
            : definition;
        const operation: Json = {
          operationId: op.operationId,
          parameters: op.query.map((q) => parameter(q, "query", style)),
          "x-kubernetes-action": op.action,
          "x-kubernetes-group-version-kind": op.gvk,
        };
        const responseTypes = ["application/json", "application/yaml"];
        if (style === "v2") {
          operation.consumes = op.method === "patch" ? PATCH_TYPES : ["*/*"];
          operation.produces = responseTypes;
          operation.responses = {
            "200": { description: "OK", schema: responseDefinition ? ref(responseDefinition, style) : {} },
          };
          if (op.body) {
            (operation.parameters as Json[]).unshift({
              name: "body",
              in: "body",
              required: op.method !== "delete",
              schema: ref(op.method === "patch" ? PATCH : (definition ?? PATCH), style),
            });
          }
        } else {
          operation.responses = {
            "200": { description: "OK", content: content(responseDefinition, style, responseTypes) },
          };
          if (op.body) {
            operation.requestBody = {
              content:
                op.method === "patch"
                  ? content(PATCH, style, PATCH_TYPES)
                  : content(definition, style, ["*/*"]),
              required: op.method !== "delete",
            };
          }
        }
        if (op.method === "patch") definitions.definitions[PATCH] ??= PRIMITIVE_DEFINITIONS[PATCH] as Json;
        pathItem[op.method] = operation;
      }
      paths[path] = pathItem;
    }
  }
  return paths;
}

/** The models every document carries besides the resources (errors, deletions, watch events). */
const META_MODELS: [string, { group: string; version: string; kind: string }][] = [
  ["V1Status", { group: "", version: "v1", kind: "Status" }],
  ["V1DeleteOptions", { group: "", version: "v1", kind: "DeleteOptions" }],
  ["V1WatchEvent", { group: "", version: "v1", kind: "WatchEvent" }],
];

/**
 * Builds (and caches) the OpenAPI documents of the kinds in a registry.
 *
 * @example
 * ```ts
 * const openapi = new OpenApiDocuments(kinds);
 * openapi.v3("api/v1")?.components; // { schemas: { "io.k8s.api.core.v1.Pod": ... } }
 * ```
 */
export class OpenApiDocuments {
  readonly #kinds: KindRegistry;
  #v2: string | undefined;
  readonly #v3 = new Map<string, string>();

  constructor(kinds: KindRegistry) {
    this.#kinds = kinds;
  }

  /** `/openapi/v2` (Swagger 2.0), serialized. */
  v2Text(): string {
    if (this.#v2 === undefined) {
      const definitions = new DefinitionSet("v2");
      for (const [model, gvk] of META_MODELS) definitions.kind(model, gvk);
      const paths = renderPaths(this.#kinds.all(), definitions, "v2");
      this.#v2 = JSON.stringify({
        swagger: "2.0",
        info: { title: "Kubernetes", version: KUBERNETES_VERSION },
        paths,
        definitions: definitions.definitions,
        securityDefinitions: {
          BearerToken: {
            description: "Bearer Token authentication",
            type: "apiKey",
            name: "authorization",
            in: "header",
          },
        },
        security: [{ BearerToken: [] }],
      });
    }
    return this.#v2;
  }

  /** `/openapi/v2` as an object. */
  v2(): Json {
    return JSON.parse(this.v2Text()) as Json;
  }

  /** Group-version paths of the v3 documents: `api/v1`, `apis/apps/v1`, … */
  v3Paths(): string[] {
    const seen = new Set<string>();
    for (const type of this.#kinds.all()) {
      seen.add(type.group ? `apis/${apiVersionOf(type)}` : `api/${type.version}`);
    }
    return [...seen];
  }

  /** The v3 document of one group version (`api/v1`), serialized, or undefined. */
  v3Text(path: string): string | undefined {
    const cached = this.#v3.get(path);
    if (cached) return cached;
    const types = this.#kinds
      .all()
      .filter((t) => (t.group ? `apis/${apiVersionOf(t)}` : `api/${t.version}`) === path);
    if (types.length === 0) return undefined;
    const definitions = new DefinitionSet("v3");
    for (const [model, gvk] of META_MODELS) definitions.kind(model, gvk);
    const paths = renderPaths(types, definitions, "v3");
    const text = JSON.stringify({
      openapi: "3.0.0",
      info: { title: "Kubernetes", version: KUBERNETES_VERSION },
      paths,
      components: {
        schemas: definitions.definitions,
        securitySchemes: {
          BearerToken: {
            description: "Bearer Token authentication",
            type: "apiKey",
            name: "authorization",
            in: "header",
          },
        },
      },
    });
    this.#v3.set(path, text);
    return text;
  }

  /** The v3 document of one group version as an object, or undefined. */
  v3(path: string): Json | undefined {
    const text = this.v3Text(path);
    return text === undefined ? undefined : (JSON.parse(text) as Json);
  }

  /** The content hash the v3 discovery document links each group version with. */
  v3Hash(path: string): string {
    return createHash("sha512")
      .update(this.v3Text(path) ?? "")
      .digest("hex")
      .toUpperCase();
  }

  /** `/openapi/v3`: where each group version's document is. */
  v3Root(): Json {
    return {
      paths: Object.fromEntries(
        this.v3Paths().map((p) => [p, { serverRelativeURL: `/openapi/v3/${p}?hash=${this.v3Hash(p)}` }]),
      ),
    };
  }
}
