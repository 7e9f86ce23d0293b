import type { Command } from "commander";
import type { ResourceType } from "../../api/kinds.ts";
import { StatusError } from "../../api/StatusError.ts";
import type { KubeObject } from "../../api/types.ts";
import { parseDuration } from "../../clock/duration.ts";
import { errorMessage } from "../errors.ts";
import type { CommandContext } from "../Kubectl.ts";
import { KubectlError } from "../KubectlError.ts";
import { kindPrefix } from "../resources.ts";
import { resourceRefs } from "./targets.ts";

/** How long the built-in kubectl waits for a deletion when --timeout is 0 (cluster time). */
const DEFAULT_WAIT_MS = 10 * 60_000;

interface Target {
  type: ResourceType;
  namespace: string | undefined;
  name: string;
}

/** `kubectl delete`: by name, label selector, --all or -f; waits for the objects to go away. */
export function registerDelete(program: Command, ctx: CommandContext): void {
  program
    .command("delete")
    .argument("[args...]")
    .option("-f, --filename <file>", "", (v: string, p: string[]) => [...p, v], [] as string[])
    .option("-l, --selector <selector>")
    .option("--all")
    .option("-A, --all-namespaces")
    .option("--grace-period <seconds>", "", "-1")
    .option("--force")
    .option("--now")
    .option("--wait [bool]", "", "true")
    .option("--timeout <duration>", "", "0s")
    .option("--ignore-not-found")
    .option("--cascade [mode]", "", "background")
    .option("-o, --output <format>")
    .action((args: string[], opts: Record<string, unknown>) => {
      let grace = Number(opts.gracePeriod);
      if (opts.now) {
        if (grace !== -1)
          throw new KubectlError("error: --now and --grace-period cannot be specified together");
        grace = 1;
      }
      if (grace === 0 && !opts.force) grace = 1;
      if (opts.force && grace < 0) grace = 0;
      const cascade = String(opts.cascade === true ? "background" : opts.cascade);
      const propagation = {
        background: "Background",
        foreground: "Foreground",
        orphan: "Orphan",
        true: "Background",
        false: "Orphan",
      }[cascade] as "Background" | "Foreground" | "Orphan" | undefined;
      if (!propagation)
        throw new KubectlError(
          `error: invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan".`,
        );

      const targets = resourceRefs(ctx, opts.filename as string[], args, {
        selector: opts.selector as string | undefined,
        all: opts.all === true,
        allNamespaces: opts.allNamespaces === true,
        required: true,
      });
      const errors: string[] = [];
      if (opts.force && grace === 0) {
        ctx.err(
          "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n",
        );
      }
      if (targets.length === 0 && errors.length === 0 && (opts.selector || opts.all)) {
        // Nothing matched the selector (delete.go: found == 0).
        ctx.out("No resources found\n");
        return;
      }
      const deleted: { target: Target; uid: string | undefined }[] = [];
      for (const target of targets) {
        try {
          const result = ctx.host.client.api.delete<KubeObject>(
            "kubectl",
            target.type,
            target.namespace,
            target.name,
            {
              ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}),
              propagationPolicy: propagation,
            },
          );
          deleted.push({ target, uid: result.object.metadata.uid });
          if (opts.output === "name") ctx.out(`${kindPrefix(target.type)}/${target.name}\n`);
          else
            ctx.out(
              `${kindPrefix(target.type)} "${target.name}" ${grace === 0 ? "force deleted" : "deleted"}\n`,
            );
        } catch (error) {
          if (opts.ignoreNotFound && error instanceof StatusError && error.code === 404) continue;
          errors.push(errorMessage(error));
        }
      }
      const wait = String(opts.wait) !== "false";
      if (wait && deleted.length > 0) {
        const timeout = parseDuration(String(opts.timeout)) || DEFAULT_WAIT_MS;
        const gone = (d: { target: Target; uid: string | undefined }) => {
          const current = ctx.host.client.api.peek(d.target.type, d.target.namespace, d.target.name);
          return !current || current.metadata.uid !== d.uid;
        };
        const done = ctx.host.wait(() => deleted.every(gone), timeout);
        if (!done) {
          for (const d of deleted.filter((x) => !gone(x))) {
            errors.push(
              `error: timed out waiting for the condition on ${d.target.type.plural}${d.target.type.group ? `.${d.target.type.group}` : ""}/${d.target.name}`,
            );
          }
        }
      }
      if (errors.length > 0) throw new KubectlError(errors.join("\n"));
    });
}
