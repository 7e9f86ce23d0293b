import type { Command } from "commander";
import type { ResourceType } from "../../api/kinds.ts";
import { StatusError } from "../../api/StatusError.ts";
import type { KubeObject } from "../../api/types.ts";
import { enhanceListError, errorMessage } from "../errors.ts";
import type { CommandContext } from "../Kubectl.ts";
import { KubectlError } from "../KubectlError.ts";
import {
  checkOutputFormat,
  formatJsonPath,
  formatObjects,
  formatTable,
  jsonPathPrinter,
  type OutputOptions,
  tableFor,
} from "../output.ts";
import { parseResourceArgs } from "../resources.ts";

const NO_RESOURCE = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples`;

function collect(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(",").filter((v) => v.length > 0)];
}

/** `kubectl get`: tables, wide, yaml/json/name, label selection and columns, all namespaces. */
export function registerGet(program: Command, ctx: CommandContext): void {
  program
    .command("get")
    .argument("[args...]")
    .option("-o, --output <format>")
    .option("-l, --selector <selector>")
    .option("--field-selector <selector>")
    .option("-A, --all-namespaces")
    .option("--show-labels")
    .option("-L, --label-columns <columns>", "", collect, [] as string[])
    .option("--no-headers")
    .option("--ignore-not-found")
    .option("--chunk-size <n>")
    .option("--template <template>")
    .action((args: string[], opts: Record<string, unknown>) => {
      // A template without -o means go-template (get.go), which kubespec does not print.
      const output = (opts.output as string | undefined) ?? (opts.template ? "go-template" : undefined);
      const jsonPath = jsonPathPrinter(
        output,
        (path) => ctx.host.readFile(path),
        String(opts.template ?? ""),
      );
      if (!jsonPath) checkOutputFormat(output);
      const requests = parseResourceArgs(ctx.host.client.kinds, args);
      if (requests.length === 0) throw new KubectlError(NO_RESOURCE);
      const allNamespaces = Boolean(opts.allNamespaces);
      const namespace = allNamespaces ? undefined : ctx.namespace();
      const selector = opts.selector as string | undefined;
      const fieldSelector = opts.fieldSelector as string | undefined;
      const withKind = requests.length > 1;
      const options: OutputOptions = {
        output,
        allNamespaces,
        showLabels: Boolean(opts.showLabels),
        labelColumns: opts.labelColumns as string[],
        noHeaders: opts.headers === false,
        withKind,
      };
      const errors: unknown[] = [];
      const found: { type: ResourceType; objects: KubeObject[]; byName: boolean }[] = [];
      for (const { type, names } of requests) {
        const ns = type.namespaced ? namespace : undefined;
        if (names.length > 0) {
          const objects: KubeObject[] = [];
          for (const name of names) {
            try {
              objects.push(
                ctx.host.client.api.get("kubectl", type, type.namespaced ? ctx.namespace() : undefined, name),
              );
            } catch (error) {
              if (opts.ignoreNotFound && error instanceof StatusError && error.code === 404) continue;
              errors.push(error);
            }
          }
          found.push({ type, objects, byName: true });
        } else {
          // Lists are read in chunks of --chunk-size (500 by default), following continue tokens
          // (resource.FollowContinue).
          const list: { items: KubeObject[] } = { items: [] };
          const chunk = Number(opts.chunkSize ?? 500);
          let token: string | undefined;
          do {
            try {
              const page = ctx.host.client.api.list<KubeObject>("kubectl", type, ns, {
                ...(selector ? { labelSelector: selector } : {}),
                ...(fieldSelector ? { fieldSelector } : {}),
                ...(chunk > 0 ? { limit: chunk } : {}),
                ...(token ? { continue: token } : {}),
              });
              list.items.push(...page.items);
              token = page.continue;
            } catch (error) {
              throw enhanceListError(error, type, selector, fieldSelector);
            }
          } while (token);
          found.push({ type, objects: list.items, byName: false });
        }
      }
      const format = output?.split("=")[0];
      if (jsonPath) {
        const all = found.flatMap((f) => f.objects);
        const single =
          found.length === 1 && found[0]?.byName === true && (requests[0]?.names.length ?? 0) === 1;
        if (!(all.length === 0 && single)) formatJsonPath(jsonPath, all, single, ctx.out);
      } else if (format === "json" || format === "yaml" || format === "name") {
        const all = found.flatMap((f) => f.objects);
        const single =
          found.length === 1 && found[0]?.byName === true && (requests[0]?.names.length ?? 0) === 1;
        if (all.length > 0 || format !== "name") {
          if (!(all.length === 0 && single))
            ctx.out(
              formatObjects(found.length === 1 ? found[0]?.type : undefined, all, output as string, single),
            );
        }
      } else {
        const now = ctx.host.now();
        let printed = 0;
        for (const { type, objects } of found) {
          if (objects.length === 0) continue;
          if (printed > 0) ctx.out("\n");
          ctx.out(formatTable(type, tableFor(type, objects, now), options, true));
          printed++;
        }
        const listed = found.some((f) => !f.byName);
        if (printed === 0 && listed && errors.length === 0) {
          const scoped = !allNamespaces && requests.some((r) => r.type.namespaced);
          ctx.err(scoped ? `No resources found in ${ctx.namespace()} namespace.\n` : "No resources found\n");
        }
      }
      if (errors.length > 0) {
        throw new KubectlError(errors.map(errorMessage).join("\n"));
      }
    });
}
