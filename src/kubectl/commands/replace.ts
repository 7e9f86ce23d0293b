import type { Command } from "commander";
import type { KubeObject } from "../../api/types.ts";
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

/**
 * `kubectl replace -f`: PUT each object. Without a resourceVersion in the manifest the live one is
 * used (Helper.Replace with overwrite); a stale one gets the apiserver's 409 Conflict.
 */
export function registerReplace(program: Command, ctx: CommandContext): void {
  program
    .command("replace")
    .option("-f, --filename <file>", "", (v: string, p: string[]) => [...p, v], [] as string[])
    .option("--validate [mode]", "", "strict")
    .option("--force")
    .option("--grace-period <seconds>", "", "-1")
    .action((opts: Record<string, unknown>) => {
      const manifests = readManifests(ctx, opts.filename as string[]);
      const types = manifests.map((m) => typeForManifest(ctx, m));
      const errors: string[] = [];
      manifests.forEach((manifest, i) => {
        const type = types[i];
        if (!type) return;
        let verb = "replacing";
        try {
          const namespace = namespaceForManifest(ctx, type, manifest.object);
          const object = structuredClone(manifest.object);
          const name = object.metadata?.name as string;
          if (opts.force) {
            verb = "deleting";
            const grace = Number(opts.gracePeriod);
            ctx.host.client.api.delete(
              "kubectl",
              type,
              namespace,
              name,
              grace >= 0 ? { gracePeriodSeconds: grace } : {},
            );
            ctx.out(`${kindPrefix(type)} "${name}" deleted\n`);
            ctx.host.wait(() => !ctx.host.client.api.peek(type, namespace, name), 60_000);
            verb = "replacing";
            delete object.metadata.resourceVersion;
            const created = ctx.host.client.api.create("kubectl", type, namespace, object, {
              fieldValidation: fieldValidation(opts.validate),
            });
            printWarnings(ctx, created.warnings);
            ctx.out(`${kindPrefix(type)}/${name} replaced\n`);
            return;
          }
          if (!object.metadata.resourceVersion) {
            const live = ctx.host.client.api.peek(type, namespace, name);
            if (live) object.metadata.resourceVersion = live.metadata.resourceVersion as string;
          }
          const result = ctx.host.client.api.update<KubeObject>("kubectl", type, namespace, name, object, {
            fieldValidation: fieldValidation(opts.validate),
          });
          printWarnings(ctx, result.warnings);
          ctx.out(`${kindPrefix(type)}/${name} replaced\n`);
        } catch (error) {
          errors.push(errorMessage(addSourceToError(verb, manifest.source, error)));
        }
      });
      if (errors.length > 0) throw new KubectlError(errors.join("\n"));
    });
}
