import type { Command } from "commander";
import { StatusError } from "../../api/StatusError.ts";
import type { Pod } from "../../api/types.ts";
import { parseDuration } from "../../clock/duration.ts";
import type { CommandContext } from "../Kubectl.ts";
import { KubectlError } from "../KubectlError.ts";

const USAGE = `expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.
POD or TYPE/NAME is a required argument for the logs command
See 'kubectl logs -h' for help and examples`;

/** podcmd.AllContainerNames: `a, b, c (init)`. */
export function allContainerNames(pod: Pod): string {
  return [
    ...(pod.spec?.containers ?? []).map((c) => c.name),
    ...(pod.spec?.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`),
    ...(pod.spec?.initContainers ?? []).map((c) => `${c.name} (init)`),
  ].join(", ");
}

/** The pod a `POD` or `pod/NAME` argument names. */
export function podArgument(arg: string, command: string): string {
  const slash = arg.indexOf("/");
  if (slash < 0) return arg;
  const kind = arg.slice(0, slash).toLowerCase();
  if (kind === "pod" || kind === "pods" || kind === "po") return arg.slice(slash + 1);
  throw new KubectlError(`error: kubespec's kubectl ${command} supports pods only (got "${arg}")`);
}

/**
 * `kubectl logs POD [CONTAINER] [-c C] [-p] [--tail N] [--timestamps] [--since D] [--all-containers]`
 * (staging/src/k8s.io/kubectl/pkg/cmd/logs): the default-container notice, kubectl's own errors,
 * and the kubelet's answer relayed by the apiserver.
 */
export function registerLogs(program: Command, ctx: CommandContext): void {
  program
    .command("logs")
    .argument("[args...]")
    .option("-c, --container <name>")
    .option("-p, --previous")
    .option("--tail <lines>", "", "-1")
    .option("--timestamps")
    .option("--since <duration>")
    .option("--limit-bytes <bytes>")
    .option("--all-containers")
    .option("--prefix")
    .option("-f, --follow")
    .action((args: string[], opts: Record<string, unknown>) => {
      if (args.length === 0 || args.length > 2) throw new KubectlError(`error: ${USAGE}`);
      if (opts.container && args.length === 2)
        throw new KubectlError("error: only one of -c or an inline [CONTAINER] arg is allowed");
      if (opts.follow)
        throw new KubectlError(
          "error: kubespec's kubectl does not follow logs (-f): run it without -f after letting time pass",
        );
      const tail = Number(opts.tail);
      if (!Number.isInteger(tail))
        throw new KubectlError(
          `error: invalid argument "${opts.tail}" for "--tail" flag: strconv.ParseInt: parsing "${opts.tail}": invalid syntax`,
        );
      if (tail < -1) throw new KubectlError("error: --tail must be greater than or equal to -1");
      let container = (opts.container as string | undefined) ?? args[1];
      if (opts.allContainers && container)
        throw new KubectlError(
          `error: --all-containers=true should not be specified with container name ${container}`,
        );
      const name = podArgument(args[0] as string, "logs");
      const namespace = ctx.namespace();
      let pod: Pod;
      try {
        pod = ctx.host.client.api.get<Pod>("kubectl", ctx.host.client.resource("pods").type, namespace, name);
      } catch (error) {
        if (error instanceof StatusError && error.code === 404)
          throw new KubectlError(
            `error: error from server (NotFound): ${error.message} in namespace "${namespace}"`,
          );
        throw error;
      }
      const kubelets = ctx.host.kubelets;
      if (!kubelets) throw new KubectlError("error: this cluster cannot serve container logs");
      const options = {
        ...(opts.previous ? { previous: true } : {}),
        ...(tail >= 0 ? { tailLines: tail } : {}),
        ...(opts.timestamps ? { timestamps: true } : {}),
        ...(opts.since ? { sinceSeconds: Math.ceil(parseDuration(String(opts.since)) / 1000) } : {}),
        ...(opts.limitBytes !== undefined ? { limitBytes: Number(opts.limitBytes) } : {}),
      };
      const names = opts.allContainers
        ? [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name)
        : [];
      if (!opts.allContainers) {
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
            if (defaulted) ctx.err(`Default container name "${defaulted}" not found in pod ${name}\n`);
            container = pod.spec?.containers[0]?.name ?? "";
            if ((pod.spec?.containers.length ?? 0) > 1 || (pod.spec?.initContainers ?? []).length > 0)
              ctx.err(`Defaulted container "${container}" out of: ${allContainerNames(pod)}\n`);
          }
        }
        if (
          ![...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].some(
            (c) => c.name === container,
          )
        )
          throw new KubectlError(`error: container ${container} is not valid for pod ${name}`);
        names.push(container);
      }
      for (const c of names) {
        const text = kubelets.logs(namespace, name, { ...options, container: c });
        if (!opts.prefix) {
          ctx.out(text);
          continue;
        }
        for (const line of text.split(/(?<=\n)/)) if (line) ctx.out(`[pod/${name}/${c}] ${line}`);
      }
    });
}
