import type { ResourceType } from "../api/kinds.ts";
import { apiVersionOf } from "../api/kinds.ts";
import type { KubeObject } from "../api/types.ts";
import { JsonPathError, JsonPathTemplate } from "./jsonpath/JsonPathTemplate.ts";
import { KubectlError } from "./KubectlError.ts";
import { toGoJson, toGoYaml } from "./printers/goYaml.ts";
import { buildTable } from "./printers/index.ts";
import type { Table } from "./printers/Table.ts";
import { kindPrefix } from "./resources.ts";
import { formatTabbed } from "./tabwriter.ts";

/** How `get` was asked to print. */
export interface OutputOptions {
  output: string | undefined;
  allNamespaces: boolean;
  showLabels: boolean;
  labelColumns: string[];
  noHeaders: boolean;
  /** Prefix names with `kind/` (several resource types in one get). */
  withKind: boolean;
}

const OUTPUTS = [
  "json",
  "yaml",
  "name",
  "wide",
  "go-template",
  "go-template-file",
  "template",
  "templatefile",
  "jsonpath",
  "jsonpath-as-json",
  "jsonpath-file",
  "custom-columns",
  "custom-columns-file",
];

/** Validate `-o` as kubectl does. */
export function checkOutputFormat(output: string | undefined): void {
  if (output === undefined || output === "") return;
  const format = output.split("=")[0] as string;
  if (!["json", "yaml", "name", "wide"].includes(format)) {
    throw new KubectlError(
      `error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${[...OUTPUTS].sort().join(",")}`,
    );
  }
}

/**
 * The JSONPath printer for `-o jsonpath=TEMPLATE` / `-o jsonpath-file=PATH` /
 * `-o jsonpath-as-json=TEMPLATE`, or undefined for other
 * formats (printers/jsonpath_flags.go: the template is parsed before anything is fetched).
 *
 * @example
 * ```ts
 * jsonPathPrinter("jsonpath={.kind}", readFile)?.printer.execute({ kind: "Pod" }); // "Pod"
 * ```
 */
export function jsonPathPrinter(
  output: string | undefined,
  readFile: (path: string) => string,
  templateFlag = "",
): { template: string; printer: JsonPathTemplate } | undefined {
  if (output === undefined) return undefined;
  const eq = output.indexOf("=");
  const format = eq < 0 ? output : output.slice(0, eq);
  if (format !== "jsonpath" && format !== "jsonpath-file" && format !== "jsonpath-as-json") return undefined;
  // `-o jsonpath --template=TEMPLATE` names the template with the flag instead.
  let template = eq < 0 ? templateFlag : output.slice(eq + 1);
  if (template === "") throw new KubectlError("error: template format specified but no template given");
  if (format === "jsonpath-file") {
    const path = template;
    try {
      template = readFile(path);
    } catch {
      throw new KubectlError(
        `error: error reading --template ${path}, open ${path}: no such file or directory`,
      );
    }
  }
  try {
    return { template, printer: new JsonPathTemplate(template, format === "jsonpath-as-json") };
  } catch (error) {
    if (error instanceof JsonPathError)
      throw new KubectlError(`error: error parsing jsonpath ${template}, ${error.message}`);
    throw error;
  }
}

/**
 * Print objects through a JSONPath printer (to `out`): a List of them, or the one object asked
 * for by name. Execution errors are kubectl's, with its dump of the object.
 *
 * @example
 * ```ts
 * formatJsonPath(printer, pods, false, ctx.out); // e.g. "web api" for {.items[*].metadata.name}
 * ```
 */
export function formatJsonPath(
  jsonPath: { template: string; printer: JsonPathTemplate },
  objects: KubeObject[],
  single: boolean,
  out: (text: string) => void,
): void {
  const value =
    single && objects.length === 1
      ? objects[0]
      : { apiVersion: "v1", items: objects, kind: "List", metadata: { resourceVersion: "" } };
  const data = JSON.parse(JSON.stringify(value)) as unknown;
  try {
    out(jsonPath.printer.execute(data));
  } catch (error) {
    if (error instanceof JsonPathError)
      throw new KubectlError(
        `error: error executing jsonpath ${JSON.stringify(jsonPath.template)}: Error executing template: ${error.message}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${jsonPath.template}\n\tobject given to jsonpath engine was:\n\t\t${goSyntax(data)}\n\n\n`,
      );
    throw error;
  }
}

/**
 * The printer of a command that prints the one object it made (`create`, `run`): `-o` is checked
 * (and a JSONPath template parsed) before anything is sent; the printer then renders the object.
 *
 * @example
 * ```ts
 * objectPrinter("jsonpath={.metadata.name}", readFile)(type, pod); // "web"
 * ```
 */
export function objectPrinter(
  output: string | undefined,
  readFile: (path: string) => string,
): (type: ResourceType | undefined, object: KubeObject) => string {
  const jsonPath = jsonPathPrinter(output, readFile);
  if (!jsonPath) checkOutputFormat(output);
  return (type, object) => {
    if (!jsonPath) return formatObjects(type, [object], output ?? "", true);
    let text = "";
    formatJsonPath(jsonPath, [object], true, (t) => {
      text += t;
    });
    return text;
  };
}

/** Go's `%#v` of an unstructured (JSON-decoded) value, as kubectl's jsonpath errors print it. */
function goSyntax(value: unknown): string {
  if (Array.isArray(value)) return `[]interface {}{${value.map(goSyntax).join(", ")}}`;
  if (value === null || value === undefined) return "interface {}(nil)";
  if (typeof value === "object") {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${goSyntax((value as Record<string, unknown>)[k])}`);
    return `map[string]interface {}{${entries.join(", ")}}`;
  }
  if (typeof value === "string") return JSON.stringify(value);
  return String(value);
}

function labelsText(object: KubeObject): string {
  // labels.Set.String(): the `key=value` strings are sorted, not the keys.
  const pairs = Object.entries(object.metadata.labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .sort();
  return pairs.length === 0 ? "<none>" : pairs.join(",");
}

/** The header kubectl uses for a `-L` column: the last path segment, upper-cased. */
function labelColumnHeader(key: string): string {
  const parts = key.split("/");
  return (parts[parts.length - 1] as string).toUpperCase();
}

/** Human-readable table for one resource type (the HumanReadablePrinter with its decorations). */
export function formatTable(
  type: ResourceType,
  table: Table,
  options: OutputOptions,
  printHeaders: boolean,
): string {
  const wide = options.output === "wide";
  const visible = table.columns.map((c, i) => ({ c, i })).filter(({ c }) => wide || c.priority === 0);
  const lines: string[] = [];
  if (printHeaders && !options.noHeaders) {
    const headers = visible.map(({ c }) => c.name.toUpperCase());
    if (options.allNamespaces && type.namespaced) headers.unshift("NAMESPACE");
    for (const key of options.labelColumns) headers.push(labelColumnHeader(key));
    if (options.showLabels) headers.push("LABELS");
    lines.push(headers.join("\t"));
  }
  for (const row of table.rows) {
    const object = row.object as KubeObject;
    const cells = visible.map(({ c, i }) => {
      const value = String(row.cells[i] ?? "");
      return c.format === "name" && options.withKind ? `${kindPrefix(type)}/${value}` : value;
    });
    if (options.allNamespaces && type.namespaced) cells.unshift(object.metadata.namespace ?? "");
    for (const key of options.labelColumns) cells.push(object.metadata.labels?.[key] ?? "");
    if (options.showLabels) cells.push(labelsText(object));
    lines.push(cells.join("\t"));
  }
  return lines.length === 0 ? "" : formatTabbed(lines);
}

/** Print objects for `-o json|yaml|name`; `single` prints one object instead of a List. */
export function formatObjects(
  type: ResourceType | undefined,
  objects: KubeObject[],
  output: string,
  single: boolean,
): string {
  const format = output.split("=")[0];
  if (format === "name") {
    return objects.map((o) => `${kindPrefix(typeOf(type, o))}/${o.metadata.name}\n`).join("");
  }
  const value =
    single && objects.length === 1
      ? objects[0]
      : { apiVersion: "v1", items: objects, kind: "List", metadata: { resourceVersion: "" } };
  return format === "json" ? toGoJson(value) : toGoYaml(value);
}

function typeOf(type: ResourceType | undefined, object: KubeObject): { group: string; kind: string } {
  if (type) return type;
  const [group, version] = object.apiVersion.includes("/")
    ? object.apiVersion.split("/")
    : ["", object.apiVersion];
  void version;
  return { group: group ?? "", kind: object.kind };
}

/** Table for objects of a type at virtual time `now`. */
export function tableFor(type: ResourceType, objects: KubeObject[], now: number): Table {
  return buildTable(type.kind, objects, { now, wide: true });
}

/** The API version string for a type, re-exported for commands. */
export { apiVersionOf };
