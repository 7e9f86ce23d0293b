import type { Command } from "commander";
import type { Pod } from "../../api/types.ts";
import { errorMessage } from "../errors.ts";
import type { CommandContext } from "../Kubectl.ts";
import { KubectlError } from "../KubectlError.ts";
import { kindPrefix } from "../resources.ts";
import { resolveTargets } from "./targets.ts";

type PodSpec = NonNullable<Pod["spec"]>;

/** The pod spec inside a workload (or the pod's own). */
export function podSpecOf(object: { kind: string; spec?: unknown }): PodSpec | undefined {
  const spec = object.spec as Record<string, unknown> | undefined;
  if (!spec) return undefined;
  if (object.kind === "Pod") return spec as unknown as PodSpec;
  if (object.kind === "CronJob") {
    return (spec.jobTemplate as { spec?: { template?: { spec?: PodSpec } } } | undefined)?.spec?.template
      ?.spec;
  }
  return (spec.template as { spec?: PodSpec } | undefined)?.spec;
}

/** `kubectl set image TYPE/NAME container=image …` (and `*=image`). */
export function registerSet(program: Command, ctx: CommandContext): void {
  const set = program.command("set");
  set
    .command("image")
    .argument("[args...]")
    .option("-l, --selector <selector>")
    .option("--all")
    .action((args: string[], opts: Record<string, unknown>) => {
      const specStart = args.findIndex((a) => a.includes("="));
      const resources = specStart < 0 ? args : args.slice(0, specStart);
      const specs = specStart < 0 ? [] : args.slice(specStart);
      if (specs.length === 0) throw new KubectlError("error: at least one image update is required");
      const images = new Map<string, string>();
      for (const spec of specs) {
        const [name, image] = spec.split("=");
        if (!name || !image) throw new KubectlError(`error: invalid image ${spec}`);
        images.set(name, image);
      }
      const { targets, errors } = resolveTargets(ctx, resources, opts.selector as string | undefined);
      for (const { type, object } of targets) {
        const copy = structuredClone(object);
        const podSpec = podSpecOf(copy);
        if (!podSpec) continue;
        for (const [name, image] of images) {
          const containers = [...(podSpec.initContainers ?? []), ...podSpec.containers].filter(
            (c) => name === "*" || c.name === name,
          );
          if (containers.length === 0) {
            errors.push(`error: unable to find container named "${name}"`);
            continue;
          }
          for (const c of containers) c.image = image;
        }
        if (errors.length > 0) continue;
        try {
          ctx.host.client.api.update(
            "kubectl",
            type,
            copy.metadata.namespace,
            copy.metadata.name as string,
            copy,
          );
          ctx.out(`${kindPrefix(type)}/${copy.metadata.name} image updated\n`);
        } catch (error) {
          errors.push(errorMessage(error));
        }
      }
      if (errors.length > 0) throw new KubectlError(errors.join("\n"));
    });
}
