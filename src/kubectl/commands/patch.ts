import type { Command } from "commander";
import type { KubeObject } from "../../api/types.ts";
import { errorMessage } from "../errors.ts";
import type { CommandContext } from "../Kubectl.ts";
import { KubectlError } from "../KubectlError.ts";
import { yamlToJson } from "../manifests.ts";
import { formatObjects } from "../output.ts";
import { kindPrefix } from "../resources.ts";
import { fieldValidation, printWarnings } from "./common.ts";
import { resourceRefs } from "./targets.ts";

const PATCH_TYPES = { json: "json", merge: "merge", strategic: "strategic" } as const;

function jsonEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * `kubectl patch`: a strategic merge (default), JSON merge or JSON patch, given inline (`-p`, YAML
 * or JSON) or in a file; prints `patched` or `patched (no change)` (kubectl pkg/cmd/patch).
 */
export function registerPatch(program: Command, ctx: CommandContext): void {
  program
    .command("patch")
    .argument("[args...]")
    .option("-p, --patch <patch>")
    .option("--patch-file <file>")
    .option("--type <type>", "", "strategic")
    .option("-f, --filename <file>", "", (v: string, p: string[]) => [...p, v], [] as string[])
    .option("--subresource <subresource>")
    .option("--dry-run [strategy]")
    .option("--validate [mode]", "", "strict")
    .option("-o, --output <format>")
    .action((args: string[], opts: Record<string, unknown>) => {
      const inline = opts.patch as string | undefined;
      const file = opts.patchFile as string | undefined;
      if (inline !== undefined && file !== undefined)
        throw new KubectlError("error: cannot specify --patch and --patch-file together");
      if (!inline && !file)
        throw new KubectlError(
          "error: must specify --patch or --patch-file containing the contents of the patch",
        );
      const requested = String(opts.type).toLowerCase();
      const patchType = PATCH_TYPES[requested as keyof typeof PATCH_TYPES];
      if (!patchType)
        throw new KubectlError(
          `error: --type must be one of [json merge strategic], not ${JSON.stringify(opts.type)}`,
        );
      let text = inline ?? "";
      if (file !== undefined) {
        try {
          text = ctx.host.readFile(file);
        } catch {
          throw new KubectlError(`error: unable to read patch file: open ${file}: no such file or directory`);
        }
      }
      let patch: unknown;
      try {
        patch = yamlToJson(text);
      } catch (error) {
        throw new KubectlError(
          `error: unable to parse ${JSON.stringify(inline ?? "")}: ${(error as Error).message}`,
        );
      }
      const subresource = opts.subresource as "status" | "scale" | undefined;
      if (subresource !== undefined && !["status", "scale"].includes(subresource))
        throw new KubectlError(
          `error: invalid subresource value: "${subresource}". Must be one of [status scale]`,
        );
      const targets = resourceRefs(ctx, opts.filename as string[], args, { required: true });
      const errors: string[] = [];
      for (const target of targets) {
        try {
          // The resource builder GETs the object first; "no change" compares with it.
          const before: unknown =
            subresource === "scale"
              ? ctx.host.client.api.getScale("kubectl", target.type, target.namespace, target.name)
              : ctx.host.client.api.get<KubeObject>("kubectl", target.type, target.namespace, target.name);
          const result = ctx.host.client.api.patch<KubeObject>(
            "kubectl",
            target.type,
            target.namespace,
            target.name,
            patchType,
            patch,
            {
              fieldValidation: fieldValidation(opts.validate),
              ...(opts.dryRun === "server" ? { dryRun: true } : {}),
              ...(subresource ? { subresource } : {}),
            },
          );
          printWarnings(ctx, result.warnings);
          const operation = jsonEqual(before, result.object) ? "patched (no change)" : "patched";
          const output = opts.output as string | undefined;
          if (output === "yaml" || output === "json")
            ctx.out(formatObjects(target.type, [result.object], output, true));
          else
            ctx.out(
              `${subresource === "scale" ? "scale.autoscaling" : kindPrefix(target.type)}/${target.name}${output === "name" ? "" : ` ${operation}${opts.dryRun === "server" ? " (server dry run)" : ""}`}\n`,
            );
        } catch (error) {
          errors.push(errorMessage(error));
        }
      }
      if (errors.length > 0) throw new KubectlError(errors.join("\n"));
    });
}
