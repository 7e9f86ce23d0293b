import type { Command } from "commander";
import type { ResourceType } from "../../api/kinds.ts";
import type { KubeObject } from "../../api/types.ts";
import { errorMessage } from "../errors.ts";
import type { CommandContext } from "../Kubectl.ts";
import { KubectlError } from "../KubectlError.ts";
import { resolveTargets } from "./targets.ts";

/** The nodes named on a cordon/uncordon/drain command line (`NODE…` or `-l`). */
export function nodeTargets(
  ctx: CommandContext,
  names: readonly string[],
  selector: string | undefined,
  command = "cordon",
) {
  if (names.length === 0 && !selector)
    throw new KubectlError(
      `error: USAGE: ${command} NODE [flags]\nSee 'kubectl ${command} -h' for help and examples`,
    );
  if (names.length > 0 && selector)
    throw new KubectlError(
      `error: error: cannot specify both a node name and a --selector option\nSee 'kubectl ${command} -h' for help and examples`,
    );
  return resolveTargets(ctx, ["nodes", ...names], selector);
}

/** Set spec.unschedulable; prints `node/x cordoned` or `node/x already cordoned`. */
export function setUnschedulable(
  ctx: CommandContext,
  type: ResourceType,
  node: KubeObject,
  value: boolean,
): void {
  const verb = value ? "cordoned" : "uncordoned";
  const current = Boolean((node.spec as { unschedulable?: boolean } | undefined)?.unschedulable);
  if (current === value) {
    ctx.out(`node/${node.metadata.name} already ${verb}\n`);
    return;
  }
  ctx.host.client.api.patch("kubectl", type, undefined, node.metadata.name as string, "merge", {
    spec: { unschedulable: value ? true : null },
  });
  ctx.out(`node/${node.metadata.name} ${verb}\n`);
}

/** `kubectl cordon NODE` and `kubectl uncordon NODE`. */
export function registerCordon(program: Command, ctx: CommandContext): void {
  for (const [name, value] of [
    ["cordon", true],
    ["uncordon", false],
  ] as const) {
    program
      .command(name)
      .argument("[nodes...]")
      .option("-l, --selector <selector>")
      .option("--dry-run <mode>")
      .action((names: string[], opts: Record<string, unknown>) => {
        const { targets, errors } = nodeTargets(ctx, names, opts.selector as string | undefined, name);
        for (const { type, object } of targets) {
          try {
            setUnschedulable(ctx, type, object, value);
          } catch (error) {
            errors.push(errorMessage(error));
          }
        }
        if (errors.length > 0) throw new KubectlError(errors.join("\n"));
      });
  }
}
