import type { Command } from "commander";
import type { ResourceType } from "../../api/kinds.ts";
import { StatusError } from "../../api/StatusError.ts";
import type { Pod } from "../../api/types.ts";
import { parseDuration } from "../../clock/duration.ts";
import { controllerRefOf } from "../../controllers/controllerUtils.ts";
import { errorMessage } from "../errors.ts";
import type { CommandContext } from "../Kubectl.ts";
import { KubectlError } from "../KubectlError.ts";
import { nodeTargets, setUnschedulable } from "./cordon.ts";

/** The drain filters' messages (k8s.io/kubectl/pkg/drain/filters.go, v1.32). */
const FATAL = {
  daemonSet: "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)",
  localStorage: "Pods with local storage (use --delete-emptydir-data to override)",
  // Sic: errors() adds "cannot delete " again, so kubectl prints "cannot delete cannot delete …".
  unmanaged: "cannot delete Pods that declare no controller (use --force to override)",
};
const WARNING = {
  daemonSet: "ignoring DaemonSet-managed Pods",
  localStorage: "deleting Pods with local storage",
  unmanaged: "deleting Pods that declare no controller",
};

/** How long drain waits for evicted pods without --timeout (cluster time). */
const DEFAULT_WAIT_MS = 60 * 60_000;

interface Options {
  ignoreDaemonsets: boolean;
  deleteEmptydirData: boolean;
  force: boolean;
  gracePeriod: number;
}

/** PodDeleteStatus: whether the pod is evicted, and the warning or error it contributes. */
interface PodDeleteStatus {
  delete: boolean;
  reason: "Okay" | "Skip" | "Warning" | "Error";
  message?: string;
}

const okay: PodDeleteStatus = { delete: true, reason: "Okay" };
const warning = (del: boolean, message: string): PodDeleteStatus => ({
  delete: del,
  reason: "Warning",
  message,
});
const error = (message: string): PodDeleteStatus => ({ delete: false, reason: "Error", message });

/**
 * The drain filters in their order (daemonSet, mirror, localStorage, unreplicated); a pod stops at
 * the first filter that keeps it, otherwise the last filter's verdict stands (so the local-storage
 * warning of a controlled pod is dropped, as in kubectl).
 */
function podDeleteStatus(ctx: CommandContext, pod: Pod, options: Options): PodDeleteStatus {
  const terminal = pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
  const ref = controllerRefOf(pod);
  const filters: (() => PodDeleteStatus)[] = [
    () => {
      if (ref?.kind !== "DaemonSet" || terminal) return okay;
      const daemonSets = ctx.host.client.kinds.forResourceName("daemonsets.apps") as ResourceType;
      try {
        ctx.host.client.api.get("kubectl", daemonSets, pod.metadata?.namespace, ref.name);
      } catch (err) {
        if (!(err instanceof StatusError)) throw err;
        if (err.status.code === 404 && options.force) return warning(true, err.status.message);
        return error(err.status.message);
      }
      return options.ignoreDaemonsets ? warning(false, WARNING.daemonSet) : error(FATAL.daemonSet);
    },
    () =>
      pod.metadata?.annotations?.["kubernetes.io/config.mirror"] !== undefined
        ? { delete: false, reason: "Skip" }
        : okay,
    () => {
      if (!(pod.spec?.volumes ?? []).some((v) => v.emptyDir) || terminal) return okay;
      return options.deleteEmptydirData ? warning(true, WARNING.localStorage) : error(FATAL.localStorage);
    },
    () => {
      if (terminal || ref) return okay;
      return options.force ? warning(true, WARNING.unmanaged) : error(FATAL.unmanaged);
    },
  ];
  let status = okay;
  for (const filter of filters) {
    status = filter();
    if (!status.delete) break;
  }
  return status;
}

/** getPodsForDeletion: the pods to evict, the warning line, and one error per refusal reason. */
function classify(ctx: CommandContext, pods: Pod[], options: Options) {
  const remove: Pod[] = [];
  const warnings = new Map<string, string[]>();
  const errors = new Map<string, string[]>();
  for (const pod of pods) {
    const status = podDeleteStatus(ctx, pod, options);
    const name = `${pod.metadata?.namespace}/${pod.metadata?.name}`;
    const into = status.reason === "Warning" ? warnings : status.reason === "Error" ? errors : undefined;
    if (into) into.set(status.message ?? "", [...(into.get(status.message ?? "") ?? []), name]);
    if (status.delete) remove.push(pod);
  }
  return {
    remove,
    warning: [...warnings].map(([m, list]) => `${m}: ${list.join(", ")}`).join("; "),
    errors: [...errors].map(([m, list]) => `cannot delete ${m}: ${list.join(", ")}`),
  };
}

/** utilerrors.Aggregate's Error(): one message as is, several in brackets. */
const aggregate = (messages: readonly string[]) =>
  messages.length === 1 ? (messages[0] as string) : `[${messages.join(", ")}]`;

/**
 * The Eviction API as the apiserver applies it (pkg/registry/core/pod/storage/eviction.go): the
 * DisruptionTarget condition (EvictionByEvictionAPI), then a graceful delete. A pod already gone is
 * fine; other errors stop the drain.
 */
function evict(ctx: CommandContext, podsType: ResourceType, pod: Pod, gracePeriod: number): void {
  const namespace = pod.metadata?.namespace;
  const name = pod.metadata?.name as string;
  try {
    ctx.host.client.api.patch(
      "kubectl",
      podsType,
      namespace,
      name,
      "merge",
      {
        status: {
          conditions: [
            ...(pod.status?.conditions ?? []).filter((c) => c.type !== "DisruptionTarget"),
            {
              type: "DisruptionTarget",
              status: "True",
              lastProbeTime: null,
              lastTransitionTime: ctx.host.client.api.now(),
              reason: "EvictionByEvictionAPI",
              message: "Eviction API: evicting",
            },
          ],
        },
      },
      { subresource: "status" },
    );
    ctx.host.client.api.delete("kubectl", podsType, namespace, name, {
      ...(gracePeriod >= 0 ? { gracePeriodSeconds: gracePeriod } : {}),
    });
  } catch (err) {
    if (err instanceof StatusError && err.status.code === 404) return;
    throw new KubectlError(
      `error when evicting pods/${JSON.stringify(name)} -n ${JSON.stringify(namespace)}: ${errorMessage(err)}`,
    );
  }
}

/** `kubectl drain NODE`: cordon, then evict every pod the filters allow and wait until they are gone. */
export function registerDrain(program: Command, ctx: CommandContext): void {
  program
    .command("drain")
    .argument("[nodes...]")
    .option("--ignore-daemonsets")
    .option("--delete-emptydir-data")
    .option("--delete-local-data")
    .option("--force")
    .option("--grace-period <seconds>", "", "-1")
    .option("--timeout <duration>")
    .option("-l, --selector <selector>")
    .option("--pod-selector <selector>")
    .action((names: string[], opts: Record<string, unknown>) => {
      const options: Options = {
        ignoreDaemonsets: Boolean(opts.ignoreDaemonsets),
        deleteEmptydirData: Boolean(opts.deleteEmptydirData || opts.deleteLocalData),
        force: Boolean(opts.force),
        gracePeriod: Number(opts.gracePeriod),
      };
      const { targets, errors } = nodeTargets(ctx, names, opts.selector as string | undefined, "drain");
      if (errors.length > 0) throw new KubectlError(errors.join("\n"));
      const podsType = ctx.host.client.kinds.forResourceName("pods") as ResourceType;
      let timeout = DEFAULT_WAIT_MS;
      if (opts.timeout !== undefined) {
        try {
          timeout = parseDuration(String(opts.timeout)) || DEFAULT_WAIT_MS;
        } catch {
          throw new KubectlError(
            `error: invalid argument "${opts.timeout}" for "--timeout" flag: time: invalid duration "${opts.timeout}"\nSee 'kubectl drain --help' for usage.`,
          );
        }
      }
      // RunCordonOrUncordon first, for every node; then drain node by node.
      for (const { type, object } of targets) setUnschedulable(ctx, type, object, true);
      const pending: string[] = [];
      const fatal: string[][] = [];
      for (const { object } of targets) {
        const nodeName = object.metadata.name as string;
        const pods = ctx.host.client.api.list<Pod>("kubectl", podsType, undefined, {
          fieldSelector: `spec.nodeName=${nodeName}`,
          ...(opts.podSelector ? { labelSelector: opts.podSelector as string } : {}),
        }).items;
        const { remove, warning: warnings, errors: problems } = classify(ctx, pods, options);
        if (problems.length > 0) {
          ctx.err(
            `error: unable to drain node "${nodeName}" due to error: ${aggregate(problems)}, continuing command...\n`,
          );
          pending.push(nodeName);
          fatal.push(problems);
          continue;
        }
        if (warnings) ctx.err(`Warning: ${warnings}\n`);
        for (const pod of remove) {
          ctx.out(`evicting pod ${pod.metadata?.namespace}/${pod.metadata?.name}\n`);
          evict(ctx, podsType, pod, options.gracePeriod);
        }
        // waitForDelete: each pod is reported once it is gone (or replaced by one with a new uid).
        const gone = (pod: Pod) =>
          ctx.host.client.api.peek(podsType, pod.metadata?.namespace, pod.metadata?.name as string)?.metadata
            .uid !== pod.metadata?.uid;
        const waiting = new Set(remove);
        const report = () => {
          for (const pod of [...waiting]) {
            if (!gone(pod)) continue;
            waiting.delete(pod);
            ctx.out(`pod/${pod.metadata?.name} evicted\n`);
          }
          return waiting.size === 0;
        };
        if (!report()) ctx.host.wait(report, timeout);
        if (waiting.size > 0) {
          const first = [...waiting][0] as Pod;
          const message = `error when waiting for pod "${first.metadata?.name}" in namespace "${first.metadata?.namespace}" to terminate: context deadline exceeded`;
          ctx.err(
            `error: unable to drain node "${nodeName}" due to error: ${message}, continuing command...\n`,
          );
          pending.push(nodeName);
          fatal.push([message]);
          continue;
        }
        ctx.out(`node/${nodeName} drained\n`);
      }
      if (pending.length > 0) {
        ctx.err(`There are pending nodes to be drained:\n${pending.map((n) => ` ${n}\n`).join("")}`);
        // checkErr: an aggregate of one node's errors prints each on its own line; several nodes
        // print one (bracketed) line each.
        const lines = fatal.length === 1 ? (fatal[0] as string[]) : fatal.map(aggregate);
        throw new KubectlError(lines.join("\n"));
      }
    });
}
