import type { Command } from "commander";
import type { ResourceType } from "../../api/kinds.ts";
import type { Pod } from "../../api/types.ts";
import { controllerRefOf } from "../../controllers/controllerUtils.ts";
import { errorMessage } from "../errors.ts";
import type { CommandContext } from "../Kubectl.ts";
import { KubectlError } from "../KubectlError.ts";
import { nodeTargets, setUnschedulable } from "./cordon.ts";

/** The drain filters' messages (k8s.io/kubectl/pkg/drain/filters.go). */
const FATAL = {
  daemonSet: "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)",
  localStorage: "Pods with local storage (use --delete-emptydir-data to override)",
  unmanaged: "Pods declare no controller (use --force to override)",
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

/**
 * getPodsForDeletion: which pods on the node are evicted, which are skipped with a warning, and
 * which stop the drain.
 */
function classify(pods: Pod[], options: Options) {
  const remove: Pod[] = [];
  const warnings = new Map<string, string[]>();
  const errors = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, message: string, pod: Pod) =>
    map.set(message, [...(map.get(message) ?? []), `${pod.metadata?.namespace}/${pod.metadata?.name}`]);
  for (const pod of pods) {
    if (pod.metadata?.annotations?.["kubernetes.io/config.mirror"]) continue;
    const terminal = pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
    const ref = controllerRefOf(pod);
    if (ref?.kind === "DaemonSet") {
      if (options.ignoreDaemonsets) add(warnings, WARNING.daemonSet, pod);
      else add(errors, FATAL.daemonSet, pod);
      continue;
    }
    if (!terminal && (pod.spec?.volumes ?? []).some((v) => v.emptyDir)) {
      if (!options.deleteEmptydirData) {
        add(errors, FATAL.localStorage, pod);
        continue;
      }
      add(warnings, WARNING.localStorage, pod);
    }
    if (!ref && !terminal) {
      if (!options.force) {
        add(errors, FATAL.unmanaged, pod);
        continue;
      }
      add(warnings, WARNING.unmanaged, pod);
    }
    remove.push(pod);
  }
  return { remove, warnings, errors };
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
      const { targets, errors } = nodeTargets(ctx, names, opts.selector as string | undefined);
      if (errors.length > 0) throw new KubectlError(errors.join("\n"));
      const podsType = ctx.host.client.kinds.forResourceName("pods") as ResourceType;
      const pending: string[] = [];
      let fatal: string | undefined;
      for (const { type, object } of targets) {
        const nodeName = object.metadata.name as string;
        setUnschedulable(ctx, type, object, true);
        const pods = ctx.host.client.api.list<Pod>("kubectl", podsType, undefined, {
          fieldSelector: `spec.nodeName=${nodeName}`,
          ...(opts.podSelector ? { labelSelector: opts.podSelector as string } : {}),
        }).items;
        const { remove, warnings, errors: problems } = classify(pods, options);
        if (problems.size > 0) {
          const messages = [...problems].map(([m, list]) => `cannot delete ${m}: ${list.join(", ")}`);
          const text = messages.length === 1 ? messages[0] : `[${messages.join(", ")}]`;
          ctx.err(`error: unable to drain node "${nodeName}" due to error:${text}, continuing command...\n`);
          pending.push(nodeName);
          fatal = messages.join("\n");
          continue;
        }
        if (warnings.size > 0) {
          ctx.err(`Warning: ${[...warnings].map(([m, list]) => `${m}: ${list.join(", ")}`).join("; ")}\n`);
        }
        for (const pod of remove) {
          ctx.out(`evicting pod ${pod.metadata?.namespace}/${pod.metadata?.name}\n`);
          try {
            // The Eviction API: DisruptionTarget first, then a graceful delete.
            ctx.host.client.api.patch(
              "kubectl",
              podsType,
              pod.metadata?.namespace,
              pod.metadata?.name as string,
              "merge",
              {
                status: {
                  conditions: [
                    ...(pod.status?.conditions ?? []).filter((c) => c.type !== "DisruptionTarget"),
                    {
                      type: "DisruptionTarget",
                      status: "True",
                      lastProbeTime: null,
                      lastTransitionTime: new Date(ctx.host.now()).toISOString().replace(/\.\d+Z$/, "Z"),
                      reason: "EvictionByEvictionAPI",
                      message: "Eviction API: evicting",
                    },
                  ],
                },
              },
              { subresource: "status" },
            );
            ctx.host.client.api.delete(
              "kubectl",
              podsType,
              pod.metadata?.namespace,
              pod.metadata?.name as string,
              {
                ...(options.gracePeriod >= 0 ? { gracePeriodSeconds: options.gracePeriod } : {}),
              },
            );
          } catch (error) {
            if ((error as { code?: number }).code !== 404) throw new KubectlError(errorMessage(error));
          }
        }
        const gone = (pod: Pod) =>
          ctx.host.client.api.peek(podsType, pod.metadata?.namespace, pod.metadata?.name as string)?.metadata
            .uid !== pod.metadata?.uid;
        ctx.host.wait(() => remove.every(gone), DEFAULT_WAIT_MS);
        for (const pod of remove) ctx.out(`pod/${pod.metadata?.name} evicted\n`);
        ctx.out(`node/${nodeName} drained\n`);
      }
      if (pending.length > 0) {
        ctx.err(`There are pending nodes to be drained:\n${pending.map((n) => ` ${n}\n`).join("")}`);
        throw new KubectlError(`error: ${fatal}`);
      }
    });
}
