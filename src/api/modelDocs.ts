/**
 * Documentation of the generated models: each model's OpenAPI definition name, its description,
 * and per field the description and whether it is required. Read from the doc comments of the
 * generated TypeScript declarations — `@kubernetes/client-node` (the models src/api/schema.ts takes
 * the structure from) and, for fields whose type is another model (which client-node leaves
 * undocumented), `kubernetes-models`. Nothing is retyped: the descriptions are the ones of the
 * Kubernetes OpenAPI document both packages are generated from.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** One field's documentation. */
export interface FieldDoc {
  description?: string;
  required: boolean;
}

/** One model's documentation. */
export interface ModelDoc {
  /** OpenAPI definition name, e.g. `io.k8s.api.core.v1.Pod`. */
  definition: string;
  description?: string;
  fields: ReadonlyMap<string, FieldDoc>;
}

const require = createRequire(import.meta.url);
const CLIENT_MODELS = join(
  dirname(require.resolve("@kubernetes/client-node/package.json")),
  "dist",
  "gen",
  "models",
);

/** `IoK8sApiCoreV1PodSpec` → `io.k8s.api.core.v1.PodSpec`. */
export function definitionName(id: string): string | undefined {
  const match = /^IoK8s((?:[A-Z][a-z0-9]*)+?)(V\d+(?:alpha\d+|beta\d+)?)([A-Z]\w*)$/.exec(id);
  if (!match) return undefined;
  const humps = (match[1] as string).match(/[A-Z][a-z0-9]*/g) ?? [];
  return [
    "io",
    "k8s",
    ...humps.map((h) => h.toLowerCase()),
    (match[2] as string).toLowerCase(),
    match[3],
  ].join(".");
}

interface ParsedDeclaration {
  description?: string;
  fields: Map<string, FieldDoc>;
}

/** Read the first interface or class declaration of a generated `.d.ts` with its doc comments. */
function parseDeclaration(text: string): ParsedDeclaration {
  const fields = new Map<string, FieldDoc>();
  const result: ParsedDeclaration = { fields };
  const lines = text.split("\n");
  let comment: string[] | undefined;
  let pending: string | undefined;
  let inBody = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (line.startsWith("/**")) {
      comment = [];
      const rest = line.slice(3).replace(/\*\/$/, "").trim();
      if (rest) comment.push(rest);
      if (line.endsWith("*/")) {
        pending = comment.join(" ");
        comment = undefined;
      }
      continue;
    }
    if (comment) {
      if (line.endsWith("*/")) {
        const rest = line.replace(/\*\/$/, "").replace(/^\*\s?/, "");
        if (rest.trim()) comment.push(rest.trim());
        pending = comment.join("\n");
        comment = undefined;
      } else {
        comment.push(line.replace(/^\*\s?/, ""));
      }
      continue;
    }
    if (!inBody) {
      if (/^export (?:declare )?(?:interface|class) /.test(line)) {
        if (pending) result.description = tidy(pending);
        inBody = true;
      }
      pending = undefined;
      continue;
    }
    if (line === "}" || line.startsWith("static ") || line.startsWith("constructor")) break;
    const field = /^["']([^"']+)["'](\??):/.exec(line);
    if (field) {
      const doc: FieldDoc = { required: field[2] !== "?" };
      if (pending) doc.description = tidy(pending);
      fields.set(field[1] as string, doc);
    }
    pending = undefined;
  }
  return result;
}

/** Doc comments keep the description's line breaks; trailing spaces and blank edges go. */
function tidy(text: string): string {
  return text
    .split("\n")
    .map((l) => l.trimEnd())
    .join("\n")
    .trim();
}

let kubernetesModels: Map<string, ParsedDeclaration & { id: string }> | undefined;

/** Index `kubernetes-models` and `@kubernetes-models/apimachinery` by definition id. */
function kubernetesModelsIndex(): Map<string, ParsedDeclaration & { id: string }> {
  if (kubernetesModels) return kubernetesModels;
  kubernetesModels = new Map();
  const roots = [
    dirname(require.resolve("kubernetes-models/package.json")),
    dirname(require.resolve("@kubernetes-models/apimachinery/package.json")),
  ];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && !entry.name.startsWith("_")) visit(path);
      } else if (entry.name.endsWith(".d.ts") && entry.name !== "index.d.ts") {
        const text = readFileSync(path, "utf8");
        const alias = /export \{ \w+ as I(IoK8s\w+), \w+ as IoK8s\w+ \};/.exec(text);
        if (!alias) continue;
        const id = alias[1] as string;
        kubernetesModels?.set(id, { id, ...parseDeclaration(text) });
      }
    }
  };
  for (const root of roots) visit(root);
  return kubernetesModels;
}

/** The `kubernetes-models` id of a client-node model (`V1Pod` → `IoK8sApiCoreV1Pod`). */
function counterpart(model: string): string | undefined {
  const index = kubernetesModelsIndex();
  const matches = [...index.keys()].filter(
    (id) => id.endsWith(model) && /[a-z0-9]$/.test(id.slice(0, id.length - model.length)),
  );
  if (matches.length <= 1) return matches[0];
  // Ambiguous names (client-node prefixes the group only when needed): the core group wins.
  return matches.find((id) => id.startsWith("IoK8sApiCore")) ?? matches.sort()[0];
}

const cache = new Map<string, ModelDoc | undefined>();

/**
 * Documentation of a generated model, or undefined when there is no such model.
 *
 * @example
 * ```ts
 * modelDoc("V1Pod")?.definition; // "io.k8s.api.core.v1.Pod"
 * modelDoc("V1PodSpec")?.fields.get("containers")?.required; // true
 * ```
 */
export function modelDoc(model: string): ModelDoc | undefined {
  if (cache.has(model)) return cache.get(model);
  let own: ParsedDeclaration;
  try {
    own = parseDeclaration(readFileSync(join(CLIENT_MODELS, `${model}.d.ts`), "utf8"));
  } catch {
    cache.set(model, undefined);
    return undefined;
  }
  const id = counterpart(model);
  const other = id ? kubernetesModelsIndex().get(id) : undefined;
  const fields = new Map<string, FieldDoc>();
  for (const [name, doc] of own.fields) {
    const description = other?.fields.get(name)?.description ?? doc.description;
    fields.set(name, { required: doc.required, ...(description ? { description } : {}) });
  }
  const description = other?.description ?? own.description;
  const doc: ModelDoc = {
    definition: (id && definitionName(id)) ?? `io.k8s.kubespec.${model}`,
    fields,
    ...(description ? { description } : {}),
  };
  cache.set(model, doc);
  return doc;
}
