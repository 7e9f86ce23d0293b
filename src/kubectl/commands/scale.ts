import type { Command } from "commander";
import { errorMessage } from "../errors.ts";
import type { CommandContext } from "../Kubectl.ts";
import { KubectlError } from "../KubectlError.ts";
import { kindPrefix } from "../resources.ts";
import { resolveTargets } from "./targets.ts";

const SCALABLE = new Set(["Deployment", "ReplicaSet", "StatefulSet", "ReplicationController"]);

/** `kubectl scale --replicas=N TYPE NAME`: sets spec.replicas through the scale subresource. */
export function registerScale(program: Command, ctx: CommandContext): void {
  program
    .command("scale")
    .argument("[args...]")
    .option("--replicas <n>")
    .option("--current-replicas <n>")
    .option("-l, --selector <selector>")
    .action((args: string[], opts: Record<string, unknown>) => {
      if (opts.replicas === undefined) throw new KubectlError('error: required flag(s) "replicas" not set');
      const replicas = Number(opts.replicas);
      if (!Number.isInteger(replicas) || replicas < 0) {
        throw new KubectlError(
          "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0",
        );
      }
      const { targets, errors, rawErrors } = resolveTargets(ctx, args, opts.selector as string | undefined);
      // scale.go: with nothing found, the builder's error follows "no objects passed to scale".
      if (targets.length === 0 && rawErrors.length > 0) {
        throw new KubectlError(`error: no objects passed to scale ${rawErrors.join(", ")}`);
      }
      for (const { type, object } of targets) {
        if (!SCALABLE.has(type.kind)) {
          errors.push(
            `error: no objects passed to scale ${type.plural}.${type.group || "core"} "${object.metadata.name}" is not scalable`,
          );
          continue;
        }
        const current = (object.spec as { replicas?: number } | undefined)?.replicas ?? 1;
        if (opts.currentReplicas !== undefined && Number(opts.currentReplicas) !== current) {
          errors.push(`error: Expected replicas to be ${opts.currentReplicas}, was ${current}`);
          continue;
        }
        try {
          ctx.host.client.api.patch(
            "kubectl",
            type,
            object.metadata.namespace,
            object.metadata.name as string,
            "merge",
            {
              spec: { replicas },
            },
          );
          ctx.out(`${kindPrefix(type)}/${object.metadata.name} scaled\n`);
        } catch (error) {
          errors.push(errorMessage(error));
        }
      }
      if (errors.length > 0) throw new KubectlError(errors.join("\n"));
    });
}
