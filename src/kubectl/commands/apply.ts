import type { Command } from "commander";
import { mergeKeyFor } from "../../api/mergeKeys.ts";
import { StatusError } from "../../api/StatusError.ts";
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

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(v: unknown): v is Record<string, Json> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function sortedJson(value: unknown): string {
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

/** Does `live` already carry every field `wanted` sets (lists with merge keys matched by key)? */
function contains(live: unknown, wanted: unknown, field: string, path: string[]): boolean {
  if (isObject(wanted)) {
    if (!isObject(live)) return false;
    return Object.entries(wanted).every(([k, v]) => contains(live[k], v, k, [...path, field]));
  }
  if (Array.isArray(wanted)) {
    if (!Array.isArray(live) || live.length !== wanted.length) return false;
    const key = mergeKeyFor(field, path);
    if (key) {
      return wanted.every(
        (w) =>
          isObject(w) &&
          live.some((l) => isObject(l) && l[key] === w[key] && contains(l, w, "", [...path, field])),
      );
    }
    return wanted.every((w, i) => contains(live[i], w, "", [...path, field]));
  }
  return (
    live === wanted ||
    (wanted !== null &&
      typeof wanted !== "object" &&
      String(live) === String(wanted) &&
      typeof live === typeof wanted)
  );
}

/**
 * A three-way patch (as CreateThreeWayMergePatch computes it, with whole-list replacement): fields
 * removed since the last apply are deleted; fields of the new manifest the live object lacks or
 * holds differently are set.
 */
export function threeWayPatch(
  original: unknown,
  modified: unknown,
  live: unknown,
  field = "",
  path: string[] = [],
): Json | undefined {
  if (!isObject(modified)) return contains(live, modified, field, path) ? undefined : (modified as Json);
  const patch: Record<string, Json> = {};
  const liveMap = isObject(live) ? live : {};
  const originalMap = isObject(original) ? original : {};
  for (const key of Object.keys(originalMap)) {
    if (!(key in modified) && key in liveMap) patch[key] = null;
  }
  for (const [key, value] of Object.entries(modified)) {
    if (isObject(value) && isObject(liveMap[key])) {
      const nested = threeWayPatch(
        originalMap[key],
        value,
        liveMap[key],
        key,
        [...path, field].filter((p) => p !== ""),
      );
      if (nested !== undefined && !(isObject(nested) && Object.keys(nested).length === 0))
        patch[key] = nested;
    } else if (
      !contains(
        liveMap[key],
        value,
        key,
        [...path, field].filter((p) => p !== ""),
      )
    ) {
      patch[key] = value as Json;
    }
  }
  return patch;
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
          const original = previous ? JSON.parse(previous) : {};
          const patch = threeWayPatch(original, modified, live);
          if (patch === undefined || (isObject(patch) && Object.keys(patch).length === 0)) {
            ctx.out(`${kindPrefix(type)}/${name} unchanged\n`);
            return;
          }
          const result = ctx.host.client.api.patch("kubectl", type, namespace, name, "merge", patch, {
            fieldValidation: validation,
          });
          printWarnings(ctx, result.warnings);
          ctx.out(`${kindPrefix(type)}/${name} configured\n`);
        } catch (error) {
          errors.push(errorMessage(addSourceToError(verb, manifest.source, error)));
        }
      });
      if (errors.length > 0) throw new KubectlError(errors.join("\n"));
    });
}
