import type { Command } from "commander";
import type { Taint } from "../../api/types.ts";
import { isQualifiedName, isValidLabelValue } from "../../api/validation.ts";
import { errorMessage } from "../errors.ts";
import type { CommandContext } from "../Kubectl.ts";
import { KubectlError } from "../KubectlError.ts";
import { resolveTargets } from "./targets.ts";

const EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/** parseTaints: `key=value:Effect` / `key:Effect` to add, `key:Effect-` / `key-` to remove. */
export function parseTaintSpecs(specs: readonly string[]): {
  add: Taint[];
  remove: { key: string; effect?: string }[];
} {
  const add: Taint[] = [];
  const remove: { key: string; effect?: string }[] = [];
  for (const spec of specs) {
    if (spec.endsWith("-")) {
      const body = spec.slice(0, -1);
      const [key = "", effect] = body.split(":");
      if (effect !== undefined && !EFFECTS.includes(effect))
        throw new KubectlError(`error: invalid taint effect: ${effect}, unsupported taint effect`);
      remove.push(effect === undefined ? { key } : { key, effect });
      continue;
    }
    const colon = spec.lastIndexOf(":");
    if (colon < 0) throw new KubectlError(`error: invalid taint spec: ${spec}`);
    const effect = spec.slice(colon + 1);
    const [key = "", value, extra] = spec.slice(0, colon).split("=");
    if (
      extra !== undefined ||
      !EFFECTS.includes(effect) ||
      isQualifiedName(key).length > 0 ||
      (value !== undefined && isValidLabelValue(value).length > 0)
    ) {
      if (!EFFECTS.includes(effect))
        throw new KubectlError(`error: invalid taint effect: ${effect}, unsupported taint effect`);
      throw new KubectlError(`error: invalid taint spec: ${spec}`);
    }
    add.push({ key, effect: effect as Taint["effect"], ...(value ? { value } : {}) });
  }
  return { add, remove };
}

/** `kubectl taint nodes NODE key=value:Effect …` (and `key:Effect-` to remove). */
export function registerTaint(program: Command, ctx: CommandContext): void {
  program
    .command("taint")
    .argument("[args...]")
    .option("--overwrite")
    .option("-l, --selector <selector>")
    .option("--all")
    .action((args: string[], opts: Record<string, unknown>) => {
      const first = args.findIndex(
        (a, i) => i > 0 && (a.includes(":") || a.endsWith("-") || a.includes("=")),
      );
      const resources = first < 0 ? args : args.slice(0, first);
      const specs = first < 0 ? [] : args.slice(first);
      if (specs.length === 0) throw new KubectlError("error: at least one taint update is required");
      const { add, remove } = parseTaintSpecs(specs);
      const { targets, errors } = resolveTargets(ctx, resources, opts.selector as string | undefined);
      for (const { type, object } of targets) {
        if (type.kind !== "Node") {
          errors.push(`error: invalid resource type ${type.plural}, only node types are supported`);
          continue;
        }
        let taints = [...((object.spec as { taints?: Taint[] } | undefined)?.taints ?? [])];
        for (const t of add) {
          const same = taints.find((x) => x.key === t.key && x.effect === t.effect);
          if (same && !opts.overwrite) {
            throw new KubectlError(
              `error: node ${object.metadata.name} already has ${t.key} taint(s) with same effect(s) and --overwrite is false`,
            );
          }
        }
        for (const r of remove) {
          const before = taints.length;
          taints = taints.filter(
            (x) => !(x.key === r.key && (r.effect === undefined || x.effect === r.effect)),
          );
          if (taints.length === before) {
            throw new KubectlError(
              `error: taint ${JSON.stringify(r.effect ? `${r.key}:${r.effect}` : r.key)} not found`,
            );
          }
        }
        for (const t of add) {
          const i = taints.findIndex((x) => x.key === t.key && x.effect === t.effect);
          if (i >= 0) taints[i] = t;
          else taints.push(t);
        }
        try {
          ctx.host.client.api.patch("kubectl", type, undefined, object.metadata.name as string, "merge", {
            spec: { taints: taints.length > 0 ? taints : null },
          });
          const verb =
            add.length > 0 && remove.length > 0 ? "modified" : add.length > 0 ? "tainted" : "untainted";
          ctx.out(`node/${object.metadata.name} ${verb}\n`);
        } catch (error) {
          errors.push(errorMessage(error));
        }
      }
      if (errors.length > 0) throw new KubectlError(errors.join("\n"));
    });
}
