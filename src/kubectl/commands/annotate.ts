import type { Command } from "commander";
import { errorMessage } from "../errors.ts";
import type { CommandContext } from "../Kubectl.ts";
import { KubectlError } from "../KubectlError.ts";
import { kindPrefix } from "../resources.ts";
import { resolveTargets } from "./targets.ts";

/** cmdutil.GetResourcesAndPairs: resources first, then `k=v` / `k-` pairs. */
export function resourcesAndPairs(
  args: readonly string[],
  pairType: string,
): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  let found = false;
  for (const arg of args) {
    const pair = (arg.includes("=") && arg[0] !== "=") || (arg.endsWith("-") && arg !== "-");
    if (pair) {
      found = true;
      pairs.push(arg);
    } else if (found) {
      throw new KubectlError(`error: all resources must be specified before ${pairType} changes: ${arg}`);
    } else resources.push(arg);
  }
  return { resources, pairs };
}

/** cmdutil.ParsePairs for annotations: `k=v` (the value may contain `=`) and `k-`. */
function parsePairs(pairs: readonly string[]): { set: Record<string, string>; remove: string[] } {
  const set: Record<string, string> = {};
  const remove: string[] = [];
  const invalid: string[] = [];
  for (const pair of pairs) {
    if (pair.includes("=") && pair[0] !== "=") {
      const eq = pair.indexOf("=");
      set[pair.slice(0, eq)] = pair.slice(eq + 1);
    } else if (pair.endsWith("-") && pair !== "-") remove.push(pair.slice(0, -1));
    else invalid.push(pair);
  }
  if (invalid.length > 0) throw new KubectlError(`error: invalid annotation format: ${invalid.join(", ")}`);
  const both = remove.filter((k) => k in set);
  if (both.length > 0)
    throw new KubectlError(
      `error: can not both modify and remove the following annotation(s) in the same command: ${both.join(", ")}`,
    );
  return { set, remove };
}

/**
 * `kubectl annotate`: set (`k=v`, `--overwrite` to change) or remove (`k-`) annotations with a JSON
 * merge patch; prints `annotated` (kubectl pkg/cmd/annotate). The apiserver validates the keys.
 */
export function registerAnnotate(program: Command, ctx: CommandContext): void {
  program
    .command("annotate")
    .argument("[args...]")
    .option("--overwrite")
    .option("-l, --selector <selector>")
    .option("--all")
    .option("--list")
    .option("--resource-version <version>")
    .action((args: string[], opts: Record<string, unknown>) => {
      const { resources, pairs } = resourcesAndPairs(args, "annotation");
      if (resources.length === 0)
        throw new KubectlError(
          "error: one or more resources must be specified as <resource> <name> or <resource>/<name>",
        );
      if (pairs.length === 0 && !opts.list)
        throw new KubectlError("error: at least one annotation update is required");
      const { set, remove } = parsePairs(pairs);
      const { targets, errors } = resolveTargets(
        ctx,
        resources,
        opts.selector as string | undefined,
        undefined,
        opts.all === true,
      );
      const version = opts.resourceVersion as string | undefined;
      if (version !== undefined && targets.length > 1)
        throw new KubectlError("error: --resource-version may only be used with a single resource");
      for (const { type, object } of targets) {
        const annotations = object.metadata.annotations ?? {};
        if (opts.list) {
          for (const [k, v] of Object.entries(annotations)) ctx.out(`${k}=${v}\n`);
          continue;
        }
        if (!opts.overwrite) {
          const taken = Object.entries(set)
            .filter(
              ([k, v]) => k !== "kubernetes.io/change-cause" && k in annotations && annotations[k] !== v,
            )
            .map(([k]) => `'${k}' already has a value (${annotations[k]})`);
          if (taken.length > 0)
            throw new KubectlError(
              `error: --overwrite is false but found the following declared annotation(s): ${taken.join("; ")}`,
            );
        }
        const patch: Record<string, string | null> = {};
        for (const [k, v] of Object.entries(set)) if (annotations[k] !== v) patch[k] = v;
        for (const k of remove) if (k in annotations) patch[k] = null;
        try {
          const metadata: Record<string, unknown> = {};
          if (Object.keys(patch).length > 0) metadata.annotations = patch;
          if (version !== undefined) metadata.resourceVersion = version;
          if (Object.keys(metadata).length > 0)
            ctx.host.client.api.patch(
              "kubectl",
              type,
              object.metadata.namespace,
              object.metadata.name as string,
              "merge",
              {
                metadata,
              },
            );
          ctx.out(`${kindPrefix(type)}/${object.metadata.name} annotated\n`);
        } catch (error) {
          errors.push(errorMessage(error));
        }
      }
      if (errors.length > 0) throw new KubectlError(errors.join("\n"));
    });
}
