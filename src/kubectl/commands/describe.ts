import type { Command } from "commander";
import type { ResourceType } from "../../api/kinds.ts";
import type { Event, KubeObject, Lease, Node, Pod } from "../../api/types.ts";
import type { Client } from "../../client/Client.ts";
import { appsDescribers } from "../describe/apps.ts";
import { batchDescribers } from "../describe/batch.ts";
import { configDescribers } from "../describe/configMaps.ts";
import { namespaceDescribers } from "../describe/namespaces.ts";
import { describeNode } from "../describe/nodes.ts";
import { describePod } from "../describe/pods.ts";
import { serviceDescribers } from "../describe/services.ts";
import { errorMessage } from "../errors.ts";
import type { CommandContext } from "../Kubectl.ts";
import { KubectlError } from "../KubectlError.ts";
import { parseResourceArgs } from "../resources.ts";
import { listResources } from "./common.ts";

/** What a describer may read besides the object: the API (as kubectl) and the settings. */
export interface DescriberContext {
  /** kubectl's client, for describers that read related objects (a Deployment's ReplicaSets). */
  readonly client: Client;
  /** `--show-events`; when false kubectl prints no Events section at all. */
  readonly showEvents: boolean;
}

/** A describer renders one object with its events at virtual time `now`. */
export type Describer = (
  object: KubeObject,
  events: Event[],
  now: number,
  context: DescriberContext,
) => string;

/** describe node: the node's Lease and its non-terminated pods, read as kubectl reads them. */
function nodeDescriber(o: KubeObject, events: Event[], now: number, { client }: DescriberContext): string {
  const name = o.metadata.name as string;
  return describeNode(o as unknown as Node, events, now, {
    lease: () => {
      try {
        return client.resource<Lease>("leases").get("kube-node-lease", name);
      } catch (error) {
        return { error };
      }
    },
    pods: () =>
      client.resource<Pod>("pods").list(undefined, {
        fieldSelector: `spec.nodeName=${name},status.phase!=Succeeded,status.phase!=Failed`,
      }).items,
  });
}

const DESCRIBERS: Record<string, Describer> = {
  Pod: (o, events, now) => describePod(o as unknown as Pod, events, now),
  Node: nodeDescriber,
};

/** Register the describer of a kind (later issues add Node, Service, Deployment, …). */
export function registerDescriber(kind: string, describer: Describer): void {
  DESCRIBERS[kind] = describer;
}

for (const group of [
  appsDescribers,
  batchDescribers,
  namespaceDescribers,
  configDescribers,
  serviceDescribers,
])
  for (const [kind, describer] of Object.entries(group)) registerDescriber(kind, describer);

function eventsFor(ctx: CommandContext, object: KubeObject): Event[] {
  const events = ctx.host.client.kinds.forResourceName("events") as ResourceType;
  const meta = object.metadata;
  // DescribePod asks without the kind, and for a mirror pod under the static pod's UID (the
  // config hash the kubelet records its events with).
  const isPod = object.kind === "Pod";
  const search = (uid: string | undefined) =>
    ctx.host.client.api.list<Event>("kubectl", events, meta.namespace || undefined, {
      fieldSelector: [
        `involvedObject.name=${meta.name}`,
        `involvedObject.namespace=${meta.namespace ?? ""}`,
        ...(isPod ? [] : [`involvedObject.kind=${object.kind}`]),
        ...(uid ? [`involvedObject.uid=${uid}`] : []),
      ].join(","),
    }).items;
  // NodeDescriber: controllers report node events under the node's uid, the kubelet under its
  // name; kubectl asks for both and appends them.
  if (object.kind === "Node") return [...search(meta.uid), ...search(meta.name)];
  return search((isPod && meta.annotations?.["kubernetes.io/config.mirror"]) || meta.uid);
}

/** `kubectl describe TYPE [NAME...]` (or `-l`), separated by blank lines as kubectl does. */
export function registerDescribe(program: Command, ctx: CommandContext): void {
  program
    .command("describe")
    .argument("[args...]")
    .option("-l, --selector <selector>")
    .option("-A, --all-namespaces")
    .option("--show-events [bool]", "", "true")
    .action((args: string[], opts: Record<string, unknown>) => {
      const requests = parseResourceArgs(ctx.host.client.kinds, args);
      if (requests.length === 0) {
        throw new KubectlError(
          `error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.`,
        );
      }
      const objects: KubeObject[] = [];
      const errors: string[] = [];
      for (const { type, names } of requests) {
        const namespace = type.namespaced ? ctx.namespace() : undefined;
        if (names.length > 0) {
          for (const name of names) {
            try {
              objects.push(ctx.host.client.api.get("kubectl", type, namespace, name));
            } catch (error) {
              errors.push(errorMessage(error));
            }
          }
        } else {
          const list = listResources(
            ctx,
            type,
            opts.allNamespaces ? undefined : namespace,
            opts.selector ? { labelSelector: opts.selector as string } : {},
          );
          objects.push(...list.items);
          if (list.items.length === 0 && errors.length === 0) {
            ctx.err(
              type.namespaced && !opts.allNamespaces
                ? `No resources found in ${ctx.namespace()} namespace.\n`
                : "No resources found\n",
            );
          }
        }
      }
      const now = ctx.host.now();
      const showEvents = String(opts.showEvents) !== "false";
      const texts = objects.map((object) => {
        const describer = DESCRIBERS[object.kind];
        if (!describer) throw new KubectlError(`error: kubespec cannot describe ${object.kind} objects yet`);
        return describer(object, showEvents ? eventsFor(ctx, object) : [], now, {
          client: ctx.host.client,
          showEvents,
        });
      });
      ctx.out(texts.join("\n\n"));
      if (errors.length > 0) throw new KubectlError(errors.join("\n"));
    });
}
