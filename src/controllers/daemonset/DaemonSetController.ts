import { type NodeSelectorTerm, nodeSelectorMatches } from "../../api/nodeAffinity.ts";
import { isPodReady } from "../../api/pods.ts";
import { findUntoleratedTaint } from "../../api/taints.ts";
import { type KubeObject, keyOf, type Node, type Pod, type Toleration } from "../../api/types.ts";
import { Informer } from "../../client/Informer.ts";
import { errorMessage } from "../../kubectl/errors.ts";
import { Controller, type ControllerContext } from "../Controller.ts";
import { ControllerExpectations } from "../ControllerExpectations.ts";
import {
  computeHash,
  controllerKeyOf,
  controllerRefOf,
  isPodAvailable,
  newControllerRef,
  podFromTemplate,
  workloadSelector,
} from "../controllerUtils.ts";
import { scaledValue } from "../deployment/deploymentUtil.ts";

/** apps/v1 DaemonSet, as far as the controller reads and writes it. */
export interface DaemonSet extends KubeObject {
  spec: {
    selector: { matchLabels?: Record<string, string> };
    template: { metadata?: KubeObject["metadata"]; spec?: Pod["spec"] };
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
    updateStrategy?: {
      type?: string;
      rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string };
    };
  };
  status?: Record<string, unknown>;
}

export const CONTROLLER_REVISION_HASH_LABEL = "controller-revision-hash";
export const POD_TEMPLATE_GENERATION_LABEL = "pod-template-generation";

/**
 * The tolerations every DaemonSet pod gets (util.AddOrUpdateDaemonPodTolerations): not-ready and
 * unreachable NoExecute forever, the pressure and unschedulable NoSchedule taints, and
 * network-unavailable for host-network pods.
 */
export function daemonPodTolerations(hostNetwork: boolean): Toleration[] {
  const t = (key: string, effect: "NoExecute" | "NoSchedule"): Toleration => ({
    key,
    operator: "Exists",
    effect,
  });
  const tolerations = [
    t("node.kubernetes.io/not-ready", "NoExecute"),
    t("node.kubernetes.io/unreachable", "NoExecute"),
    t("node.kubernetes.io/disk-pressure", "NoSchedule"),
    t("node.kubernetes.io/memory-pressure", "NoSchedule"),
    t("node.kubernetes.io/pid-pressure", "NoSchedule"),
    t("node.kubernetes.io/unschedulable", "NoSchedule"),
  ];
  if (hostNetwork) tolerations.push(t("node.kubernetes.io/network-unavailable", "NoSchedule"));
  return tolerations;
}

function addTolerations(
  existing: readonly Toleration[] | undefined,
  add: readonly Toleration[],
): Toleration[] {
  const out = [...(existing ?? [])];
  for (const t of add) {
    const i = out.findIndex((o) => o.key === t.key && o.effect === t.effect);
    if (i >= 0) out[i] = t;
    else out.push(t);
  }
  return out;
}

/**
 * The DaemonSet controller (pkg/controller/daemon): one pod per eligible node — the template's
 * nodeSelector and required node affinity match, and every NoSchedule/NoExecute taint is
 * tolerated (with the daemon tolerations added). Pods are pinned with a `metadata.name` node
 * affinity and placed by the scheduler; they follow nodes that join or leave, and a RollingUpdate
 * replaces at most maxUnavailable old pods at a time. Each template version is kept as a
 * ControllerRevision `<ds>-<hash>`.
 *
 * @example
 * ```ts
 * new DaemonSetController(ctx).start();
 * ```
 */
export class DaemonSetController extends Controller {
  #sets: Informer<DaemonSet> | undefined;
  #pods: Informer<Pod> | undefined;
  #nodes: Informer<Node> | undefined;
  readonly #expectations = new ControllerExpectations();

  constructor(ctx: ControllerContext) {
    super("daemonset-controller", ctx);
  }

  protected override startInformers(): void {
    const loop = this.ctx.loop;
    this.#sets = new Informer<DaemonSet>(loop, this.client.resource<DaemonSet>("daemonsets"));
    this.#pods = new Informer<Pod>(loop, this.client.resource<Pod>("pods"));
    this.#nodes = new Informer<Node>(loop, this.client.resource<Node>("nodes"));
    const all = () => {
      for (const ds of this.#sets?.list() ?? []) this.queue.add(keyOf(ds));
    };
    this.#sets.on({ add: (ds) => this.queue.add(keyOf(ds)), update: (ds) => this.queue.add(keyOf(ds)) });
    const owner = (pod: Pod) => controllerKeyOf(pod, "DaemonSet");
    this.#pods.on({
      add: (pod) => {
        const key = owner(pod);
        if (!key) return;
        this.#expectations.creationObserved(key);
        this.queue.add(key);
      },
      update: (pod) => {
        const key = owner(pod);
        if (key) this.queue.add(key);
      },
      delete: (pod) => {
        const key = owner(pod);
        if (!key) return;
        this.#expectations.deletionObserved(key);
        this.queue.add(key);
      },
    });
    this.#nodes.on({
      add: all,
      update: (node, old) => {
        if (
          JSON.stringify(node.metadata?.labels) !== JSON.stringify(old.metadata?.labels) ||
          JSON.stringify(node.spec?.taints) !== JSON.stringify(old.spec?.taints) ||
          node.spec?.unschedulable !== old.spec?.unschedulable
        )
          all();
      },
      delete: all,
    });
    this.#sets.start();
    this.#pods.start();
    this.#nodes.start();
  }

  protected override stopInformers(): void {
    this.#sets?.stop();
    this.#pods?.stop();
    this.#nodes?.stop();
  }

  /** NodeShouldRunDaemonPod: (shouldRun, shouldContinueRunning). */
  #shouldRun(ds: DaemonSet, node: Node): { run: boolean; keep: boolean } {
    const spec = ds.spec.template.spec;
    if (spec?.nodeName && spec.nodeName !== node.metadata?.name) return { run: false, keep: false };
    const labels = node.metadata?.labels ?? {};
    for (const [k, v] of Object.entries(spec?.nodeSelector ?? {}))
      if (labels[k] !== v) return { run: false, keep: false };
    const terms = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      ?.nodeSelectorTerms as NodeSelectorTerm[] | undefined;
    if (terms && !nodeSelectorMatches(terms, node)) return { run: false, keep: false };
    const tolerations = addTolerations(spec?.tolerations, daemonPodTolerations(Boolean(spec?.hostNetwork)));
    if (findUntoleratedTaint(node.spec?.taints, tolerations, ["NoExecute"]))
      return { run: false, keep: false };
    if (findUntoleratedTaint(node.spec?.taints, tolerations, ["NoSchedule"]))
      return { run: false, keep: true };
    return { run: true, keep: true };
  }

  protected override reconcile(key: string): void {
    const ds = this.#sets?.get(key);
    if (!ds) {
      this.#expectations.delete(key);
      return;
    }
    if (ds.metadata.deletionTimestamp) return;
    const now = this.ctx.loop.now();
    const hash = this.#ensureRevision(ds);
    const selector = workloadSelector(ds.spec);
    const pods = (this.#pods?.list() ?? []).filter(
      (p) =>
        p.metadata?.namespace === ds.metadata.namespace &&
        controllerRefOf(p)?.uid === ds.metadata.uid &&
        selector?.matches(p.metadata?.labels ?? {}),
    );
    const byNode = new Map<string, Pod[]>();
    for (const pod of pods) {
      const node = nodeOfDaemonPod(pod);
      if (!node) continue;
      byNode.set(node, [...(byNode.get(node) ?? []), pod]);
    }
    const nodes = (this.#nodes?.list() ?? []).sort((a, b) =>
      (a.metadata?.name ?? "") < (b.metadata?.name ?? "") ? -1 : 1,
    );
    if (this.#expectations.satisfied(key, now)) {
      const toCreate: string[] = [];
      const toDelete: Pod[] = [];
      for (const node of nodes) {
        const name = node.metadata?.name as string;
        const { run, keep } = this.#shouldRun(ds, node);
        const existing = (byNode.get(name) ?? []).filter((p) => !p.metadata?.deletionTimestamp);
        if (run && existing.length === 0) toCreate.push(name);
        else if (!keep) toDelete.push(...existing);
        else {
          const failed = existing.filter((p) => p.status?.phase === "Failed");
          toDelete.push(...failed);
          const alive = existing.filter((p) => p.status?.phase !== "Failed");
          if (alive.length > 1) toDelete.push(...alive.slice(1));
        }
      }
      if (toDelete.length === 0) toDelete.push(...this.#rollingUpdate(ds, hash, pods, nodes, now));
      this.#syncNodes(key, ds, hash, toCreate, toDelete, now);
    }
    this.#updateStatus(ds, hash, pods, nodes, now);
  }

  #rollingUpdate(ds: DaemonSet, hash: string, pods: Pod[], nodes: Node[], now: number): Pod[] {
    if ((ds.spec.updateStrategy?.type ?? "RollingUpdate") !== "RollingUpdate") return [];
    const desired = nodes.filter((n) => this.#shouldRun(ds, n).run).length;
    const maxUnavailable = Math.max(
      1,
      scaledValue(ds.spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, desired, true),
    );
    const active = pods.filter((p) => !p.metadata?.deletionTimestamp);
    const minReady = ds.spec.minReadySeconds ?? 0;
    const unavailable =
      nodes.filter((n) => {
        if (!this.#shouldRun(ds, n).run) return false;
        const pod = active.find((p) => nodeOfDaemonPod(p) === n.metadata?.name);
        return !pod || !isPodAvailable(pod, minReady, now);
      }).length + pods.filter((p) => p.metadata?.deletionTimestamp).length;
    const old = active.filter((p) => p.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] !== hash);
    // Unavailable old pods go first, then available ones while the budget allows.
    const oldUnavailable = old.filter((p) => !isPodAvailable(p, minReady, now));
    const oldAvailable = old.filter((p) => isPodAvailable(p, minReady, now));
    const budget = Math.max(0, maxUnavailable - unavailable);
    return [...oldUnavailable, ...oldAvailable.slice(0, budget)];
  }

  #syncNodes(key: string, ds: DaemonSet, hash: string, create: string[], remove: Pod[], now: number): void {
    const pods = this.client.resource<Pod>("pods");
    this.#expectations.expectCreations(key, create.length, now);
    for (const nodeName of create) {
      const generation = String(ds.metadata.generation ?? 1);
      const pod = podFromTemplate(ds.spec.template, ds, {
        [CONTROLLER_REVISION_HASH_LABEL]: hash,
        [POD_TEMPLATE_GENERATION_LABEL]: generation,
      });
      const meta = pod.metadata as NonNullable<Pod["metadata"]>;
      meta.generateName = `${ds.metadata.name}-`;
      const spec = pod.spec as NonNullable<Pod["spec"]>;
      spec.tolerations = addTolerations(spec.tolerations, daemonPodTolerations(Boolean(spec.hostNetwork)));
      spec.affinity = {
        ...(spec.affinity ?? {}),
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchFields: [{ key: "metadata.name", operator: "In", values: [nodeName] }] },
            ],
          },
        },
      };
      try {
        const made = pods.create(pod);
        this.events.record(ds, "Normal", "SuccessfulCreate", `Created pod: ${made.metadata?.name}`);
      } catch (error) {
        this.#expectations.creationObserved(key);
        this.events.record(ds, "Warning", "FailedCreate", `Error creating: ${errorMessage(error)}`);
      }
    }
    this.#expectations.expectDeletions(key, remove.length, now);
    for (const pod of remove) {
      try {
        pods.delete(pod.metadata?.namespace, pod.metadata?.name as string);
        this.events.record(ds, "Normal", "SuccessfulDelete", `Deleted pod: ${pod.metadata?.name}`);
      } catch {
        this.#expectations.deletionObserved(key);
      }
    }
  }

  /** The ControllerRevision of the current template; its name's suffix is the revision hash. */
  #ensureRevision(ds: DaemonSet): string {
    const collision = (ds.status?.collisionCount as number | undefined) ?? undefined;
    const hash = computeHash(ds.spec.template, collision);
    const revisions = this.client.resource<KubeObject>("controllerrevisions");
    const name = `${ds.metadata.name}-${hash}`;
    const existing = revisions.find(ds.metadata.namespace, name);
    const all = revisions
      .list(ds.metadata.namespace)
      .items.filter((r) => controllerRefOf(r)?.uid === ds.metadata.uid);
    const max = all.reduce((m, r) => Math.max(m, Number(r.revision ?? 0)), 0);
    if (!existing) {
      try {
        revisions.create({
          apiVersion: "apps/v1",
          kind: "ControllerRevision",
          metadata: {
            name,
            namespace: ds.metadata.namespace as string,
            labels: { ...(ds.spec.template.metadata?.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: hash },
            ownerReferences: [newControllerRef(ds)],
          },
          data: { spec: { template: { ...ds.spec.template, $patch: "replace" } } },
          revision: max + 1,
        });
      } catch {
        // created concurrently
      }
    } else if (Number(existing.revision ?? 0) < max) {
      revisions.update({ ...existing, revision: max + 1 });
    }
    return hash;
  }

  #updateStatus(ds: DaemonSet, hash: string, pods: Pod[], nodes: Node[], now: number): void {
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let updated = 0;
    let available = 0;
    const minReady = ds.spec.minReadySeconds ?? 0;
    for (const node of nodes) {
      const name = node.metadata?.name as string;
      const { run } = this.#shouldRun(ds, node);
      const onNode = pods.filter((p) => nodeOfDaemonPod(p) === name && !p.metadata?.deletionTimestamp);
      if (run) {
        desired++;
        const pod = onNode[0];
        if (!pod) continue;
        current++;
        if (isPodReady(pod)) {
          ready++;
          if (isPodAvailable(pod, minReady, now)) available++;
        }
        if (pod.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash) updated++;
      } else if (onNode.length > 0) misscheduled++;
    }
    const status: Record<string, unknown> = {
      currentNumberScheduled: current,
      desiredNumberScheduled: desired,
      numberMisscheduled: misscheduled,
      numberReady: ready,
      observedGeneration: ds.metadata.generation ?? 0,
    };
    if (updated) status.updatedNumberScheduled = updated;
    if (available) status.numberAvailable = available;
    if (desired - available > 0) status.numberUnavailable = desired - available;
    if (ds.status?.collisionCount !== undefined) status.collisionCount = ds.status.collisionCount;
    if (JSON.stringify(status) === JSON.stringify(ds.status ?? {})) return;
    try {
      this.client.resource<DaemonSet>("daemonsets").updateStatus({ ...ds, status });
    } catch (error) {
      if ((error as { code?: number }).code !== 404) throw error;
    }
    if (minReady > 0 && ready !== available) this.queue.addAfter(keyOf(ds), minReady * 1000);
  }
}

/** The node a daemon pod is bound to, or pinned to by its metadata.name affinity. */
function nodeOfDaemonPod(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms =
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const field of term.matchFields ?? []) {
      if (field.key === "metadata.name" && field.operator === "In") return field.values?.[0];
    }
  }
  return undefined;
}
