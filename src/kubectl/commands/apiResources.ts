import type { Command } from "commander";
import { apiVersionOf, type ResourceType } from "../../api/kinds.ts";
import type { CommandContext } from "../Kubectl.ts";
import { KubectlError } from "../KubectlError.ts";
import { formatTabbed } from "../tabwriter.ts";

function list(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(",").filter((v) => v.length > 0)];
}

function boolFlag(value: unknown): boolean {
  return !(value === false || value === "false");
}

/**
 * The order `kubectl api-resources` prints in (apiresources.go `sortableResource`): by the sort key
 * (API group by default, or name, or kind), ties broken by resource name.
 */
function sortResources(types: ResourceType[], sortBy: string): ResourceType[] {
  const key = (t: ResourceType) => (sortBy === "name" ? t.plural : sortBy === "kind" ? t.kind : t.group);
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return types
    .map((t, i) => ({ t, i }))
    .sort((a, b) => compare(key(a.t), key(b.t)) || compare(a.t.plural, b.t.plural) || a.i - b.i)
    .map(({ t }) => t);
}

/**
 * `kubectl api-resources`: the served resources from discovery, with the real command's filters
 * (`--namespaced`, `--api-group`, `--verbs`, `--categories`), `--sort-by`, `-o wide|name` and
 * `--no-headers` (kubectl pkg/cmd/apiresources/apiresources.go).
 */
export function registerApiResources(program: Command, ctx: CommandContext): void {
  program
    .command("api-resources")
    .argument("[args...]")
    .option("-o, --output <format>", "", "")
    .option("--api-group <group>")
    .option("--namespaced [bool]")
    .option("--verbs <verbs>", "", list, [] as string[])
    .option("--categories <categories>", "", list, [] as string[])
    .option("--sort-by <field>", "", "")
    .option("--no-headers")
    .option("--cached")
    .action((args: string[], opts: Record<string, unknown>) => {
      if (args.length > 0) {
        throw new KubectlError(
          `error: unexpected arguments: [${args.join(" ")}]\nSee 'kubectl api-resources -h' for help and examples`,
        );
      }
      const output = String(opts.output ?? "");
      if (!["", "wide", "name"].includes(output))
        throw new KubectlError(`error: --output ${output} is not available`);
      const sortBy = String(opts.sortBy ?? "");
      if (sortBy && !["name", "kind"].includes(sortBy))
        throw new KubectlError("error: --sort-by accepts only name or kind");
      const verbs = opts.verbs as string[];
      const categories = opts.categories as string[];
      let types = ctx.host.client.kinds.all().filter((t) => t.verbs.length > 0);
      if (opts.apiGroup !== undefined) types = types.filter((t) => t.group === opts.apiGroup);
      if (opts.namespaced !== undefined) {
        const namespaced = boolFlag(opts.namespaced);
        types = types.filter((t) => t.namespaced === namespaced);
      }
      if (verbs.length > 0) types = types.filter((t) => verbs.every((v) => t.verbs.includes(v)));
      if (categories.length > 0)
        types = types.filter((t) => categories.every((c) => t.categories.includes(c)));
      types = sortResources(types, sortBy);
      if (output === "name") {
        for (const t of types) ctx.out(`${t.plural}${t.group ? `.${t.group}` : ""}\n`);
        return;
      }
      const lines: string[] = [];
      if (opts.headers !== false) {
        const headers = ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"];
        if (output === "wide") headers.push("VERBS", "CATEGORIES");
        lines.push(headers.join("\t"));
      }
      for (const t of types) {
        const cells = [t.plural, t.shortNames.join(","), apiVersionOf(t), String(t.namespaced), t.kind];
        if (output === "wide") cells.push(t.verbs.join(","), t.categories.join(","));
        lines.push(cells.join("\t"));
      }
      if (lines.length > 0) ctx.out(formatTabbed(lines));
    });
}
