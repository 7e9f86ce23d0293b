import type { Command } from "commander";
import type { Pod } from "../../api/types.ts";
import type { CommandContext } from "../Kubectl.ts";
import { KubectlError } from "../KubectlError.ts";
import { allContainerNames, podArgument } from "./logs.ts";

/** How long the built-in kubectl waits (cluster time) for an exec'd command to finish. */
const EXEC_WAIT_MS = 60 * 60_000;

/**
 * `kubectl exec POD [-c C] [-i] [-t] -- COMMAND [args...]` (staging/src/k8s.io/kubectl/pkg/cmd/exec):
 * runs the command in the simulated container and relays its stdout, stderr and exit code
 * (`command terminated with exit code N`), with kubectl's and the kubelet's real errors.
 */
export function registerExec(program: Command, ctx: CommandContext): void {
  program
    .command("exec")
    .argument("[args...]")
    .option("-c, --container <name>")
    .option("-i, --stdin")
    .option("-t, --tty")
    .option("-q, --quiet")
    .action((args: string[], opts: Record<string, unknown>, command: Command) => {
      const raw = (command.parent as unknown as { rawArgs?: string[] } | null)?.rawArgs ?? [];
      const dash = raw.indexOf("--");
      const commandArgs = dash >= 0 ? raw.slice(dash + 1) : [];
      const operands = dash >= 0 ? args.slice(0, args.length - commandArgs.length) : args;
      if (dash < 0 && operands.length > 1)
        throw new KubectlError(
          "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples",
        );
      if (operands.length === 0)
        throw new KubectlError("error: pod, type/name or --filename must be specified");
      if (commandArgs.length === 0)
        throw new KubectlError("error: you must specify at least one command for the container");
      const name = podArgument(operands[0] as string, "exec");
      const namespace = ctx.namespace();
      const pod = ctx.host.client.api.get<Pod>(
        "kubectl",
        ctx.host.client.resource("pods").type,
        namespace,
        name,
      );
      const phase = pod.status?.phase;
      if (phase === "Succeeded" || phase === "Failed")
        throw new KubectlError(
          `error: cannot exec into a container in a completed pod; current phase is ${phase}`,
        );
      let container = opts.container as string | undefined;
      if (!container) {
        const defaulted = pod.metadata?.annotations?.["kubectl.kubernetes.io/default-container"];
        if (
          defaulted &&
          [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].some(
            (c) => c.name === defaulted,
          )
        )
          container = defaulted;
        else {
          container = pod.spec?.containers[0]?.name ?? "";
          if (
            !opts.quiet &&
            ((pod.spec?.containers.length ?? 0) > 1 || (pod.spec?.initContainers ?? []).length > 0)
          )
            ctx.err(`Defaulted container "${container}" out of: ${allContainerNames(pod)}\n`);
        }
      }
      if (opts.tty && !opts.quiet)
        ctx.err("Unable to use a TTY - input is not a terminal or the right kind of file\n");
      const kubelets = ctx.host.kubelets;
      if (!kubelets) throw new KubectlError("error: this cluster cannot exec into containers");
      const handle = kubelets.exec(namespace, name, container, commandArgs);
      ctx.host.wait(() => handle.result !== undefined, EXEC_WAIT_MS);
      const result = handle.result;
      if (!result) throw new KubectlError("error: the command did not finish within an hour of cluster time");
      if (!result.ok) {
        if (result.message.startsWith("container not found"))
          throw new KubectlError(`error: unable to upgrade connection: ${result.message}`);
        throw new KubectlError(
          `error: Internal error occurred: error executing command in container: ${result.message}`,
        );
      }
      ctx.out(result.stdout);
      ctx.err(result.stderr);
      if (result.exitCode !== 0)
        throw new KubectlError(`command terminated with exit code ${result.exitCode}`, result.exitCode);
    });
}
