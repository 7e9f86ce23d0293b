import { BUILTIN_KINDS, KindRegistry, type ResourceType } from "../api/kinds.ts";
import type { Namespace, Node, Pod } from "../api/types.ts";
import { ApiServer } from "../apiserver/ApiServer.ts";
import type { AdmissionPlugin } from "../apiserver/admission/AdmissionPlugin.ts";
import { defaultTolerationSeconds } from "../apiserver/admission/DefaultTolerationSeconds.ts";
import { namespaceLifecycle } from "../apiserver/admission/NamespaceLifecycle.ts";
import { EventLoop } from "../clock/EventLoop.ts";
import { SeededRandom } from "../clock/SeededRandom.ts";
import { Etcd } from "../etcd/Etcd.ts";
import { Scheduler } from "../scheduler/Scheduler.ts";

/**
 * scheduler_perf's admission: ServiceAccount, TaintNodesByCondition and Priority are disabled
 * (test/integration/scheduler_perf mustSetupCluster), the rest of the default chain stays.
 */
export const SCHEDULER_PERF_ADMISSION: readonly AdmissionPlugin[] = [
  namespaceLifecycle,
  defaultTolerationSeconds,
];

/**
 * The control plane scheduler_perf runs: etcd, kube-apiserver and kube-scheduler, no kubelets and no
 * controllers. Nodes are plain Node objects created through the apiserver, as its node preparer does.
 *
 * @example
 * ```ts
 * const cp = new ControlPlane();
 * cp.createNodes(5000, nodeTemplate);
 * cp.createPods("default", 1000, podTemplate);
 * cp.loop.settle();
 * ```
 */
export class ControlPlane {
  readonly loop = new EventLoop(Date.parse("2025-03-01T09:00:00Z"), { settleLimit: 100_000_000 });
  readonly random = new SeededRandom(1);
  readonly kinds = new KindRegistry(BUILTIN_KINDS);
  readonly etcd = new Etcd(this.loop);
  readonly apiserver: ApiServer;
  readonly scheduler: Scheduler;
  readonly #pods: ResourceType;
  readonly #nodes: ResourceType;

  constructor() {
    this.apiserver = new ApiServer({
      loop: this.loop,
      random: this.random,
      etcd: this.etcd,
      kinds: this.kinds,
      admission: SCHEDULER_PERF_ADMISSION,
    });
    this.#pods = this.kinds.forResourceName("pods") as ResourceType;
    this.#nodes = this.kinds.forResourceName("nodes") as ResourceType;
    this.createNamespace("default");
    this.scheduler = new Scheduler(this.loop, this.random, this.apiserver, { explain: false });
    this.scheduler.start();
    this.loop.settle();
  }

  createNamespace(name: string): void {
    const namespaces = this.kinds.forResourceName("namespaces") as ResourceType;
    this.apiserver.create<Namespace>("scheduler-perf", namespaces, undefined, {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name },
    });
  }

  /** IntegrationTestNodePreparer: generateName, plus the kubernetes.io/hostname label. */
  createNodes(count: number, template: Node, labels: Record<string, string> = {}): void {
    for (let i = 0; i < count; i++) {
      const name = `${template.metadata?.generateName ?? "node-"}${this.random.string("bcdfghjklmnpqrstvwxz2456789", 5)}-${i}`;
      const node: Node = {
        ...template,
        metadata: {
          name,
          labels: { ...(template.metadata?.labels ?? {}), ...labels, "kubernetes.io/hostname": name },
        },
      };
      this.apiserver.create("scheduler-perf", this.#nodes, undefined, node);
    }
  }

  createPods(namespace: string, count: number, template: Pod): void {
    for (let i = 0; i < count; i++) this.apiserver.create("scheduler-perf", this.#pods, namespace, template);
  }

  /** Pods bound to a node, counted from the scheduler's cache. */
  boundPods(): number {
    let n = 0;
    for (const node of this.scheduler.cache.nodes) n += node.pods.length;
    return n;
  }

  dispose(): void {
    this.scheduler.actor.stop();
    this.etcd.actor.stop();
  }
}
