import type { ResourceType } from "../../api/kinds.ts";
import type { KubeObject } from "../../api/types.ts";
import { errorMessage } from "../errors.ts";
import type { CommandContext } from "../Kubectl.ts";
import { KubectlError } from "../KubectlError.ts";
import { parseResourceArgs } from "../resources.ts";
import { listResources, namespaceForManifest, readManifests, typeForManifest } from "./common.ts";

/** One object a command acts on. */
export interface Target {
  type: ResourceType;
  object: KubeObject;
}

/**
 * Resolve `TYPE NAME…`, `TYPE/NAME…`, `TYPE -l selector` or `TYPE --all` to objects (the resource
 * builder of label, annotate, set, rollout, cordon, drain and taint); lookup errors are collected,
 * not thrown.
 *
 * @example
 * ```ts
 * const { targets, errors } = resolveTargets(ctx, ["deployment/web"], undefined);
 * ```
 */
export function resolveTargets(
  ctx: CommandContext,
  args: readonly string[],
  selector: string | undefined,
  emptyMessage = "error: one or more resources must be specified as <resource> <name> or <resource>/<name>",
  all = false,
): { targets: Target[]; errors: string[]; rawErrors: string[] } {
  if (args.length === 0) throw new KubectlError(emptyMessage);
  const targets: Target[] = [];
  const errors: string[] = [];
  const rawErrors: string[] = [];
  for (const { type, names } of parseResourceArgs(ctx.host.client.kinds, args)) {
    const namespace = type.namespaced ? ctx.namespace() : undefined;
    if (names.length === 0) {
      if (!selector && !all)
        throw new KubectlError("error: resource(s) were provided, but no name was specified");
      const list = listResources(ctx, type, namespace, selector ? { labelSelector: selector } : {});
      for (const object of list.items) targets.push({ type, object });
      continue;
    }
    for (const name of names) {
      try {
        targets.push({ type, object: ctx.host.client.api.get("kubectl", type, namespace, name) });
      } catch (error) {
        errors.push(errorMessage(error));
        rawErrors.push(error instanceof Error ? error.message : String(error));
      }
    }
  }
  return { targets, errors, rawErrors };
}

/** An object a command names, before it is read. */
export interface ResourceRef {
  type: ResourceType;
  namespace: string | undefined;
  name: string;
}

const NO_RESOURCES = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

/**
 * The objects named by `-f` files, or by `TYPE NAME…` / `TYPE/NAME…` / `TYPE -l selector` /
 * `TYPE --all` arguments (the resource builder of delete, patch and scale, which act on names).
 * `required` makes an empty argument list kubectl's "You must provide one or more resources" error.
 *
 * @example
 * ```ts
 * resourceRefs(ctx, [], ["deployment/web"], { required: true }); // [{ type, namespace: "default", name: "web" }]
 * ```
 */
export function resourceRefs(
  ctx: CommandContext,
  files: readonly string[],
  args: readonly string[],
  options: { selector?: string | undefined; all?: boolean; allNamespaces?: boolean; required?: boolean } = {},
): ResourceRef[] {
  if (files.length > 0) {
    return readManifests(ctx, [...files]).map((manifest) => {
      const type = typeForManifest(ctx, manifest);
      return {
        type,
        namespace: namespaceForManifest(ctx, type, manifest.object),
        name: manifest.object.metadata.name as string,
      };
    });
  }
  const requests = parseResourceArgs(ctx.host.client.kinds, args);
  if (requests.length === 0 && options.required) throw new KubectlError(NO_RESOURCES);
  const refs: ResourceRef[] = [];
  for (const { type, names } of requests) {
    const namespace = type.namespaced ? ctx.namespace() : undefined;
    if (names.length > 0) {
      for (const name of names) refs.push({ type, namespace, name });
    } else if (options.selector || options.all) {
      const listIn = options.allNamespaces ? undefined : namespace;
      const list = listResources(
        ctx,
        type,
        listIn,
        options.selector ? { labelSelector: options.selector } : {},
      );
      for (const o of list.items)
        refs.push({ type, namespace: o.metadata.namespace, name: o.metadata.name as string });
    } else {
      throw new KubectlError("error: resource(s) were provided, but no name was specified");
    }
  }
  return refs;
}
