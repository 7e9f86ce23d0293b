import type { ResourceType } from "../api/kinds.ts";
import { apiVersionOf } from "../api/kinds.ts";
import type { KubeObject } from "../api/types.ts";
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
