/**
 * Reading manifests as kubectl's resource builder does: multi-document YAML or JSON, `kind: List`
 * flattened, every document checked before anything is sent, errors worded as kubectl words them.
 */
import { parseDocument, type YAMLError } from "yaml";
import type { KubeObject } from "../api/types.ts";
import { KubectlError } from "./KubectlError.ts";

/** One object read from a manifest, with where it came from. */
export interface ManifestObject {
  object: KubeObject;
  /** `STDIN` or the file path as given. */
  source: string;
}

/** go-yaml's wording for the common syntax errors the `yaml` package reports by code. */
const GO_YAML_MESSAGES: Record<string, string> = {
  BLOCK_AS_IMPLICIT_KEY: "mapping values are not allowed in this context",
  MULTILINE_IMPLICIT_KEY: "mapping values are not allowed in this context",
  BAD_INDENT: "did not find expected key",
  MISSING_CHAR: "did not find expected key",
  UNEXPECTED_TOKEN: "did not find expected key",
  DUPLICATE_KEY: "duplicate key",
  TAB_AS_INDENT: "found character that cannot start any token",
  BAD_SCALAR_START: "found character that cannot start any token",
  BLOCK_IN_FLOW: "did not find expected ',' or ']'",
  MISSING_ANCHOR: "unknown anchor",
};

function yamlErrorMessage(error: YAMLError, chunk: string): string {
  // go-yaml reports where its scanner stopped: for a misplaced mapping, the line of the ":".
  let line = error.linePos?.[0]?.line ?? 1;
  if (error.code === "BLOCK_AS_IMPLICIT_KEY" || error.code === "MULTILINE_IMPLICIT_KEY") {
    const colon = chunk.indexOf(":", error.pos[0]);
    if (colon >= 0) line = chunk.slice(0, colon).split("\n").length;
  }
  const text = GO_YAML_MESSAGES[error.code] ?? error.message.split(" at line ")[0];
  return `yaml: line ${line}: ${text}`;
}

/**
 * Parse a manifest; throws {@link KubectlError} with kubectl's message (naming the line) when the
 * YAML is malformed or a document lacks apiVersion/kind.
 *
 * @example
 * ```ts
 * parseManifests("apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n", "STDIN")[0]?.object.kind; // "Pod"
 * ```
 */
export function parseManifests(text: string, source: string): ManifestObject[] {
  const objects: ManifestObject[] = [];
  const values: unknown[] = [];
  // kubectl's YAMLReader splits the stream at "---" lines and decodes each chunk on its own, so
  // error line numbers count from the start of the document.
  for (const chunk of splitDocuments(text)) {
    const doc = parseDocument(chunk, { version: "1.1", uniqueKeys: true });
    const error = doc.errors[0];
    if (error)
      throw new KubectlError(
        `error: error parsing ${source}: error converting YAML to JSON: ${yamlErrorMessage(error, chunk)}`,
      );
    values.push(doc.toJS({ maxAliasCount: 100 }));
  }
  for (const value of values) {
    if (value === null || value === undefined) continue;
    if (typeof value !== "object" || Array.isArray(value)) {
      throw new KubectlError(
        `error: error validating "${source}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`,
      );
    }
    const object = normalizeDates(value) as KubeObject;
    if (
      object.kind === "List" ||
      (typeof object.kind === "string" && object.kind.endsWith("List") && Array.isArray(object.items))
    ) {
      for (const item of (object.items as KubeObject[]) ?? []) objects.push({ object: item, source });
      continue;
    }
    objects.push({ object, source });
  }
  for (const { object } of objects) {
    if (!object.apiVersion) {
      throw new KubectlError(
        `error: error validating "${source}": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false`,
      );
    }
    if (!object.kind) {
      throw new KubectlError(
        `error: error validating "${source}": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false`,
      );
    }
  }
  return objects;
}

/**
 * sigs.k8s.io/yaml ToJSON of one YAML (or JSON) document, as `kubectl patch -p` reads its patch;
 * throws a KubectlError-free Error whose message is `error converting YAML to JSON: yaml: ...`.
 *
 * @example
 * ```ts
 * yamlToJson('{"spec":{"replicas":3}}'); // { spec: { replicas: 3 } }
 * ```
 */
export function yamlToJson(text: string): unknown {
  const doc = parseDocument(text, { version: "1.1", uniqueKeys: true });
  const error = doc.errors[0];
  if (error) throw new Error(`error converting YAML to JSON: ${yamlErrorMessage(error, text)}`);
  return normalizeDates(doc.toJS({ maxAliasCount: 100 }));
}

/** Split a YAML stream at document separator lines (`---`), as yaml.NewYAMLReader does. */
function splitDocuments(text: string): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  for (const line of text.split("\n")) {
    if (/^---(\s|$)/.test(line)) {
      chunks.push(current.join("\n"));
      current = [];
      const rest = line.slice(3).trim();
      if (rest.length > 0 && !rest.startsWith("#")) current.push(rest);
    } else {
      current.push(line);
    }
  }
  chunks.push(current.join("\n"));
  return chunks.filter((c) => c.trim().length > 0);
}

/** YAML 1.1 timestamps parse as Dates; Kubernetes wants the RFC 3339 text back. */
function normalizeDates(value: unknown): unknown {
  if (value instanceof Date) return `${value.toISOString().slice(0, 19)}Z`;
  if (Array.isArray(value)) return value.map(normalizeDates);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = normalizeDates(v);
    return out;
  }
  return value;
}
