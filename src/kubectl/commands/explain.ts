import type { Command } from "commander";
import type { KindRegistry, ResourceType } from "../../api/kinds.ts";
import { OpenApiDocuments } from "../../server/openapi.ts";
import { renderExplain } from "../explain/explainPlaintext.ts";
import type { CommandContext } from "../Kubectl.ts";
import { KubectlError } from "../KubectlError.ts";

/** One set of OpenAPI documents per kind registry (they are what `/openapi/v3` serves). */
const documents = new WeakMap<KindRegistry, OpenApiDocuments>();

function openApiFor(kinds: KindRegistry): OpenApiDocuments {
  let docs = documents.get(kinds);
  if (!docs) {
    docs = new OpenApiDocuments(kinds);
    documents.set(kinds, docs);
  }
  return docs;
}

/**
 * The resource and field path of `kubectl explain`'s argument
 * (explain.SplitAndParseResourceRequestWithMatchingPrefix): the first dotted part names the
 * resource (short names too); `deployments.apps.spec` also names its group.
 */
function splitResourceRequest(
  kinds: KindRegistry,
  input: string,
): { type: ResourceType; fieldPath: string[] } {
  const text = input.endsWith(".") ? input.slice(0, -1) : input;
  const parts = text.split(".");
  const type = kinds.forResourceName(parts[0] as string);
  if (!type) throw new KubectlError(`the server doesn't have a resource type "${parts[0]}"`);
  const groupResource = type.group ? `${type.plural}.${type.group}` : type.plural;
  if (text.startsWith(groupResource)) {
    const suffix = text.slice(groupResource.length);
    return { type, fieldPath: suffix.length > 0 ? suffix.split(".").slice(1) : [] };
  }
  return { type, fieldPath: parts.slice(1) };
}

/**
 * `kubectl explain RESOURCE[.FIELD...]`: the resource's documentation from the OpenAPI v3 document
 * the apiserver serves for its group version, rendered with kubectl's plaintext template
 * (pkg/cmd/explain/explain.go; `--recursive`, `--api-version`, `-o plaintext`).
 *
 * @example
 * ```ts
 * registerExplain(program, ctx); // kubectl explain deployments.spec.strategy --recursive
 * ```
 */
export function registerExplain(program: Command, ctx: CommandContext): void {
  program
    .command("explain")
    .argument("[args...]")
    .option("--recursive")
    .option("--api-version <version>", "", "")
    .option("-o, --output <format>", "", "plaintext")
    .action((args: string[], opts: Record<string, unknown>) => {
      if (args.length === 0) {
        throw new KubectlError(
          'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.',
        );
      }
      if (args.length > 1) throw new KubectlError("error: We accept only this format: explain RESOURCE");
      const kinds = ctx.host.client.kinds;
      const { type, fieldPath } = splitResourceRequest(kinds, args[0] as string);
      let group = type.group;
      let version = type.version;
      const apiVersion = String(opts.apiVersion ?? "");
      if (apiVersion) {
        const slash = apiVersion.indexOf("/");
        group = slash < 0 ? "" : apiVersion.slice(0, slash);
        version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
      }
      const gvr = `${group}/${version}, Resource=${type.plural}`;
      const docs = openApiFor(kinds);
      const path = group ? `apis/${group}/${version}` : `api/${version}`;
      const document = docs.v3Paths().includes(path) ? docs.v3(path) : undefined;
      if (!document) throw new KubectlError(`error: couldn't find resource for "${gvr}"`);
      const format = String(opts.output ?? "plaintext");
      if (format !== "plaintext") throw new KubectlError(`error: unrecognized format: ${format}`);
      const rendered = renderExplain(document as Record<string, unknown>, {
        group,
        version,
        resource: type.plural,
        fieldPath,
        recursive: opts.recursive === true,
      });
      ctx.out(rendered.out);
      if (rendered.error) throw new KubectlError(rendered.error);
    });
}
