import type { ResourceType } from "../../api/kinds.ts";
import { StatusError } from "../../api/StatusError.ts";
import type { KubeObject } from "../../api/types.ts";
import type { ListOptions, ListResult } from "../../apiserver/ApiServer.ts";
import type { CommandContext } from "../Kubectl.ts";
import { KubectlError } from "../KubectlError.ts";
import { type ManifestObject, parseManifests } from "../manifests.ts";

/** Read every manifest named by `-f` (files, directories, or `-` for stdin). */
export function readManifests(ctx: CommandContext, files: readonly string[]): ManifestObject[] {
  if (files.length === 0) {
    throw new KubectlError("error: must specify one of -f and -k");
  }
  const objects: ManifestObject[] = [];
  for (const file of files) {
    if (file === "-") {
      objects.push(...parseManifests(ctx.stdin, "STDIN"));
      continue;
    }
    const entries = ctx.host.listDirectory(file);
    const paths = entries ?? [file];
    for (const path of paths) {
      let text: string;
      try {
        text = ctx.host.readFile(path);
      } catch {
        throw new KubectlError(`error: the path "${path}" does not exist`);
      }
      objects.push(...parseManifests(text, path));
    }
  }
  if (objects.length === 0) throw new KubectlError("error: no objects passed to apply");
  return objects;
}

/** Map a manifest's apiVersion/kind to a served resource, or kubectl's "no matches" error. */
export function typeForManifest(ctx: CommandContext, manifest: ManifestObject): ResourceType {
  const { object, source } = manifest;
  const type = ctx.host.client.kinds.forKind(object.apiVersion, object.kind);
  if (!type) {
    const ns = object.metadata?.namespace ?? "";
    throw new KubectlError(
      `error: resource mapping not found for name: "${object.metadata?.name ?? ""}" namespace: "${ns}" from "${source}": no matches for kind "${object.kind}" in version "${object.apiVersion}"\nensure CRDs are installed first`,
    );
  }
  return type;
}

/** The namespace an object goes to: its own, or `-n`, or `default`; mismatches are refused. */
export function namespaceForManifest(
  ctx: CommandContext,
  type: ResourceType,
  object: KubeObject,
): string | undefined {
  if (!type.namespaced) return undefined;
  const own = object.metadata?.namespace;
  if (own && ctx.namespaceExplicit() && own !== ctx.namespace()) {
    throw new KubectlError(
      `error: the namespace from the provided object "${own}" does not match the namespace "${ctx.namespace()}". You must pass '--namespace=${own}' to perform this operation.`,
    );
  }
  return own || ctx.namespace();
}

/** `--validate` → the apiserver's fieldValidation. */
export function fieldValidation(validate: unknown): "Strict" | "Warn" | "Ignore" {
  if (validate === false || validate === "false" || validate === "ignore") return "Ignore";
  if (validate === "warn") return "Warn";
  return "Strict";
}

/** Print apiserver warnings as kubectl does. */
export function printWarnings(ctx: CommandContext, warnings: readonly string[]): void {
  for (const w of warnings) ctx.err(`Warning: ${w}\n`);
}

/**
 * List objects for a command, naming the resource and selectors in BadRequest and NotFound errors
 * as kubectl's resource builder does (cli-runtime resource/selector.go).
 */
export function listResources(
  ctx: CommandContext,
  type: ResourceType,
  namespace: string | undefined,
  options: ListOptions,
): ListResult<KubeObject> {
  try {
    return ctx.host.client.api.list("kubectl", type, namespace, options);
  } catch (error) {
    if (error instanceof StatusError && (error.code === 400 || error.code === 404)) {
      const resource = `${type.group}/${type.version}, Resource=${type.plural}`;
      const message =
        options.labelSelector || options.fieldSelector
          ? `Unable to find "${resource}" that match label selector "${options.labelSelector ?? ""}", field selector "${options.fieldSelector ?? ""}": ${error.status.message}`
          : `Unable to list "${resource}": ${error.status.message}`;
      throw new StatusError({ ...error.status, message });
    }
    throw error;
  }
}
