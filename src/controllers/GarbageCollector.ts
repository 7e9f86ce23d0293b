import type { ResourceType } from "../api/kinds.ts";
import { StatusError } from "../api/StatusError.ts";
import type { KubeObject, OwnerReference } from "../api/types.ts";
import { ResourceClient } from "../client/Client.ts";
import { Informer } from "../client/Informer.ts";
import { Controller, type ControllerContext } from "./Controller.ts";

const FOREGROUND = "foregroundDeletion";
const ORPHAN = "orphan";

/** One object in the dependency graph (garbagecollector/graph.go `node`). */
interface GraphNode {
  type: ResourceType;
  namespace: string | undefined;
  name: string;
  uid: string;
  owners: OwnerReference[];
  dependents: Set<string>;
  deleting: boolean;
  finalizers: string[];
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function hasFinalizer(object: KubeObject, finalizer: string): boolean {
  return (object.metadata.finalizers ?? []).includes(finalizer);
}

function isNotFound(error: unknown): boolean {
  return error instanceof StatusError && error.code === 404;
}

/**
 * The garbage collector (pkg/controller/garbagecollector): keeps a graph of ownerReferences fed by
 * informers on every resource, and
 * - deletes dependents whose owners are all gone (background propagation, and owners deleted with
 *   `--cascade=background`), with the owner's finalizer-derived policy;
 * - for an owner being deleted in the foreground (`foregroundDeletion` finalizer), deletes its
 *   dependents and removes the finalizer once no dependent with `blockOwnerDeletion` is left;
 * - for an owner being deleted with `orphan`, removes the owner reference from every dependent,
 *   then the finalizer.
 * Every decision is checked against the live object, as attemptToDeleteItem does.
 *
 * @example
 * ```ts
 * const gc = new GarbageCollector(ctx);
 * gc.start();
 * ```
 */
export class GarbageCollector extends Controller {
  readonly #graph = new Map<string, GraphNode>();
  /** Dependents by owner uid, including owners the graph has not seen (virtual nodes). */
  readonly #dependents = new Map<string, Set<string>>();
  #informers: Informer[] = [];

  constructor(ctx: ControllerContext) {
    super("generic-garbage-collector", ctx);
  }

  /** Resources the collector monitors: every one that can be listed, watched and deleted. */
  #monitored(): ResourceType[] {
    return this.ctx.api.kinds
      .all()
      .filter((t) => ["list", "watch", "delete"].every((v) => t.verbs.includes(v)));
  }

  protected override startInformers(): void {
    this.#informers = this.#monitored().map((type) => {
      const informer = new Informer(this.ctx.loop, new ResourceClient(this.name, type, this.ctx.api));
      informer.on({
        add: (o) => this.#observe(type, o),
        update: (o) => this.#observe(type, o),
        delete: (o) => this.#forget(o),
      });
      informer.start();
      return informer;
    });
  }

  protected override stopInformers(): void {
    for (const informer of this.#informers) informer.stop();
    this.#informers = [];
  }

  /** graph_builder.go processGraphChanges for an add or update. */
  #observe(type: ResourceType, object: KubeObject): void {
    const uid = object.metadata.uid as string;
    const previous = this.#graph.get(uid);
    const owners = object.metadata.ownerReferences ?? [];
    // Most updates (status, labels) change nothing the graph holds.
    if (
      previous &&
      previous.deleting === !!object.metadata.deletionTimestamp &&
      sameList(previous.finalizers, object.metadata.finalizers ?? []) &&
      (previous.owners.length === 0
        ? owners.length === 0
        : JSON.stringify(previous.owners) === JSON.stringify(owners))
    )
      return;
    const node: GraphNode = {
      type,
      namespace: object.metadata.namespace,
      name: object.metadata.name as string,
      uid,
      owners,
      dependents: previous?.dependents ?? this.#dependents.get(uid) ?? new Set(),
      deleting: !!object.metadata.deletionTimestamp,
      finalizers: [...(object.metadata.finalizers ?? [])],
    };
    this.#graph.set(uid, node);
    this.#dependents.set(uid, node.dependents);
    const before = new Set((previous?.owners ?? []).map((o) => o.uid));
    const after = new Set(owners.map((o) => o.uid));
    for (const owner of before) if (!after.has(owner)) this.#dependents.get(owner)?.delete(uid);
    for (const owner of owners) {
      let set = this.#dependents.get(owner.uid);
      if (!set) {
        set = new Set();
        this.#dependents.set(owner.uid, set);
      }
      set.add(uid);
      // An owner the graph has never seen may not exist: verify it (a virtual node).
      if (!this.#graph.has(owner.uid)) this.queue.add(`delete/${uid}`);
    }
    // An owner reference was removed or changed: dependents may now be garbage.
    if (previous && [...before].some((o) => !after.has(o))) this.queue.add(`delete/${uid}`);
    if (node.deleting && node.finalizers.includes(FOREGROUND)) {
      this.queue.add(`delete/${uid}`);
      for (const dep of node.dependents) this.queue.add(`delete/${dep}`);
    }
    if (node.deleting && node.finalizers.includes(ORPHAN)) this.queue.add(`orphan/${uid}`);
  }

  /** processGraphChanges for a deletion: dependents of a vanished owner are candidates. */
  #forget(object: KubeObject): void {
    const uid = object.metadata.uid as string;
    const node = this.#graph.get(uid);
    this.#graph.delete(uid);
    for (const owner of node?.owners ?? []) {
      this.#dependents.get(owner.uid)?.delete(uid);
      const ownerNode = this.#graph.get(owner.uid);
      if (ownerNode?.deleting && ownerNode.finalizers.includes(FOREGROUND))
        this.queue.add(`delete/${owner.uid}`);
    }
    for (const dep of this.#dependents.get(uid) ?? []) this.queue.add(`delete/${dep}`);
    if ((this.#dependents.get(uid)?.size ?? 0) === 0) this.#dependents.delete(uid);
  }

  protected override reconcile(key: string): void {
    const slash = key.indexOf("/");
    const action = key.slice(0, slash);
    const uid = key.slice(slash + 1);
    try {
      if (action === "orphan") this.#attemptToOrphan(uid);
      else this.#attemptToDelete(uid);
      this.queue.forget(key);
    } catch (error) {
      this.queue.retry(key);
      if (!(error instanceof StatusError)) throw error;
    }
  }

  #live(node: GraphNode): KubeObject | undefined {
    const client = new ResourceClient(this.name, node.type, this.ctx.api);
    const object = client.find(node.namespace, node.name);
    return object && object.metadata.uid === node.uid ? object : undefined;
  }

  /** garbagecollector.go attemptToDeleteItem. */
  #attemptToDelete(uid: string): void {
    const node = this.#graph.get(uid);
    if (!node) return;
    const latest = this.#live(node);
    if (!latest) return;
    if (latest.metadata.deletionTimestamp) {
      if (hasFinalizer(latest, FOREGROUND)) this.#processDeletingDependents(node, latest);
      return;
    }
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of latest.metadata.ownerReferences ?? []) {
      const owner = this.#owner(node, ref);
      if (!owner) dangling.push(ref);
      else if (owner.metadata.deletionTimestamp && hasFinalizer(owner, FOREGROUND)) waiting.push(ref);
      else solid.push(ref);
    }
    if ((latest.metadata.ownerReferences ?? []).length === 0) return;
    if (solid.length > 0) {
      const gone = [...dangling, ...waiting];
      if (gone.length > 0)
        this.#removeOwnerReferences(
          node,
          gone.map((r) => r.uid),
        );
      return;
    }
    const client = new ResourceClient(this.name, node.type, this.ctx.api);
    let policy: "Background" | "Foreground" | "Orphan" = "Background";
    if (waiting.length > 0 && node.dependents.size > 0) policy = "Foreground";
    else if (hasFinalizer(latest, ORPHAN)) policy = "Orphan";
    else if (hasFinalizer(latest, FOREGROUND)) policy = "Foreground";
    try {
      client.delete(node.namespace, node.name, { propagationPolicy: policy, preconditions: { uid } });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  /** The owner an ownerReference names, if it exists with that uid (isDangling). */
  #owner(node: GraphNode, ref: OwnerReference): KubeObject | undefined {
    const type = this.ctx.api.kinds.forKind(ref.apiVersion, ref.kind);
    if (!type) return undefined;
    // A cluster-scoped dependent cannot be owned by a namespaced object.
    if (type.namespaced && !node.namespace) return undefined;
    const client = new ResourceClient(this.name, type, this.ctx.api);
    const owner = client.find(type.namespaced ? node.namespace : undefined, ref.name);
    return owner && owner.metadata.uid === ref.uid ? owner : undefined;
  }

  /**
   * processDeletingDependentsItem: an owner in foreground deletion waits for its blocking
   * dependents; once none is left its `foregroundDeletion` finalizer goes.
   */
  #processDeletingDependents(node: GraphNode, latest: KubeObject): void {
    const blocking: GraphNode[] = [];
    for (const depUid of node.dependents) {
      const dep = this.#graph.get(depUid);
      if (!dep) continue;
      const ref = dep.owners.find((o) => o.uid === node.uid);
      if (ref?.blockOwnerDeletion) blocking.push(dep);
    }
    if (blocking.length === 0) {
      this.#removeFinalizer(node, latest, FOREGROUND);
      return;
    }
    for (const dep of blocking) if (!dep.deleting) this.queue.add(`delete/${dep.uid}`);
  }

  /** attemptToOrphanWorker: drop the owner from its dependents, then the `orphan` finalizer. */
  #attemptToOrphan(uid: string): void {
    const node = this.#graph.get(uid);
    if (!node) return;
    const latest = this.#live(node);
    if (!latest || !hasFinalizer(latest, ORPHAN)) return;
    for (const depUid of [...node.dependents]) {
      const dep = this.#graph.get(depUid);
      if (dep) this.#removeOwnerReferences(dep, [uid]);
    }
    this.#removeFinalizer(node, latest, ORPHAN);
  }

  /** deleteOwnerRefStrategicMergePatch: `$patch: delete` each reference by uid. */
  #removeOwnerReferences(node: GraphNode, owners: readonly string[]): void {
    const client = new ResourceClient(this.name, node.type, this.ctx.api);
    try {
      client.patch(node.namespace, node.name, "strategic", {
        metadata: {
          uid: node.uid,
          ownerReferences: owners.map((uid) => ({ $patch: "delete", uid })),
        },
      });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  /** removeFinalizer: a merge patch of the remaining finalizers, guarded by resourceVersion. */
  #removeFinalizer(node: GraphNode, latest: KubeObject, finalizer: string): void {
    const client = new ResourceClient(this.name, node.type, this.ctx.api);
    const finalizers = (latest.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    try {
      client.patch(node.namespace, node.name, "merge", {
        metadata: { finalizers, resourceVersion: latest.metadata.resourceVersion },
      });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}
