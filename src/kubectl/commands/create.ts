import type { Command } from "commander";
import { addSourceToError, errorMessage } from "../errors.ts";
import type { CommandContext } from "../Kubectl.ts";
import { KubectlError } from "../KubectlError.ts";
import { kindPrefix } from "../resources.ts";
import {
  fieldValidation,
  namespaceForManifest,
  printWarnings,
  readManifests,
  typeForManifest,
} from "./common.ts";
import { registerCreateGenerators } from "./createGenerators.ts";

function repeat(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `kubectl create -f`: create every object in the manifests; report each, then the errors. */
export function registerCreate(program: Command, ctx: CommandContext): void {
  const create = program
    .command("create")
    .option("-f, --filename <file>", "", repeat, [] as string[])
    .option("--validate [mode]", "", "strict")
    .option("--dry-run [strategy]")
    .action((opts: Record<string, unknown>) => {
      const manifests = readManifests(ctx, opts.filename as string[]);
      const types = manifests.map((m) => typeForManifest(ctx, m));
      const errors: string[] = [];
      manifests.forEach((manifest, i) => {
        const type = types[i];
        if (!type) return;
        try {
          const namespace = namespaceForManifest(ctx, type, manifest.object);
          const result = ctx.host.client.api.create("kubectl", type, namespace, manifest.object, {
            fieldValidation: fieldValidation(opts.validate),
          });
          printWarnings(ctx, result.warnings);
          ctx.out(`${kindPrefix(type)}/${result.object.metadata.name} created\n`);
        } catch (error) {
          errors.push(errorMessage(addSourceToError("creating", manifest.source, error)));
        }
      });
      if (errors.length > 0) throw new KubectlError(errors.join("\n"));
    });
  registerCreateGenerators(create, ctx);
}
