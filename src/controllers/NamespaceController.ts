import type { ResourceType } from "../api/kinds.ts";
import { StatusError } from "../api/StatusError.ts";
import type { KubeObject, Namespace, Pod } from "../api/types.ts";
import { ResourceClient } from "../client/Client.ts";
import { Informer } from "../client/Informer.ts";
import { Controller, type ControllerContext } from "./Controller.ts";

/** namespace_controller.go: wait before acting on a deleted namespace (HA apiservers catch up). */
export const NAMESPACE_DELETION_GRACE_PERIOD_MS = 5_000;
/** namespaced_resources_deleter.go: the wait assumed for finalizers on remaining content. */
const FINALIZER_ESTIMATE_SECONDS = 15;
/** The finalizer the namespace controller owns in `spec.finalizers`. */
const FINALIZER_TOKEN = "kubernetes";

interface NamespaceCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** status_condition_utils.go: the conditions the deleter maintains, and their "all is well" form. */
const CONDITION_TYPES: readonly [type: string, okReason: string, okMessage: string][] = [
  ["NamespaceDeletionDiscoveryFailure", "ResourcesDiscovered", "All resources successfully discovered"],
  [
    "NamespaceDeletionGroupVersionParsingFailure",
    "ParsedGroupVersions",
    "All legacy kube types successfully parsed",
  ],
  [
    "NamespaceDeletionContentFailure",
    "ContentDeleted",
    "All content successfully deleted, may be waiting on finalization",
  ],
  ["NamespaceContentRemaining", "ContentRemoved", "All content successfully removed"],
  ["NamespaceFinalizersRemaining", "ContentRemoved", "All content successfully removed"],
];

/** Content left in a namespace after a deletion pass (ResourcesRemainingError). */
class ResourcesRemaining extends Error {
  constructor(readonly estimate: number) {
    super(`some content remains in the namespace, estimate ${estimate} seconds before it is removed`);
  }
}

/**
 * The namespace controller (pkg/controller/namespace): once a namespace is Terminating it deletes
 * everything in it, reports progress in the namespace's status conditions, and when nothing is left
 * removes its `kubernetes` finalizer through the `finalize` subresource, which lets the namespace go.
 * Content that is still terminating is checked again after half its estimated grace period.
 *
 * @example
 * ```ts
 * new NamespaceController(ctx).start();
 * ```
 */
export class NamespaceController extends Controller {
  #namespaces: Informer<Namespace> | undefined;

  constructor(ctx: ControllerContext) {
    super("namespace-controller", ctx);
  }

  protected override startInformers(): void {
    this.#namespaces = new Informer<Namespace>(this.ctx.loop, this.client.resource<Namespace>("namespaces"));
    const enqueue = (ns: Namespace) => {
      if (ns.metadata?.deletionTimestamp)
        this.queue.addAfter(ns.metadata.name as string, NAMESPACE_DELETION_GRACE_PERIOD_MS);
    };
    this.#namespaces.on({ add: enqueue, update: enqueue });
    this.#namespaces.start();
  }

  protected override stopInformers(): void {
    this.#namespaces?.stop();
  }

  protected override reconcile(name: string): void {
    try {
      this.#delete(name);
      this.queue.forget(name);
    } catch (error) {
      if (error instanceof ResourcesRemaining) {
        this.queue.addAfter(name, (Math.floor(error.estimate / 2) + 1) * 1000);
        return;
      }
      this.queue.retry(name);
    }
  }

  /** namespacedResourcesDeleter.Delete. */
  #delete(name: string): void {
    const namespaces = this.client.resource<Namespace>("namespaces");
    let ns = namespaces.find(undefined, name);
    if (!ns?.metadata?.deletionTimestamp) return;
    if (ns.status?.phase !== "Terminating") {
      ns = namespaces.updateStatus({
        ...structuredClone(ns),
        status: { ...(ns.status ?? {}), phase: "Terminating" },
      });
    }
    if ((ns.spec?.finalizers ?? []).length === 0) {
      this.#deleteNamespace(ns);
      return;
    }
    const estimate = this.#deleteAllContent(ns);
    if (estimate > 0) throw new ResourcesRemaining(estimate);
    const latest = namespaces.find(undefined, name);
    if (!latest) return;
    const finalizers = (latest.spec?.finalizers ?? []).filter((f) => f !== FINALIZER_TOKEN).sort();
    let finalized: KubeObject;
    try {
      finalized = this.ctx.api.finalizeNamespace(this.name, {
        ...(latest as unknown as KubeObject),
        spec: { ...(latest.spec ?? {}), finalizers },
      });
    } catch (error) {
      if (error instanceof StatusError && error.code === 404) return;
      throw error;
    }
    if (finalizers.length === 0 && this.#exists(finalized))
      this.#deleteNamespace(finalized as unknown as Namespace);
  }

  #exists(ns: KubeObject): boolean {
    return !!this.client.resource<Namespace>("namespaces").find(undefined, ns.metadata.name as string);
  }

  #deleteNamespace(ns: Namespace): void {
    try {
      this.client.resource<Namespace>("namespaces").delete(undefined, ns.metadata?.name as string, {
        preconditions: { uid: ns.metadata?.uid as string },
      });
    } catch (error) {
      if (!(error instanceof StatusError && error.code === 404)) throw error;
    }
  }

  /** deleteAllContent: every namespaced resource, then the status conditions; the wait estimate. */
  #deleteAllContent(ns: Namespace): number {
    const namespace = ns.metadata?.name as string;
    let estimate = 0;
    const remaining: string[] = [];
    const byFinalizer = new Map<string, number>();
    const failures: string[] = [];
    for (const type of this.#deletable()) {
      const client = new ResourceClient(this.name, type, this.ctx.api);
      const typeEstimate = type.kind === "Pod" ? this.#estimatePods(namespace) : 0;
      // deleteCollection: every item, background propagation.
      for (const item of client.list(namespace).items) {
        try {
          client.delete(namespace, item.metadata.name as string, { propagationPolicy: "Background" });
        } catch (error) {
          if (!(error instanceof StatusError && error.code === 404)) throw error;
        }
      }
      const left = client.list(namespace).items;
      if (left.length === 0) continue;
      remaining.push(`${type.plural}.${type.group} has ${left.length} resource instances`);
      const finalizers = new Map<string, number>();
      for (const item of left)
        for (const f of item.metadata.finalizers ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
      for (const [f, n] of finalizers) byFinalizer.set(f, (byFinalizer.get(f) ?? 0) + n);
      let typeWait = typeEstimate;
      if (typeWait === 0 && finalizers.size > 0) typeWait = FINALIZER_ESTIMATE_SECONDS;
      if (typeWait === 0)
        failures.push(
          `unexpected items still remain in namespace: ${namespace} for gvr: ${type.group}/${type.version}, Resource=${type.plural}`,
        );
      estimate = Math.max(estimate, typeWait);
    }
    this.#updateConditions(
      ns,
      remaining.sort(),
      [...byFinalizer].map(([f, n]) => `${f} in ${n} resource instances`).sort(),
      failures.sort(),
    );
    if (failures.length > 0) throw new Error(failures.join(", "));
    return estimate;
  }

  /** Namespaced resources that can be listed and deleted (discovery, minus subresources). */
  #deletable(): ResourceType[] {
    return this.ctx.api.kinds
      .all()
      .filter((t) => t.namespaced && t.verbs.includes("list") && t.verbs.includes("delete"));
  }

  /** estimateGracefulTerminationForPods: the longest grace period of the non-terminal pods. */
  #estimatePods(namespace: string): number {
    let estimate = 0;
    for (const pod of this.client.resource<Pod>("pods").list(namespace).items) {
      const phase = pod.status?.phase;
      if (phase === "Succeeded" || phase === "Failed") continue;
      estimate = Math.max(estimate, pod.spec?.terminationGracePeriodSeconds ?? 0);
    }
    return estimate;
  }

  /** namespaceConditionUpdater.Update: write the five conditions if any changed. */
  #updateConditions(ns: Namespace, remaining: string[], finalizers: string[], failures: string[]): void {
    const now = this.ctx.api.now();
    const wanted = new Map<string, NamespaceCondition>();
    if (remaining.length > 0)
      wanted.set("NamespaceContentRemaining", {
        type: "NamespaceContentRemaining",
        status: "True",
        reason: "SomeResourcesRemain",
        message: `Some resources are remaining: ${remaining.join(", ")}`,
      });
    if (finalizers.length > 0)
      wanted.set("NamespaceFinalizersRemaining", {
        type: "NamespaceFinalizersRemaining",
        status: "True",
        reason: "SomeFinalizersRemain",
        message: `Some content in the namespace has finalizers remaining: ${finalizers.join(", ")}`,
      });
    if (failures.length > 0)
      wanted.set("NamespaceDeletionContentFailure", {
        type: "NamespaceDeletionContentFailure",
        status: "True",
        reason: "ContentDeletionFailed",
        message: `Failed to delete all resource types, ${failures.length} remaining: ${failures.join(", ")}`,
      });
    const latest = this.client.resource<Namespace>("namespaces").find(undefined, ns.metadata?.name as string);
    if (!latest) return;
    const conditions = structuredClone((latest.status?.conditions ?? []) as NamespaceCondition[]);
    let changed = false;
    for (const [type, okReason, okMessage] of CONDITION_TYPES) {
      const next = wanted.get(type) ?? { type, status: "False", reason: okReason, message: okMessage };
      const old = conditions.find((c) => c.type === type);
      if (!old) {
        conditions.push({ ...next, lastTransitionTime: now });
        changed = true;
      } else if (old.status !== next.status || old.reason !== next.reason || old.message !== next.message) {
        if (old.status !== next.status) old.lastTransitionTime = now;
        Object.assign(old, { status: next.status, reason: next.reason, message: next.message });
        changed = true;
      }
    }
    if (!changed) return;
    const updated = structuredClone(latest);
    updated.status = { ...(updated.status ?? {}), conditions: conditions as never };
    try {
      this.client.resource<Namespace>("namespaces").updateStatus(updated);
    } catch {
      // utilruntime.HandleError: the next pass writes them again.
    }
  }
}
