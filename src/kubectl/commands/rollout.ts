import type { Command } from "commander";
import type { ResourceType } from "../../api/kinds.ts";
import type { KubeObject } from "../../api/types.ts";
import { controllerRefOf, rfc3339 } from "../../controllers/controllerUtils.ts";
import {
  CHANGE_CAUSE_ANNOTATION,
  conditionOf,
  type Deployment,
  equalIgnoreHash,
  REASONS,
  REVISION_ANNOTATION,
  revisionOf,
  templateIgnoringHash,
} from "../../controllers/deployment/deploymentUtil.ts";
import type { ReplicaSet } from "../../controllers/replicaset/ReplicaSetController.ts";
import { PrefixWriter } from "../describe/PrefixWriter.ts";
import { describePodTemplate, type PodTemplate } from "../describe/podTemplate.ts";
import { errorMessage } from "../errors.ts";
import type { CommandContext } from "../Kubectl.ts";
import { KubectlError } from "../KubectlError.ts";
import { kindPrefix } from "../resources.ts";
import { formatTabbed } from "../tabwriter.ts";
import { resolveTargets } from "./targets.ts";

/** The objects a rollout subcommand names (none named: rollout's "required resource not specified"). */
function rolloutTargets(ctx: CommandContext, args: readonly string[], selector?: string) {
  return resolveTargets(ctx, args, selector, "error: required resource not specified");
}

/** How long `rollout status` waits without --timeout (cluster time; real kubectl waits forever). */
const DEFAULT_STATUS_TIMEOUT_MS = 60 * 60_000;

interface Status {
  message: string;
  done: boolean;
  error?: string;
}

type Obj = KubeObject & { spec?: Record<string, unknown>; status?: Record<string, unknown> };

const n = (o: Obj, field: string) => Number(o.status?.[field] ?? 0);

/** The status viewers of kubectl/pkg/polymorphichelpers/rollout_status.go. */
export function rolloutStatus(object: Obj): Status {
  const name = object.metadata.name;
  const generation = object.metadata.generation ?? 0;
  const observed = n(object, "observedGeneration");
  switch (object.kind) {
    case "Deployment": {
      if (generation > observed)
        return { message: "Waiting for deployment spec update to be observed...\n", done: false };
      const d = object as unknown as Deployment;
      if (conditionOf(d.status, "Progressing")?.reason === REASONS.timedOut) {
        return {
          message: "",
          done: true,
          error: `error: deployment "${name}" exceeded its progress deadline`,
        };
      }
      const replicas = d.spec.replicas ?? 1;
      const updated = n(object, "updatedReplicas");
      if (updated < replicas) {
        return {
          message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`,
          done: false,
        };
      }
      const total = n(object, "replicas");
      if (total > updated) {
        return {
          message: `Waiting for deployment "${name}" rollout to finish: ${total - updated} old replicas are pending termination...\n`,
          done: false,
        };
      }
      const available = n(object, "availableReplicas");
      if (available < updated) {
        return {
          message: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...\n`,
          done: false,
        };
      }
      return { message: `deployment "${name}" successfully rolled out\n`, done: true };
    }
    case "DaemonSet": {
      const strategy = (object.spec?.updateStrategy as { type?: string } | undefined)?.type;
      if (strategy !== "RollingUpdate") {
        return {
          message: "",
          done: true,
          error: "error: rollout status is only available for RollingUpdate strategy type",
        };
      }
      if (generation > observed)
        return { message: "Waiting for daemon set spec update to be observed...\n", done: false };
      const desired = n(object, "desiredNumberScheduled");
      const updated = n(object, "updatedNumberScheduled");
      if (updated < desired) {
        return {
          message: `Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...\n`,
          done: false,
        };
      }
      const available = n(object, "numberAvailable");
      if (available < desired) {
        return {
          message: `Waiting for daemon set "${name}" rollout to finish: ${available} of ${desired} updated pods are available...\n`,
          done: false,
        };
      }
      return { message: `daemon set "${name}" successfully rolled out\n`, done: true };
    }
    case "StatefulSet": {
      if (observed === 0 || generation > observed) {
        return { message: "Waiting for statefulset spec update to be observed...\n", done: false };
      }
      const replicas = Number(object.spec?.replicas ?? 1);
      const ready = n(object, "readyReplicas");
      if (ready < replicas)
        return { message: `Waiting for ${replicas - ready} pods to be ready...\n`, done: false };
      const update = object.status?.updateRevision as string | undefined;
      const current = object.status?.currentRevision as string | undefined;
      if (update !== current) {
        return {
          message: `waiting for statefulset rolling update to complete ${n(object, "updatedReplicas")} pods at revision ${update}...\n`,
          done: false,
        };
      }
      return {
        message: `statefulset rolling update complete ${n(object, "currentReplicas")} pods at revision ${current}...\n`,
        done: true,
      };
    }
    default:
      return {
        message: "",
        done: true,
        error: `error: no status viewer has been implemented for ${object.kind}`,
      };
  }
}

function replicaSetsOf(ctx: CommandContext, d: KubeObject): ReplicaSet[] {
  const type = ctx.host.client.kinds.forResourceName("replicasets") as ResourceType;
  return ctx.host.client.api
    .list<ReplicaSet>("kubectl", type, d.metadata.namespace)
    .items.filter((rs) => controllerRefOf(rs)?.uid === d.metadata.uid);
}

function requireDeployment(type: ResourceType, verb: string): void {
  if (type.kind !== "Deployment") {
    throw new KubectlError(
      `error: no ${verb} has been implemented for ${JSON.stringify({ Group: type.group, Kind: type.kind })}`,
    );
  }
}

/** `kubectl rollout status|history|undo|restart|pause|resume`. */
export function registerRollout(program: Command, ctx: CommandContext): void {
  const rollout = program.command("rollout");

  rollout
    .command("status")
    .argument("[args...]")
    .option("-w, --watch [bool]", "", "true")
    .option("--timeout <duration>")
    .option("--revision <n>")
    .action((args: string[], opts: Record<string, unknown>) => {
      const { targets, errors } = rolloutTargets(ctx, args);
      if (errors.length > 0) throw new KubectlError(errors.join("\n"));
      for (const { type, object } of targets) {
        const read = () =>
          ctx.host.client.api.get<Obj>(
            "kubectl",
            type,
            object.metadata.namespace,
            object.metadata.name as string,
          );
        let lastVersion = "";
        let result: Status = { message: "", done: false };
        const check = () => {
          const current = read();
          if (current.metadata.resourceVersion === lastVersion) return result.done;
          lastVersion = current.metadata.resourceVersion ?? "";
          result = rolloutStatus(current);
          if (result.error) return true;
          ctx.out(result.message);
          return result.done || String(opts.watch) === "false";
        };
        const timeout = opts.timeout ? parseTimeout(String(opts.timeout)) : DEFAULT_STATUS_TIMEOUT_MS;
        const finished = ctx.host.wait(check, timeout);
        if (result.error) throw new KubectlError(result.error);
        if (!finished) throw new KubectlError("error: timed out waiting for the condition");
      }
    });

  rollout
    .command("history")
    .argument("[args...]")
    .option("--revision <n>")
    .action((args: string[], opts: Record<string, unknown>) => {
      const { targets, errors } = rolloutTargets(ctx, args);
      for (const { type, object } of targets) {
        requireDeployment(type, "history viewer");
        const sets = replicaSetsOf(ctx, object);
        const byRevision = new Map<number, ReplicaSet>();
        for (const rs of sets) byRevision.set(revisionOf(rs), rs);
        const wanted = opts.revision === undefined ? 0 : Number(opts.revision);
        const withRevision = wanted > 0 ? `with revision #${wanted}` : "";
        if (byRevision.size === 0) {
          ctx.out(`${kindPrefix(type)}/${object.metadata.name} ${withRevision}\nNo rollout history found.\n`);
          continue;
        }
        if (wanted > 0) {
          const rs = byRevision.get(wanted);
          if (!rs) throw new KubectlError(`error: unable to find the specified revision`);
          // DeploymentHistoryViewer: the ReplicaSet's template, with its change-cause as an annotation.
          const template = structuredClone(rs.spec.template) as PodTemplate;
          const cause = rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION];
          if (cause)
            template.metadata = {
              ...template.metadata,
              annotations: { ...template.metadata?.annotations, [CHANGE_CAUSE_ANNOTATION]: cause },
            };
          // printTemplate writes through a PrefixWriter without a tabwriter: the tabs stay.
          const w = new PrefixWriter({ tabbed: false });
          describePodTemplate(template, w);
          ctx.out(`${kindPrefix(type)}/${object.metadata.name} ${withRevision}\n${w.toString()}\n`);
          continue;
        }
        const rows = [...byRevision.keys()]
          .sort((a, b) => a - b)
          .map(
            (r) => `${r}\t${byRevision.get(r)?.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] || "<none>"}`,
          );
        // historyviewer's tabbedString: tabwriter with minwidth 0 and padding 2.
        const table = formatTabbed(["REVISION\tCHANGE-CAUSE", ...rows], 0, 2);
        ctx.out(`${kindPrefix(type)}/${object.metadata.name} \n${table}\n`);
      }
      if (errors.length > 0) throw new KubectlError(errors.join("\n"));
    });

  rollout
    .command("undo")
    .argument("[args...]")
    .option("--to-revision <n>")
    .option("--dry-run <mode>")
    .action((args: string[], opts: Record<string, unknown>) => {
      const { targets, errors } = rolloutTargets(ctx, args);
      for (const { type, object } of targets) {
        requireDeployment(type, "rollbacker");
        const d = object as unknown as Deployment;
        const name = d.metadata.name;
        if (d.spec.paused) {
          errors.push(
            `error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${name}' and try again`,
          );
          continue;
        }
        const sets = replicaSetsOf(ctx, d);
        const toRevision = Number(opts.toRevision ?? 0);
        let target: ReplicaSet | undefined;
        if (toRevision > 0) {
          target = sets.find((rs) => revisionOf(rs) === toRevision);
          if (!target) {
            errors.push(`error: unable to find specified revision ${toRevision} in history`);
            continue;
          }
        } else {
          const revisions = [...new Set(sets.map(revisionOf))].sort((a, b) => b - a);
          if (revisions.length < 2) {
            errors.push(`error: no rollout history found for deployment "${name}"`);
            continue;
          }
          target = sets.find((rs) => revisionOf(rs) === revisions[1]);
        }
        if (!target) continue;
        if (equalIgnoreHash(target.spec.template, d.spec.template)) {
          ctx.out(
            `${kindPrefix(type)}/${name} skipped rollback (current template already matches revision ${revisionOf(target)})\n`,
          );
          continue;
        }
        const template = templateIgnoringHash(target.spec.template);
        const skip = new Set([
          "kubectl.kubernetes.io/last-applied-configuration",
          REVISION_ANNOTATION,
          "deployment.kubernetes.io/revision-history",
          "deployment.kubernetes.io/desired-replicas",
          "deployment.kubernetes.io/max-replicas",
          "deprecated.deployment.rollback.to",
        ]);
        const annotations: Record<string, string> = {};
        for (const [k, v] of Object.entries(d.metadata.annotations ?? {}))
          if (skip.has(k)) annotations[k] = v;
        for (const [k, v] of Object.entries(target.metadata.annotations ?? {}))
          if (!skip.has(k)) annotations[k] = v;
        try {
          ctx.host.client.api.patch("kubectl", type, d.metadata.namespace, name as string, "json", [
            { op: "replace", path: "/spec/template", value: template },
            { op: "replace", path: "/metadata/annotations", value: annotations },
          ]);
          ctx.out(`${kindPrefix(type)}/${name} rolled back\n`);
        } catch (error) {
          errors.push(errorMessage(error));
        }
      }
      if (errors.length > 0) throw new KubectlError(errors.join("\n"));
    });

  rollout
    .command("restart")
    .argument("[args...]")
    .option("-l, --selector <selector>")
    .action((args: string[], opts: Record<string, unknown>) => {
      const { targets, errors } = rolloutTargets(ctx, args, opts.selector as string | undefined);
      for (const { type, object } of targets) {
        if (!["Deployment", "DaemonSet", "StatefulSet"].includes(type.kind)) {
          errors.push(`error: ${kindPrefix(type)}/${object.metadata.name} restarting is not supported`);
          continue;
        }
        try {
          ctx.host.client.api.patch(
            "kubectl",
            type,
            object.metadata.namespace,
            object.metadata.name as string,
            "merge",
            {
              spec: {
                template: {
                  metadata: { annotations: { "kubectl.kubernetes.io/restartedAt": rfc3339(ctx.host.now()) } },
                },
              },
            },
          );
          ctx.out(`${kindPrefix(type)}/${object.metadata.name} restarted\n`);
        } catch (error) {
          errors.push(errorMessage(error));
        }
      }
      if (errors.length > 0) throw new KubectlError(errors.join("\n"));
    });

  for (const [verb, paused] of [
    ["pause", true],
    ["resume", false],
  ] as const) {
    rollout
      .command(verb)
      .argument("[args...]")
      .action((args: string[]) => {
        const { targets, errors } = rolloutTargets(ctx, args);
        for (const { type, object } of targets) {
          requireDeployment(type, verb === "pause" ? "pauser" : "resumer");
          const current = Boolean((object.spec as { paused?: boolean } | undefined)?.paused);
          if (current === paused) {
            errors.push(
              `error: deployments.apps "${object.metadata.name}" is already ${paused ? "paused" : "resumed"}`,
            );
            continue;
          }
          ctx.host.client.api.patch(
            "kubectl",
            type,
            object.metadata.namespace,
            object.metadata.name as string,
            "merge",
            {
              spec: { paused: paused ? true : null },
            },
          );
          ctx.out(`${kindPrefix(type)}/${object.metadata.name} ${paused ? "paused" : "resumed"}\n`);
        }
        if (errors.length > 0) throw new KubectlError(errors.join("\n"));
      });
  }
}

function parseTimeout(text: string): number {
  const match = /^(\d+)(ms|s|m|h)?$/.exec(text);
  if (!match)
    throw new KubectlError(
      `error: invalid argument "${text}" for "--timeout" flag: time: invalid duration "${text}"`,
    );
  const value = Number(match[1]);
  const unit = match[2] ?? "s";
  const millis = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit] ?? 1000;
  return value * millis || DEFAULT_STATUS_TIMEOUT_MS;
}
