import type { ResourceType } from "../../api/kinds.ts";
import type { KubeObject } from "../../api/types.ts";
import { errorMessage } from "../errors.ts";
import type { CommandContext } from "../Kubectl.ts";
import { KubectlError } from "../KubectlError.ts";
import { parseResourceArgs } from "../resources.ts";
import { listResources } from "./common.ts";

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
