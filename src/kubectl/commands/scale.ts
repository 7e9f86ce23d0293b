import type { Command } from "commander";
import { StatusError } from "../../api/StatusError.ts";
import { errorMessage } from "../errors.ts";
import type { CommandContext } from "../Kubectl.ts";
import { KubectlError } from "../KubectlError.ts";
import { kindPrefix } from "../resources.ts";
import { resourceRefs } from "./targets.ts";

/**
 * `kubectl scale`: sets `spec.replicas` through the scale subresource, with the
 * `--current-replicas` and `--resource-version` preconditions (kubectl pkg/scale); conflicts are
 * retried as the scaler does.
 */
export function registerScale(program: Command, ctx: CommandContext): void {
  program
    .command("scale")
    .argument("[args...]")
    .option("--replicas <count>")
    .option("--current-replicas <count>", "", "-1")
    .option("--resource-version <version>")
    .option("-f, --filename <file>", "", (v: string, p: string[]) => [...p, v], [] as string[])
    .option("-l, --selector <selector>")
    .option("--all")
    .action((args: string[], opts: Record<string, unknown>) => {
      if (opts.replicas === undefined) throw new KubectlError('error: required flag(s) "replicas" not set');
      const replicas = Number(opts.replicas);
      if (!Number.isInteger(replicas) || replicas < 0)
        throw new KubectlError(
          "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0",
        );
      const current = Number(opts.currentReplicas);
      if (!Number.isInteger(current) || current < -1)
        throw new KubectlError("error: The --current-replicas must specify an integer of -1 or greater");
      const targets = resourceRefs(ctx, opts.filename as string[], args, {
        selector: opts.selector as string | undefined,
        all: opts.all === true,
      });
      const version = opts.resourceVersion as string | undefined;
      if (version !== undefined && targets.length > 1)
        throw new KubectlError("error: cannot use --resource-version with multiple resources");
      if (targets.length === 0) throw new KubectlError("error: no objects passed to scale");
      const api = ctx.host.client.api;
      const errors: string[] = [];
      // The builder reads every object first; when none could be read, scale.go reports "no objects
      // passed to scale" followed by the builder's errors.
      const found = targets.filter((target) => {
        try {
          api.get("kubectl", target.type, target.namespace, target.name);
          return true;
        } catch (error) {
          errors.push(error instanceof Error ? error.message : String(error));
          return false;
        }
      });
      if (found.length === 0)
        throw new KubectlError(`error: no objects passed to scale ${errors.join(", ")}`);
      errors.length = 0;
      for (const target of found) {
        try {
          for (let attempt = 0; ; attempt++) {
            try {
              const scale = api.getScale("kubectl", target.type, target.namespace, target.name);
              if (current !== -1 && scale.spec.replicas !== current)
                throw new KubectlError(
                  `error: Expected replicas to be ${current}, was ${scale.spec.replicas}`,
                );
              if (version !== undefined && scale.metadata.resourceVersion !== version)
                throw new KubectlError(
                  `error: Expected resource version to be ${version}, was ${scale.metadata.resourceVersion}`,
                );
              const preconditions = current !== -1 || version !== undefined;
              api.updateScale("kubectl", target.type, target.namespace, target.name, {
                ...(preconditions
                  ? { metadata: { resourceVersion: scale.metadata.resourceVersion as string } }
                  : {}),
                spec: { replicas },
              });
              break;
            } catch (error) {
              if (error instanceof StatusError && error.code === 409 && attempt < 5) continue;
              throw error;
            }
          }
          ctx.out(`${kindPrefix(target.type)}/${target.name} scaled\n`);
        } catch (error) {
          errors.push(errorMessage(error));
        }
      }
      if (errors.length > 0) throw new KubectlError(errors.join("\n"));
    });
}
