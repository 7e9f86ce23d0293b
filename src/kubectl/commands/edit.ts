import type { Command } from "commander";
import type { ResourceType } from "../../api/kinds.ts";
import { PatchMeta } from "../../api/PatchMeta.ts";
import { StatusError } from "../../api/StatusError.ts";
import { createTwoWayMergePatch, type JsonMap } from "../../api/strategicMergePatch.ts";
import type { KubeObject } from "../../api/types.ts";
import { errorMessage } from "../errors.ts";
import type { CommandContext } from "../Kubectl.ts";
import { KubectlError } from "../KubectlError.ts";
import { parseManifests } from "../manifests.ts";
import { toGoYaml } from "../printers/goYaml.ts";
import { kindPrefix, parseResourceArgs } from "../resources.ts";
import { fieldValidation } from "./common.ts";

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

/** editor.go defaultEnvEditor: KUBE_EDITOR, then EDITOR; split on spaces unless quoting needs a shell. */
export function editorArgs(editor: string): string[] {
  if (!editor.includes(" ")) return [editor];
  if (!/["'\\]/.test(editor)) return editor.split(" ");
  return ["/bin/bash", "-c", editor];
}

/** cmdutil.StripComments: drop the lines that are comments. */
function stripComments(text: string): string {
  return text
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("#"))
    .join("\n");
}

/** cmdutil.ManualStrip: drop the leading comment block before re-opening the file. */
function manualStrip(text: string): string {
  return text
    .split("\n")
    .filter((line) => !line.startsWith("#"))
    .join("\n");
}

function hashOnLineBreak(text: string): string {
  return text.replace(/\n(?!#)/g, "\n# ");
}

interface Reason {
  head: string;
  other: string[];
}

function header(reasons: readonly Reason[]): string {
  let out = HEADER;
  for (const r of reasons) {
    out += r.other.length > 0 ? `# ${hashOnLineBreak(r.head)}:\n` : `# ${hashOnLineBreak(r.head)}\n`;
    for (const o of r.other) out += `# * ${hashOnLineBreak(o)}\n`;
    out += "#\n";
  }
  return out;
}

/**
 * `kubectl edit`: writes the object as YAML to a temporary file, runs the editor named by
 * KUBE_EDITOR or EDITOR on it (given on the command line: `KUBE_EDITOR="sed -i s/a/b/" kubectl edit
 * pod web`), and sends the difference as a strategic merge patch; invalid edits re-open the file
 * with the errors in its header (kubectl pkg/cmd/util/editor/editoptions.go, normal mode).
 */
export function registerEdit(program: Command, ctx: CommandContext): void {
  program
    .command("edit")
    .argument("[args...]")
    .option("--validate [mode]", "", "strict")
    .option("--subresource <subresource>")
    .action((args: string[], opts: Record<string, unknown>) => {
      const editor = ctx.env.KUBE_EDITOR || ctx.env.EDITOR;
      const edit = ctx.host.edit;
      if (!editor || !edit)
        throw new KubectlError(
          'error: kubespec\'s kubectl edit runs no interactive editor: set KUBE_EDITOR or EDITOR to a command that edits the file, e.g. KUBE_EDITOR="sed -i s/nginx/httpd/" kubectl edit pod web',
        );
      const requests = parseResourceArgs(ctx.host.client.kinds, args);
      if (requests.length === 0)
        throw new KubectlError(
          `error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`,
        );
      const originals: { type: ResourceType; object: KubeObject }[] = [];
      for (const { type, names } of requests) {
        const namespace = type.namespaced ? ctx.namespace() : undefined;
        if (names.length === 0) {
          for (const object of ctx.host.client.api.list("kubectl", type, namespace).items)
            originals.push({ type, object });
        } else
          for (const name of names)
            originals.push({ type, object: ctx.host.client.api.get("kubectl", type, namespace, name) });
      }
      if (originals.length === 0) throw new KubectlError("error: edit cancelled, no objects found");
      const objects = originals.map((o) => o.object);
      const document =
        objects.length === 1 ? objects[0] : { apiVersion: "v1", items: objects, kind: "List", metadata: {} };
      const original = toGoYaml(document);
      const command = editorArgs(editor);
      let reasons: Reason[] = [];
      let edited = "";
      let containsError = false;
      let lastPath: string | undefined;
      for (;;) {
        const content = header(reasons) + (containsError ? manualStrip(edited) : original);
        const previous = edited;
        let result: { content: string; path: string };
        try {
          result = edit(command, content);
        } catch {
          throw new KubectlError(
            `error: there was a problem with the editor ${JSON.stringify(command.join(" "))}`,
          );
        }
        edited = result.content;
        if (
          lastPath &&
          lastPath !== result.path &&
          !(containsError && stripComments(previous) === stripComments(edited))
        )
          ctx.host.removeTempFile?.(lastPath);
        lastPath = result.path;
        const preserved = `A copy of your changes has been stored to ${JSON.stringify(result.path)}\n`;
        if (containsError && stripComments(previous) === stripComments(edited)) {
          ctx.err(preserved);
          throw new KubectlError("error: Edit cancelled, no valid changes were saved.");
        }
        if (stripComments(original) === stripComments(edited)) {
          ctx.host.removeTempFile?.(result.path);
          ctx.err("Edit cancelled, no changes made.\n");
          return;
        }
        if (!edited.split("\n").some((l) => l.trim().length > 0 && !l.trim().startsWith("#"))) {
          ctx.host.removeTempFile?.(result.path);
          ctx.err("Edit cancelled, saved file was empty.\n");
          return;
        }
        reasons = [];
        let updated: KubeObject[];
        try {
          updated = parseManifests(edited, "edited-file").map((m) => m.object);
        } catch (error) {
          containsError = true;
          reasons.push({
            head: `The edited file had a syntax error: ${(error as Error).message.replace(/^error: /, "")}`,
            other: [],
          });
          continue;
        }
        containsError = false;
        let invalid = 0;
        let retryable = 0;
        let notFound = 0;
        for (const object of updated) {
          const match = originals.find((o) => o.object.metadata.uid === object.metadata?.uid);
          if (!match) throw new KubectlError(`error: no original object found for ${JSON.stringify(object)}`);
          const { type } = match;
          const resource = type.group ? `${type.plural}.${type.group}` : type.plural;
          const name = match.object.metadata.name as string;
          const before = match.object as unknown as JsonMap;
          const after = object as unknown as JsonMap;
          if (JSON.stringify(before) === JSON.stringify(after)) {
            ctx.out(`${kindPrefix(type)}/${name} skipped\n`);
            continue;
          }
          if (
            before.apiVersion !== after.apiVersion ||
            before.kind !== after.kind ||
            (before.metadata as JsonMap).name !== (after.metadata as JsonMap | undefined)?.name
          )
            throw new KubectlError("error: At least one of apiVersion, kind and name was changed");
          const patch = createTwoWayMergePatch(before, after, PatchMeta.forModel(type.model));
          try {
            ctx.host.client.api.patch(
              "kubectl",
              type,
              match.object.metadata.namespace,
              name,
              "strategic",
              patch,
              {
                fieldValidation: fieldValidation(opts.validate),
                ...(opts.subresource === "status" ? { subresource: "status" as const } : {}),
              },
            );
            ctx.out(`${kindPrefix(type)}/${name} edited\n`);
          } catch (error) {
            if (error instanceof StatusError && error.reason === "Invalid") {
              invalid++;
              reasons.push({
                head: `${resource} "${name}" was not valid`,
                other: (error.status.details?.causes ?? []).map(
                  (c) => `${c.field ?? ""}: ${c.message ?? ""}`,
                ),
              });
              ctx.err(`error: ${resource} "${name}" is invalid\n`);
            } else if (error instanceof StatusError && error.code === 404) {
              notFound++;
              ctx.err(`error: ${resource} "${name}" could not be found on the server\n`);
            } else {
              retryable++;
              const detail = error instanceof StatusError ? error.status.message : errorMessage(error);
              ctx.err(`error: ${resource} "${name}" could not be patched: ${detail}\n`);
            }
          }
        }
        if (retryable > 0) {
          ctx.err(`You can run \`kubectl replace -f ${result.path}\` to try this update again.\n`);
          throw new KubectlError("", 1);
        }
        if (notFound > 0) {
          ctx.err(
            `The edits you made on deleted resources have been saved to ${JSON.stringify(result.path)}\n`,
          );
          throw new KubectlError("", 1);
        }
        if (invalid === 0) {
          ctx.host.removeTempFile?.(result.path);
          return;
        }
        containsError = true;
      }
    });
}
