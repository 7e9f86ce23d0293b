import { wrapString } from "./wordWrap.ts";

type Schema = Record<string, unknown>;
type Document = Record<string, unknown>;

/**
 * What `kubectl explain` asks for: the resource's group/version/resource and a field path.
 *
 * @example
 * ```ts
 * const request: ExplainRequest = { group: "apps", version: "v1", resource: "deployments", fieldPath: ["spec"], recursive: false };
 * ```
 */
export interface ExplainRequest {
  group: string;
  version: string;
  resource: string;
  fieldPath: readonly string[];
  recursive: boolean;
}

/**
 * An error the template throws: kubectl prints it after whatever the template wrote already.
 *
 * @example
 * ```ts
 * throw new ExplainError('error: field "nope" does not exist');
 * ```
 */
export class ExplainError extends Error {}

/** Go template truthiness (text/template `truth`): zero values and empty collections are false. */
function truthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value as object).length > 0;
  return true;
}

function asSchema(value: unknown): Schema | undefined {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Schema) : undefined;
}

/** `and .additionalProperties (not (eq "bool" (printf "%T" .additionalProperties)))`. */
function mapValues(schema: Schema): Schema | undefined {
  const ap = schema.additionalProperties;
  return truthy(ap) && typeof ap !== "boolean" ? asSchema(ap) : undefined;
}

/** The template's `resolveRef`: a `#/a/b` fragment followed through the document's maps. */
function resolveRef(ref: unknown, document: Document): Schema | undefined {
  if (typeof ref !== "string" || !ref.startsWith("#")) return undefined;
  let current: Schema = document;
  for (const part of ref.slice(1).split("/")) {
    if (part.length === 0) continue;
    const next = asSchema(current[decodeURIComponent(part)]);
    if (!next) return undefined;
    current = next;
  }
  return current;
}

/** The template's `indent`: pad the first line and every line after a newline. */
function indent(amount: number, text: string): string {
  const pad = " ".repeat(amount);
  return pad + text.replaceAll("\n", `\n${pad}`);
}

/** Go's `%v` of a JSON string, number or boolean inside a template. */
function goValue(value: unknown): string {
  return String(value);
}

function sortedEntries(object: Schema | undefined): [string, unknown][] {
  if (!object) return [];
  return Object.keys(object)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => [k, object[k]]);
}

function sameGvk(a: unknown, b: Schema): boolean {
  const x = asSchema(a);
  if (!x) return false;
  const keys = Object.keys(x);
  return keys.length === Object.keys(b).length && keys.every((k) => x[k] === b[k]);
}

/**
 * kubectl's explain output in the default `plaintext` format, rendered from an OpenAPI v3 document
 * of the resource's group version — a transcription of the logic of
 * staging/src/k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl (v1.32) and its functions
 * (funcs.go: `wrap` is go-wordwrap, `indent` pads every line). The output written before an error
 * is returned with it, as kubectl has already printed it.
 *
 * @example
 * ```ts
 * const { out } = renderExplain(document, { group: "", version: "v1", resource: "pods", fieldPath: ["spec"], recursive: false });
 * // "KIND:       Pod\nVERSION:    v1\n\nFIELD: spec <PodSpec>\n..."
 * ```
 */
export function renderExplain(document: Document, request: ExplainRequest): { out: string; error?: string } {
  let out = "";
  const prefix = request.group ? `/apis/${request.group}` : "/api";
  const searchPaths = [
    [prefix, request.version, request.resource].join("/"),
    [prefix, request.version, request.resource, "{name}"].join("/"),
    [prefix, request.version, "namespaces", "{namespace}", request.resource].join("/"),
    [prefix, request.version, "namespaces", "{namespace}", request.resource, "{name}"].join("/"),
  ];
  const paths = asSchema(document.paths) ?? {};
  let gvk: Schema | undefined;
  for (const path of searchPaths) {
    const element = asSchema(paths[path]);
    if (!truthy(element) || !element) continue;
    for (const method of ["get", "post", "put", "patch", "delete"]) {
      const operation = asSchema(element[method]);
      if (!truthy(operation) || !operation) continue;
      gvk = asSchema(operation["x-kubernetes-group-version-kind"]);
      if (truthy(gvk)) break;
    }
  }
  if (!gvk || !truthy(gvk)) {
    const gvr = `${request.group ? `${request.group}/` : "/"}${request.version}, Resource=${request.resource}`;
    return { out, error: `error: GVR (${gvr}) not found in OpenAPI schema` };
  }
  if (truthy(gvk.group)) out += `GROUP:      ${goValue(gvk.group)}\n`;
  out += `KIND:       ${goValue(gvk.kind)}\n`;
  out += `VERSION:    ${goValue(gvk.version)}\n`;
  out += "\n";
  try {
    const text = schemaTemplate(document, gvk, request.fieldPath, request.recursive);
    if (!text) {
      return {
        out,
        error: `error: GVK map[group:${goValue(gvk.group ?? "")} kind:${goValue(gvk.kind)} version:${goValue(gvk.version)}] not found in OpenAPI schema`,
      };
    }
    out += text;
  } catch (error) {
    if (error instanceof ExplainError) return { out, error: error.message };
    throw error;
  }
  out += "\n";
  return { out };
}

/** The template `schema`: find the definition with this GVK and render `output` from it. */
function schemaTemplate(
  document: Document,
  gvk: Schema,
  fieldPath: readonly string[],
  recursive: boolean,
): string {
  const schemas = asSchema(asSchema(document.components)?.schemas);
  for (const [, value] of sortedEntries(schemas)) {
    const schema = asSchema(value);
    if (!schema) continue;
    const gvks = schema["x-kubernetes-group-version-kind"];
    if (!Array.isArray(gvks) || !gvks.some((g) => sameGvk(g, gvk))) continue;
    const text = output({ schema, history: {}, document, fieldPath, recursive });
    if (text) return text;
    const fieldName = fieldPath[fieldPath.length - 1];
    throw new ExplainError(`error: field "${fieldName}" does not exist`);
  }
  return "";
}

interface OutputContext {
  schema: Schema;
  history: Record<string, number>;
  document: Document;
  fieldPath: readonly string[];
  recursive: boolean;
}

/** The template `output`: follow the field path, then print the description and the fields. */
function output(ctx: OutputContext): string {
  const refString = typeof ctx.schema.$ref === "string" ? ctx.schema.$ref : "";
  const next: OutputContext = { ...ctx, history: { ...ctx.history, [refString]: 1 } };
  const resolved = resolveRef(refString, ctx.document) ?? ctx.schema;
  let out = "";
  if (ctx.fieldPath.length === 0) {
    out += "DESCRIPTION:\n";
    out += `${indent(4, wrapString(description(resolved, ctx.document) || "<empty>", 76))}\n`;
    const docs = externalDocs(resolved);
    if (docs) out += `\n${docs}`;
    const fields = fieldList({
      schema: resolved,
      level: 1,
      history: {},
      document: ctx.document,
      recursive: ctx.recursive,
    });
    if (fields) out += `FIELDS:\n${fields}`;
    return out;
  }
  if (refString && ctx.history[refString]) return "";
  const properties = asSchema(resolved.properties);
  const first = ctx.fieldPath[0] as string;
  const subschema = properties ? asSchema(properties[first]) : undefined;
  if (truthy(properties) && truthy(subschema) && subschema) {
    if (ctx.fieldPath.length === 1) {
      out += `FIELD: ${first} <${typeGuess(subschema, ctx.document)}>\n`;
      out += `${extractEnum(subschema, true, -1, 0)}\n`;
      out += "\n";
    }
    return out + output({ ...next, history: {}, fieldPath: ctx.fieldPath.slice(1), schema: subschema });
  }
  const items = asSchema(resolved.items);
  if (truthy(items) && items) return output({ ...next, schema: items });
  const values = mapValues(resolved);
  if (values) return output({ ...next, schema: values });
  for (const sub of Array.isArray(resolved.allOf) ? resolved.allOf : []) {
    const text = output({ ...next, schema: asSchema(sub) ?? {} });
    if (text) return text;
  }
  return "";
}

interface FieldListContext {
  schema: Schema;
  level: number;
  history: Record<string, number>;
  document: Document;
  recursive: boolean;
}

/** The template `fieldList`: every property (sorted), recursing into refs, items, maps and allOf. */
function fieldList(ctx: FieldListContext): string {
  const refString = typeof ctx.schema.$ref === "string" ? ctx.schema.$ref : "";
  if (refString && ctx.history[refString]) return "";
  const next: FieldListContext = { ...ctx, history: { ...ctx.history, [refString]: 1 } };
  const resolved = resolveRef(refString, ctx.document) ?? ctx.schema;
  let out = "";
  for (const [name, value] of sortedEntries(asSchema(resolved.properties))) {
    out += fieldDetail(name, resolved, ctx.recursive, ctx.level, ctx.document);
    if (ctx.recursive) out += fieldList({ ...next, schema: asSchema(value) ?? {}, level: ctx.level + 1 });
  }
  for (const sub of Array.isArray(resolved.allOf) ? resolved.allOf : [])
    out += fieldList({ ...next, schema: asSchema(sub) ?? {} });
  const items = asSchema(resolved.items);
  if (truthy(items) && items) out += fieldList({ ...next, schema: items });
  const values = mapValues(resolved);
  if (values) out += fieldList({ ...next, schema: values });
  return out;
}

/** The template `fieldDetail`: `name\t<type>`, `-required-`, enum values, the description. */
function fieldDetail(
  name: string,
  schema: Schema,
  short: boolean,
  level: number,
  document: Document,
): string {
  const indentAmount = level * 2;
  const field = asSchema(asSchema(schema.properties)?.[name]) ?? {};
  let out = `${indent(indentAmount, name)}\t<${typeGuess(field, document)}>`;
  if (Array.isArray(schema.required) && schema.required.includes(name)) out += " -required-";
  out += extractEnum(field, false, 4, indentAmount);
  out += "\n";
  if (!short) {
    const text = typeof field.description === "string" && field.description ? field.description : "";
    out += `${indent(indentAmount + 2, wrapString(text || "<no description>", 78 - indentAmount))}\n`;
    const docs = asSchema(field.externalDocs);
    if (truthy(docs) && docs) {
      out += `\n${indent(indentAmount + 2, "EXTERNAL DOCS:")}\n`;
      if (truthy(docs.description))
        out += `${indent(indentAmount + 4, wrapString(String(docs.description), 76 - indentAmount))}\n`;
      if (truthy(docs.url)) out += `${indent(indentAmount + 4, `URL: ${String(docs.url)}`)}\n`;
    }
    out += "\n";
  }
  return out;
}

/** The template `description`: the schema's own description, then its allOf, items and map values'. */
function description(schema: Schema, document: Document): string {
  const s = resolveRef(schema.$ref, document) ?? schema;
  if (!truthy(s)) return "";
  let out = "";
  if (truthy(s.description)) out += `${String(s.description)}\n`;
  for (const sub of Array.isArray(s.allOf) ? s.allOf : []) out += description(asSchema(sub) ?? {}, document);
  const items = asSchema(s.items);
  if (truthy(items) && items) out += description(items, document);
  const values = mapValues(s);
  if (values) out += description(values, document);
  return out;
}

/** The template `externalDocs`. */
function externalDocs(schema: Schema): string {
  const docs = asSchema(schema.externalDocs);
  if (!truthy(docs) || !docs) return "";
  let out = "EXTERNAL DOCS:\n";
  if (truthy(docs.description)) out += `${indent(4, wrapString(String(docs.description), 76))}\n`;
  if (truthy(docs.url)) out += `${indent(4, `URL: ${String(docs.url)}`)}\n`;
  return out;
}

/** The template `typeGuess`: `string`, `Object`, `[]Container`, `map[string]string`, … */
function typeGuess(schema: Schema, document: Document): string {
  const items = asSchema(schema.items);
  if (truthy(items) && items) return `[]${typeGuess(items, document)}`;
  const values = mapValues(schema);
  if (values) return `map[string]${typeGuess(values, document)}`;
  const allOf = Array.isArray(schema.allOf) ? schema.allOf : [];
  if (allOf.length === 1 && !truthy(schema.properties)) return typeGuess(asSchema(allOf[0]) ?? {}, document);
  const ref = schema.$ref;
  if (truthy(ref)) {
    const refSchema = resolveRef(ref, document);
    if (!refSchema || !truthy(refSchema.type) || refSchema.type === "object") {
      const name = String(ref).split("/").pop() ?? "";
      return name.split(".").pop() || "Object";
    }
    return String(refSchema.type);
  }
  if (schema.type === "object") return "Object";
  return truthy(schema.type) ? String(schema.type) : "Object";
}

/** The template `extractEnum`: `enum: a, b, c, d, ....` (short) or `ENUM:` one per line (long). */
function extractEnum(schema: Schema, isLongView: boolean, limit: number, indentAmount: number): string {
  const values = Array.isArray(schema.enum) ? schema.enum : [];
  if (values.length === 0) return "";
  const max = limit === 0 ? -1 : limit;
  let out = isLongView ? "ENUM:" : `\n${indent(indentAmount, "")}enum: `;
  for (const [index, element] of values.entries()) {
    if (max > -1 && index >= max) {
      out += ", ....";
      break;
    }
    if (index > 0 && !isLongView) out += ", ";
    else if (isLongView) out += `\n${indent(4, "")}`;
    out += typeof element === "string" && element === "" ? '""' : goValue(element);
  }
  return out;
}
