import type { KindRegistry, ResourceType } from "../api/kinds.ts";
import { KubectlError } from "./KubectlError.ts";

/** Resources named on a command line: one type and zero or more names. */
export interface ResourceRequest {
  type: ResourceType;
  names: string[];
}

/** Resources in the `all` category, in discovery order. */
const ALL_CATEGORY = [
  "pods",
  "replicationcontrollers",
  "services",
  "daemonsets",
  "deployments",
  "replicasets",
  "statefulsets",
  "horizontalpodautoscalers",
  "cronjobs",
  "jobs",
];

function resolve(kinds: KindRegistry, name: string): ResourceType {
  const type = kinds.forResourceName(name);
  if (!type) throw new KubectlError(`error: the server doesn't have a resource type "${name}"`);
  return type;
}

/**
 * Interpret kubectl's resource arguments (ResourceTypeOrNameArgs): `pods`, `pod nginx web`,
 * `pod/nginx node/node-1`, `pods,nodes`, `all`.
 *
 * @example
 * ```ts
 * parseResourceArgs(kinds, ["po", "nginx"]); // [{ type: pods, names: ["nginx"] }]
 * ```
 */
export function parseResourceArgs(kinds: KindRegistry, args: readonly string[]): ResourceRequest[] {
  if (args.length === 0) return [];
  if ((args[0] as string).includes("/")) {
    const requests: ResourceRequest[] = [];
    for (const arg of args) {
      const slash = arg.indexOf("/");
      if (slash < 0) {
        throw new KubectlError(
          "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
        );
      }
      const type = resolve(kinds, arg.slice(0, slash));
      const name = arg.slice(slash + 1);
      const existing = requests.find((r) => r.type === type);
      if (existing) existing.names.push(name);
      else requests.push({ type, names: [name] });
    }
    return requests;
  }
  const [typeArg, ...names] = args as [string, ...string[]];
  for (const name of names) {
    if (name.includes("/")) {
      throw new KubectlError(
        "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
      );
    }
  }
  const types: ResourceType[] = [];
  for (const part of typeArg.split(",").filter((p) => p.length > 0)) {
    if (part === "all") {
      for (const plural of ALL_CATEGORY) {
        const type = kinds.forResourceName(plural);
        if (type && !types.includes(type)) types.push(type);
      }
    } else {
      const type = resolve(kinds, part);
      if (!types.includes(type)) types.push(type);
    }
  }
  if (types.length > 1 && names.length > 0) {
    throw new KubectlError("error: arguments in resource/name form must have a single resource and name");
  }
  return types.map((type) => ({ type, names: [...names] }));
}

/** `pod`, `deployment.apps`: the kind prefix kubectl prints (`pod/nginx`). */
export function kindPrefix(type: { group: string; kind: string }): string {
  return type.group ? `${type.kind.toLowerCase()}.${type.group}` : type.kind.toLowerCase();
}
