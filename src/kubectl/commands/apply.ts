import type { Command } from "commander";
import type { ResourceType } from "../../api/kinds.ts";
import { PatchMeta } from "../../api/PatchMeta.ts";
import { StatusError } from "../../api/StatusError.ts";
import { createThreeWayMergePatch, type JsonMap } from "../../api/strategicMergePatch.ts";
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

/** The annotation kubectl apply keeps the last applied manifest in. */
export const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** encoding/json's output for a decoded object: keys sorted at every level, compact. */
export function sortedJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (isObject(v)) {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) out[k] = sort(v[k]);
      return out;
    }
    return v;
  };
  return JSON.stringify(sort(value));
}

/** resource.Info.String(): what `kubectl apply` names the object in patch errors. */
function infoString(type: ResourceType, namespace: string | undefined, name: string): string {
  return `Resource: "${type.group}/${type.version}, Resource=${type.plural}", GroupVersionKind: "${type.group}/${type.version}, Kind=${type.kind}"\nName: "${name}", Namespace: "${namespace ?? ""}"`;
}

/** `kubectl apply -f`: create or three-way patch, recording last-applied-configuration. */
export function registerApply(program: Command, ctx: CommandContext): void {
  program
    .command("apply")
    .option("-f, --filename <file>", "", (v: string, p: string[]) => [...p, v], [] as string[])
    .option("--validate [mode]", "", "strict")
    .option("--server-side")
    .option("--dry-run [strategy]")
    .action((opts: Record<string, unknown>) => {
      const manifests = readManifests(ctx, opts.filename as string[]);
      const types = manifests.map((m) => typeForManifest(ctx, m));
      const errors: string[] = [];
      const validation = fieldValidation(opts.validate);
      manifests.forEach((manifest, i) => {
        const type = types[i];
        if (!type) return;
        let verb = "creating";
        try {
          const namespace = namespaceForManifest(ctx, type, manifest.object);
          const modified = structuredClone(manifest.object);
          modified.metadata ??= {};
          if (type.namespaced) modified.metadata.namespace = namespace as string;
          const annotations = { ...(modified.metadata.annotations ?? {}) };
          delete annotations[LAST_APPLIED];
          modified.metadata.annotations = annotations;
          const lastApplied = `${sortedJson(modified)}\n`;
          modified.metadata.annotations = { ...annotations, [LAST_APPLIED]: lastApplied };
          const name = modified.metadata.name as string;
          let live: KubeObject | undefined;
          try {
            live = ctx.host.client.api.get("kubectl", type, namespace, name);
          } catch (error) {
            if (!(error instanceof StatusError && error.code === 404)) throw error;
          }
          if (!live) {
            const result = ctx.host.client.api.create("kubectl", type, namespace, modified, {
              fieldValidation: validation,
            });
            printWarnings(ctx, result.warnings);
            ctx.out(`${kindPrefix(type)}/${result.object.metadata.name} created\n`);
            return;
          }
          verb = "patching";
          const previous = live.metadata.annotations?.[LAST_APPLIED];
          if (previous === undefined) {
            const resource = type.group ? `${type.plural}.${type.group}` : type.plural;
            ctx.err(
              `Warning: resource ${resource}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
            );
          }
          const original = previous ? (JSON.parse(previous) as JsonMap) : {};
          // Patcher.patchSimple: a three-way strategic merge patch from the last applied
          // configuration, the new manifest and the live object.
          const patch = createThreeWayMergePatch(
            original,
            modified as unknown as JsonMap,
            live as unknown as JsonMap,
            PatchMeta.forModel(type.model),
          );
          if (Object.keys(patch).length === 0) {
            ctx.out(`${kindPrefix(type)}/${name} unchanged\n`);
            return;
          }
          verb = `applying patch:\n${sortedJson(patch)}\nto:\n${infoString(type, namespace, name)}\nfor:`;
          let result: { warnings: string[] };
          try {
            result = ctx.host.client.api.patch("kubectl", type, namespace, name, "strategic", patch, {
              fieldValidation: validation,
            });
          } catch (error) {
            throw addSourceToError("patching", manifest.source, error);
          }
          printWarnings(ctx, result.warnings);
          ctx.out(`${kindPrefix(type)}/${name} configured\n`);
        } catch (error) {
          errors.push(errorMessage(addSourceToError(verb, manifest.source, error)));
        }
      });
      if (errors.length > 0) throw new KubectlError(errors.join("\n"));
    });
}
