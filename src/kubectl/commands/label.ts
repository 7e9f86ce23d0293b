import type { Command } from "commander";
import { isValidLabelValue } from "../../api/validation.ts";
import { errorMessage } from "../errors.ts";
import type { CommandContext } from "../Kubectl.ts";
import { KubectlError } from "../KubectlError.ts";
import { kindPrefix } from "../resources.ts";
import { resolveTargets } from "./targets.ts";

/** parseLabels of kubectl label: `k=v` to set, `k-` to remove. */
export function parseLabelSpecs(specs: readonly string[]): { set: Record<string, string>; remove: string[] } {
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const spec of specs) {
    if (spec.includes("=")) {
      const parts = spec.split("=");
      if (parts.length !== 2) throw new KubectlError(`error: invalid label spec: ${spec}`);
      const errors = isValidLabelValue(parts[1] as string);
      if (errors.length > 0)
        throw new KubectlError(`error: invalid label value: ${JSON.stringify(spec)}: ${errors.join(";")}`);
      set[parts[0] as string] = parts[1] as string;
    } else if (spec.endsWith("-")) {
      remove.push(spec.slice(0, -1));
    } else {
      throw new KubectlError(`error: unknown label spec: ${spec}`);
    }
  }
  for (const key of remove) {
    if (key in set)
      throw new KubectlError("error: can not both modify and remove a label in the same command");
  }
  return { set, remove };
}

/** `kubectl label`: add, change (--overwrite) or remove labels with a merge patch. */
export function registerLabel(program: Command, ctx: CommandContext): void {
  program
    .command("label")
    .argument("[args...]")
    .option("--overwrite")
    .option("-l, --selector <selector>")
    .option("--all")
    .option("--list")
    .action((args: string[], opts: Record<string, unknown>) => {
      const specStart = args.findIndex((a) => a.includes("=") || (a.endsWith("-") && !a.includes("/")));
      const resourceArgs = specStart < 0 ? args : args.slice(0, specStart);
      const specs = specStart < 0 ? [] : args.slice(specStart);
      if (resourceArgs.length === 0) {
        throw new KubectlError(
          "error: one or more resources must be specified as <resource> <name> or <resource>/<name>",
        );
      }
      const { set, remove } = parseLabelSpecs(specs);
      if (specs.length === 0 && !opts.list)
        throw new KubectlError("error: at least one label update is required");
      const { targets, errors } = resolveTargets(
        ctx,
        resourceArgs,
        opts.selector as string | undefined,
        undefined,
        opts.all === true,
      );
      for (const { type, object } of targets) {
        const labels = object.metadata.labels ?? {};
        if (opts.list) {
          for (const key of Object.keys(labels).sort()) ctx.out(`${key}=${labels[key]}\n`);
          continue;
        }
        if (!opts.overwrite) {
          for (const key of Object.keys(set)) {
            if (key in labels && labels[key] !== undefined) {
              throw new KubectlError(
                `error: '${key}' already has a value (${labels[key]}), and --overwrite is false`,
              );
            }
          }
        }
        for (const key of remove) if (!(key in labels)) ctx.out(`label ${JSON.stringify(key)} not found.\n`);
        const next: Record<string, string> = { ...labels, ...set };
        for (const key of remove) delete next[key];
        const before = JSON.stringify(object);
        const updated = { ...object, metadata: { ...object.metadata, labels: next } };
        const after = JSON.stringify(updated);
        let message = "not labeled";
        if (before !== after) {
          message = "labeled";
          if (!opts.overwrite && after.length < before.length) message = "unlabeled";
        }
        const patch: Record<string, string | null> = {};
        for (const [k, v] of Object.entries(set)) if (labels[k] !== v) patch[k] = v;
        for (const k of remove) if (k in labels) patch[k] = null;
        try {
          if (Object.keys(patch).length > 0) {
            ctx.host.client.api.patch(
              "kubectl",
              type,
              object.metadata.namespace,
              object.metadata.name as string,
              "merge",
              {
                metadata: { labels: patch },
              },
            );
          }
          ctx.out(`${kindPrefix(type)}/${object.metadata.name} ${message}\n`);
        } catch (error) {
          errors.push(errorMessage(error));
        }
      }
      if (errors.length > 0) throw new KubectlError(errors.join("\n"));
    });
}
