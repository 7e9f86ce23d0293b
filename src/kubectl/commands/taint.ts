import type { Command } from "commander";
import type { Taint } from "../../api/types.ts";
import { isQualifiedName, isValidLabelValue } from "../../api/validation.ts";
import { errorMessage } from "../errors.ts";
import type { CommandContext } from "../Kubectl.ts";
import { KubectlError } from "../KubectlError.ts";
import { resolveTargets } from "./targets.ts";

const EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
const USAGE = "\nSee 'kubectl taint -h' for help and examples";

/** A taint as the command line gives it (to remove: key and maybe effect). */
type TaintSpec = Omit<Taint, "effect"> & { effect?: Taint["effect"] };

/** parseTaint: `key=value:Effect`, `key:Effect` or `key` (k8s.io/kubectl/pkg/cmd/taint/utils.go). */
function parseTaint(spec: string): TaintSpec {
  const parts = spec.split(":");
  let key: string;
  let value: string | undefined;
  let effect: string | undefined;
  if (parts.length === 1) key = parts[0] as string;
  else if (parts.length === 2) {
    effect = parts[1] as string;
    if (!EFFECTS.includes(effect))
      throw new Error(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = (parts[0] as string).split("=");
    if (kv.length > 2) throw new Error(`invalid taint spec: ${spec}`);
    key = kv[0] as string;
    if (kv.length === 2) {
      value = kv[1] as string;
      const errors = isValidLabelValue(value);
      if (errors.length > 0) throw new Error(`invalid taint spec: ${spec}, ${errors.join("; ")}`);
    }
  } else throw new Error(`invalid taint spec: ${spec}`);
  const errors = isQualifiedName(key);
  if (errors.length > 0) throw new Error(`invalid taint spec: ${spec}, ${errors.join("; ")}`);
  return { key, ...(value ? { value } : {}), ...(effect ? { effect: effect as Taint["effect"] } : {}) };
}

/** Taint.ToString(). */
function taintString(t: TaintSpec): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

/**
 * parseTaints: specs ending in `-` remove (by key, or key and effect); the others add and need an
 * effect. Errors read as kubectl's usage errors.
 *
 * @example
 * ```ts
 * parseTaintSpecs(["app=blue:NoSchedule", "dedicated-"]);
 * // { add: [{ key: "app", value: "blue", effect: "NoSchedule" }], remove: [{ key: "dedicated" }] }
 * ```
 */
export function parseTaintSpecs(specs: readonly string[]): { add: Taint[]; remove: TaintSpec[] } {
  const add: Taint[] = [];
  const remove: TaintSpec[] = [];
  try {
    for (const spec of specs) {
      if (spec.endsWith("-")) {
        const t = parseTaint(spec.slice(0, -1));
        remove.push({ key: t.key, ...(t.effect ? { effect: t.effect } : {}) });
        continue;
      }
      const t = parseTaint(spec);
      if (!t.effect) throw new Error(`invalid taint spec: ${spec}`);
      if (add.some((a) => a.key === t.key && a.effect === t.effect))
        throw new Error(
          `duplicated taints with the same key and effect: {${t.key} ${t.value ?? ""} ${t.effect} <nil>}`,
        );
      add.push(t as Taint);
    }
  } catch (error) {
    throw new KubectlError(`error: ${(error as Error).message}${USAGE}`);
  }
  return { add, remove };
}

/**
 * reorganizeTaints: the added taints first, then the old ones they do not replace, minus the
 * removed ones; the operation word kubectl prints (`tainted`, `untainted`, `modified`).
 */
export function reorganizeTaints(
  old: readonly Taint[],
  add: readonly Taint[],
  remove: readonly TaintSpec[],
  overwrite: boolean,
): { taints: Taint[]; operation: string; errors: string[] } {
  let taints = [...add];
  for (const t of old) if (!taints.some((n) => n.key === t.key && n.effect === t.effect)) taints.push(t);
  const added = old.length !== taints.length;
  const errors: string[] = [];
  let deleted = false;
  for (const r of remove) {
    const before = taints.length;
    taints = taints.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)));
    deleted = taints.length !== before;
    if (!deleted) errors.push(`taint ${JSON.stringify(taintString(r))} not found`);
  }
  const operation = (added && deleted) || overwrite ? "modified" : added ? "tainted" : "untainted";
  return { taints, operation, errors };
}

/** `kubectl taint nodes NODE key=value:Effect …` (and `key:Effect-` / `key-` to remove). */
export function registerTaint(program: Command, ctx: CommandContext): void {
  program
    .command("taint")
    .argument("[args...]")
    .option("--overwrite")
    .option("-l, --selector <selector>")
    .option("--all")
    .action((args: string[], opts: Record<string, unknown>) => {
      const resources: string[] = [];
      const specs: string[] = [];
      for (const arg of args) {
        const isTaint = arg.includes("=") || arg.includes(":") || arg.endsWith("-");
        if (isTaint) specs.push(arg);
        else if (specs.length > 0)
          throw new KubectlError(`error: all resources must be specified before taint changes: ${arg}`);
        else resources.push(arg);
      }
      if (resources.length === 0)
        throw new KubectlError("error: one or more resources must be specified as <resource> <name>");
      if (specs.length === 0) throw new KubectlError("error: at least one taint update is required");
      const { add, remove } = parseTaintSpecs(specs);
      const { targets, errors } = resolveTargets(ctx, resources, opts.selector as string | undefined);
      for (const { type, object } of targets) {
        if (type.kind !== "Node") {
          errors.push(`error: invalid resource type ${type.plural}, only node types are supported`);
          continue;
        }
        const old = (object.spec as { taints?: Taint[] } | undefined)?.taints ?? [];
        if (!opts.overwrite) {
          const existing = add.filter((t) => old.some((o) => o.key === t.key && o.effect === t.effect));
          if (existing.length > 0) {
            errors.push(
              `error: node ${object.metadata.name} already has ${existing.map((t) => t.key).join(",")} taint(s) with same effect(s) and --overwrite is false`,
            );
            continue;
          }
        }
        const result = reorganizeTaints(old, add, remove, Boolean(opts.overwrite));
        if (result.errors.length > 0) {
          errors.push(`error: ${result.errors.join("\n")}`);
          continue;
        }
        try {
          ctx.host.client.api.patch("kubectl", type, undefined, object.metadata.name as string, "merge", {
            spec: { taints: result.taints.length > 0 ? result.taints : null },
          });
          ctx.out(`node/${object.metadata.name} ${result.operation}\n`);
        } catch (error) {
          errors.push(errorMessage(error));
        }
      }
      if (errors.length > 0) throw new KubectlError(errors.join("\n"));
    });
}
