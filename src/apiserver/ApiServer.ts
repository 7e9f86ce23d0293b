import jsonMergePatch from "json-merge-patch";
import { applyPatch as applyJsonPatch, type Operation } from "rfc6902";
import { DEFAULTERS } from "../api/defaults.ts";
import type { FieldError } from "../api/FieldError.ts";
import { FieldSelector, FieldSelectorError } from "../api/fields.ts";
import { apiVersionOf, type KindRegistry, type ResourceType } from "../api/kinds.ts";
import { Selector, SelectorParseError } from "../api/labels.ts";
import { validateObjectMeta, validateObjectMetaUpdate } from "../api/objectMeta.ts";
import { StatusError } from "../api/StatusError.ts";
import { checkStructure } from "../api/schema.ts";
import { cloneObject, deepFreeze, type KubeObject } from "../api/types.ts";
import type { EventLoop } from "../clock/EventLoop.ts";
import type { SeededRandom } from "../clock/SeededRandom.ts";
import { type Etcd, EtcdUnavailableError } from "../etcd/Etcd.ts";
import {
  CompactedError,
  type KeyValue,
  PreconditionFailedError,
  type StoreEvent,
} from "../etcd/MvccStore.ts";
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin } from "./admission/AdmissionPlugin.ts";
import { RAND_ALPHABET } from "./admission/ServiceAccount.ts";
import { strategyFor } from "./registry/index.ts";
import type { Strategy, StrategyContext } from "./Strategy.ts";
import {
  WatchCache,
  type WatchEvent,
  type Watcher,
  type WatchFilter,
  type WatchHandle,
} from "./WatchCache.ts";

/** How strictly unknown fields are treated (the `fieldValidation` query parameter). */
export type FieldValidation = "Strict" | "Warn" | "Ignore";

/** Options of create/update/patch requests. */
export interface WriteOptions {
  dryRun?: boolean;
  fieldValidation?: FieldValidation;
  subresource?: "status";
}

/** Options of list and watch requests. */
export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  /** "" (most recent, quorum read), "0" (any, from cache), or a revision to watch from. */
  resourceVersion?: string;
  limit?: number;
  continue?: string;
}

/** Options of delete requests (metav1.DeleteOptions). */
export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: "Background" | "Foreground" | "Orphan";
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

/** Patch content types. */
export type PatchType = "merge" | "json" | "strategic";

/** The result of a write: the stored object and any warnings for the client. */
export interface WriteResult<T = KubeObject> {
  object: T;
  warnings: string[];
}

/** A list response. */
export interface ListResult<T = KubeObject> {
  items: T[];
  resourceVersion: string;
  continue?: string;
}

/** One request as the conversation recorder sees it; `code` is filled in when it completes. */
export interface RequestRecord {
  user: string;
  verb: string;
  type: ResourceType;
  namespace?: string | undefined;
  name?: string | undefined;
  subresource?: string | undefined;
  code: number;
}

/** Hooks through which a scenario records the control-plane conversation. */
export interface ApiObserver {
  /** A request arrives (before it is handled; its code is set once it completes). */
  request?(record: RequestRecord): void;
  storage?(op: "create" | "update" | "delete", key: string, revision: number): void;
  delivered?(watcher: { user: string }, type: ResourceType, event: WatchEvent): void;
}

/** What the apiserver needs from the cluster it runs in. */
export interface ApiServerDeps {
  loop: EventLoop;
  random: SeededRandom;
  etcd: Etcd;
  kinds: KindRegistry;
  admission: readonly AdmissionPlugin[];
}

const GENERATE_NAME_RETRIES = 8;

let lastMillis = Number.NaN;
let lastRfc3339 = "";

/** metav1.Time text of a virtual instant (the last one is remembered: many writes share it). */
function rfc3339(millis: number): string {
  if (millis !== lastMillis) {
    lastMillis = millis;
    lastRfc3339 = `${new Date(millis).toISOString().slice(0, 19)}Z`;
  }
  return lastRfc3339;
}

function jsonEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The simulated kube-apiserver: the request pipeline of the generic registry store (decode with
 * strict field validation, default, admit, validate, persist in etcd with optimistic concurrency)
 * and watch fan-out. All components, kubectl and the HTTP server go through it; nothing else
 * touches etcd.
 *
 * @example
 * ```ts
 * const pods = kinds.forResourceName("pods")!;
 * apiserver.create("kubectl", pods, "default", podManifest);
 * apiserver.watch("kube-scheduler", pods, undefined, {}, (event) => {});
 * ```
 */
export class ApiServer {
  readonly kinds: KindRegistry;
  readonly #deps: ApiServerDeps;
  readonly #caches = new Map<ResourceType, WatchCache>();
  #nextWatcherId = 1;
  /** What admission plugins may read: stored objects, by kind, and the seeded random source. */
  readonly #admissionContext: AdmissionContext;
  #observer: ApiObserver | undefined;
  #serving = true;

  constructor(deps: ApiServerDeps) {
    this.#deps = deps;
    this.kinds = deps.kinds;
    this.#admissionContext = {
      random: deps.random,
      get: (kind, namespace, name) => {
        const t = this.kinds.all().find((k) => k.kind === kind);
        return t ? this.peek(t, namespace, name) : undefined;
      },
      list: (kind) => {
        const t = this.kinds.all().find((k) => k.kind === kind);
        if (!t) return [];
        return [...deps.etcd.store.range(this.#prefix(t, undefined))].map((kv) => kv.value as KubeObject);
      },
    };
    for (const type of deps.kinds.all()) this.#cacheFor(type);
  }

  /** Attach (or detach) a conversation observer. */
  set observer(observer: ApiObserver | undefined) {
    this.#observer = observer;
    for (const [type, cache] of this.#caches) {
      cache.observer = observer?.delivered ? (w, e) => observer.delivered?.(w, type, e) : undefined;
    }
  }

  /** Whether the apiserver accepts requests (its static pod may be stopped). */
  get serving(): boolean {
    return this.#serving;
  }

  set serving(value: boolean) {
    this.#serving = value;
  }

  /** Virtual time as an RFC 3339 timestamp (metav1.Time). */
  now(): string {
    return rfc3339(this.#deps.loop.now());
  }

  // ---- reads ----

  get<T = KubeObject>(user: string, type: ResourceType, namespace: string | undefined, name: string): T {
    return this.#handle(user, "get", type, namespace, name, undefined, () => {
      const kv = this.#read(type, namespace, name);
      if (!kv) throw StatusError.notFound({ group: type.group, resource: type.plural }, name);
      return kv.value as T;
    });
  }

  /** Read without recording or availability checks: the informer-cache view admission uses. */
  peek(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.#deps.etcd.store.get(this.#key(type, namespace, name))?.value as KubeObject | undefined;
  }

  list<T = KubeObject>(
    user: string,
    type: ResourceType,
    namespace: string | undefined,
    options: ListOptions = {},
  ): ListResult<T> {
    return this.#handle(user, "list", type, namespace, undefined, undefined, () => {
      if (options.resourceVersion !== "0") this.#deps.etcd.ensureAvailable();
      const filter = this.#filter(type, namespace, options);
      const cache = this.#cacheFor(type);
      const prefix = this.#prefix(type, namespace);
      let start = "";
      if (options.continue) {
        try {
          start = JSON.parse(Buffer.from(options.continue, "base64").toString("utf8")).start as string;
        } catch {
          throw StatusError.badRequest("continue key is not valid: illegal base64 data at input byte 0");
        }
      }
      const items: T[] = [];
      let next: string | undefined;
      for (const kv of this.#deps.etcd.store.range(prefix)) {
        if (start && kv.key <= start) continue;
        const object = kv.value as KubeObject;
        if (!cache.matches(filter, object)) continue;
        if (options.limit && items.length >= options.limit) {
          next = Buffer.from(
            JSON.stringify({
              v: "meta.k8s.io/v1",
              rv: this.#deps.etcd.store.revision,
              start: items.length > 0 ? this.#keyOf(type, items[items.length - 1] as KubeObject) : kv.key,
            }),
          ).toString("base64");
          break;
        }
        items.push(object as T);
      }
      const result: ListResult<T> = { items, resourceVersion: String(this.#deps.etcd.store.revision) };
      if (next) result.continue = next;
      return result;
    });
  }

  /**
   * Watch a resource. With no resourceVersion (or "0") the watcher first receives ADDED for every
   * matching object; with a revision it receives every change after it (410 Gone if compacted).
   */
  watch(
    user: string,
    type: ResourceType,
    namespace: string | undefined,
    options: ListOptions,
    handler: (event: WatchEvent) => void,
  ): WatchHandle {
    return this.#handle(user, "watch", type, namespace, undefined, undefined, () => {
      const filter = this.#filter(type, namespace, options);
      const cache = this.#cacheFor(type);
      const nodeName = type.kind === "Pod" ? filter.fields.requiredValue("spec.nodeName") : undefined;
      const watcher: Watcher = {
        id: this.#nextWatcherId++,
        user,
        filter,
        handler,
        nodeName,
        stopped: false,
        queue: [],
        scheduled: false,
      };
      const rv = options.resourceVersion ?? "";
      if (rv === "" || rv === "0") {
        for (const kv of this.#deps.etcd.store.range(this.#prefix(type, namespace))) {
          const object = kv.value as KubeObject;
          if (cache.matches(filter, object)) cache.send(watcher, { type: "ADDED", object });
        }
      } else {
        const from = Number(rv);
        if (!Number.isInteger(from) || from < 0) {
          throw StatusError.badRequest(`invalid resource version: ${rv}`);
        }
        let history: StoreEvent[];
        try {
          history = this.#deps.etcd.store.history(this.#prefix(type, namespace), from + 1);
        } catch (error) {
          if (error instanceof CompactedError) {
            throw StatusError.gone(`too old resource version: ${from} (${error.compactRevision + 1})`);
          }
          throw error;
        }
        for (const event of history) this.#replay(cache, watcher, event);
      }
      return cache.add(watcher);
    });
  }

  // ---- writes ----

  create<T = KubeObject>(
    user: string,
    type: ResourceType,
    namespace: string | undefined,
    body: unknown,
    options: WriteOptions = {},
  ): WriteResult<T> {
    const name = (body as KubeObject | undefined)?.metadata?.name;
    return this.#handle(user, "create", type, namespace, name, undefined, () => {
      const strategy = strategyFor(type.kind);
      const { object, warnings } = this.#decode(type, namespace, body, options.fieldValidation);
      const meta = object.metadata;
      if (meta.resourceVersion)
        throw StatusError.badRequest("resourceVersion should not be set on objects to be created");
      const attributes: AdmissionAttributes = {
        operation: "CREATE",
        type,
        namespace,
        name: meta.name,
        object,
        user,
      };
      this.#admit(attributes);
      const ctx = this.#ctx();
      for (const field of [
        "uid",
        "creationTimestamp",
        "deletionTimestamp",
        "deletionGracePeriodSeconds",
        "generation",
        "selfLink",
      ] as const) {
        delete meta[field];
      }
      strategy.prepareForCreate?.(object, ctx);
      if (strategy.generation) meta.generation = 1;
      const generated = !meta.name && !!meta.generateName;
      for (let attempt = 0; ; attempt++) {
        if (generated) meta.name = this.#generateName(meta.generateName as string);
        this.#validate(type, strategy, object, undefined);
        this.#admit(attributes, "validate");
        meta.uid = this.#deps.random.uuid();
        meta.creationTimestamp = ctx.now;
        if (options.dryRun) return { object: object as T, warnings };
        try {
          const kv = this.#write(type, object, 0);
          this.#observer?.storage?.("create", kv.key, kv.modRevision);
          return { object: kv.value as T, warnings };
        } catch (error) {
          if (error instanceof PreconditionFailedError) {
            if (generated && attempt < GENERATE_NAME_RETRIES) continue;
            throw StatusError.alreadyExists(
              { group: type.group, resource: type.plural },
              meta.name as string,
            );
          }
          throw error;
        }
      }
    });
  }

  update<T = KubeObject>(
    user: string,
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    body: unknown,
    options: WriteOptions = {},
  ): WriteResult<T> {
    return this.#handle(user, "update", type, namespace, name, options.subresource, () => {
      const { object, warnings } = this.#decode(type, namespace, body, options.fieldValidation);
      if (object.metadata.name !== name) {
        throw StatusError.badRequest(
          "the name of the object (" +
            object.metadata.name +
            ") does not match the name on the URL (" +
            name +
            ")",
        );
      }
      return { object: this.#update(user, type, namespace, name, object, options) as T, warnings };
    });
  }

  patch<T = KubeObject>(
    user: string,
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    patchType: PatchType,
    patch: unknown,
    options: WriteOptions = {},
  ): WriteResult<T> {
    return this.#handle(user, "patch", type, namespace, name, options.subresource, () => {
      const current = this.#read(type, namespace, name);
      if (!current) throw StatusError.notFound({ group: type.group, resource: type.plural }, name);
      const patched = this.#applyPatch(current.value as KubeObject, patchType, patch);
      const { object, warnings } = this.#decode(type, namespace, patched, options.fieldValidation);
      return { object: this.#update(user, type, namespace, name, object, options) as T, warnings };
    });
  }

  delete<T = KubeObject>(
    user: string,
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
  ): { object: T; deleted: boolean } {
    return this.#handle(user, "delete", type, namespace, name, undefined, () => {
      const gr = { group: type.group, resource: type.plural };
      const current = this.#read(type, namespace, name);
      if (!current) throw StatusError.notFound(gr, name);
      const existing = current.value as KubeObject;
      const pre = options.preconditions;
      if (pre?.uid && pre.uid !== existing.metadata.uid) {
        throw StatusError.conflict(
          gr,
          name,
          `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${existing.metadata.uid}`,
        );
      }
      if (pre?.resourceVersion && pre.resourceVersion !== existing.metadata.resourceVersion) {
        throw StatusError.conflict(
          gr,
          name,
          `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${existing.metadata.resourceVersion}`,
        );
      }
      this.#admit({ operation: "DELETE", type, namespace, name, oldObject: existing, user });
      const strategy = strategyFor(type.kind);
      const grace = strategy.gracePeriod?.(existing, options.gracePeriodSeconds);
      const finalizers = [...(existing.metadata.finalizers ?? [])];
      if (options.propagationPolicy === "Foreground" && !finalizers.includes("foregroundDeletion"))
        finalizers.push("foregroundDeletion");
      if (options.propagationPolicy === "Orphan" && !finalizers.includes("orphan")) finalizers.push("orphan");
      const namespaceFinalizers =
        type.kind === "Namespace"
          ? ((existing.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [])
          : [];
      const pending =
        finalizers.length > 0 || (grace !== undefined && grace > 0) || namespaceFinalizers.length > 0;
      if (!pending) {
        if (options.dryRun) return { object: existing as T, deleted: true };
        const kv = this.#deps.etcd.store.delete(current.key, { expectModRevision: current.modRevision });
        this.#observer?.storage?.("delete", kv.key, kv.modRevision);
        return { object: existing as T, deleted: true };
      }
      // Graceful or finalized deletion: mark the object and let its owners finish.
      const marked = cloneObject(existing);
      const meta = marked.metadata;
      if (meta.deletionTimestamp) {
        // Already pending: only a shorter grace period is honoured.
        const remaining = meta.deletionGracePeriodSeconds ?? 0;
        if (grace === undefined || grace >= remaining) return { object: existing as T, deleted: false };
      }
      const seconds = grace ?? 0;
      meta.deletionTimestamp = rfc3339(this.#deps.loop.now() + seconds * 1000);
      meta.deletionGracePeriodSeconds = seconds;
      if (finalizers.length > 0) meta.finalizers = finalizers;
      if (type.kind === "Namespace")
        (marked.status as { phase?: string }) = { ...(marked.status ?? {}), phase: "Terminating" };
      if (options.dryRun) return { object: marked as T, deleted: false };
      if (seconds === 0 && finalizers.length === 0 && namespaceFinalizers.length === 0) {
        const kv = this.#deps.etcd.store.delete(current.key, { expectModRevision: current.modRevision });
        this.#observer?.storage?.("delete", kv.key, kv.modRevision);
        return { object: existing as T, deleted: true };
      }
      const kv = this.#write(type, marked, current.modRevision);
      this.#observer?.storage?.("update", kv.key, kv.modRevision);
      return { object: kv.value as T, deleted: false };
    });
  }

  /**
   * The pods/binding subresource: assign a pending pod to a node (what kube-scheduler calls).
   */
  bind(
    user: string,
    namespace: string,
    podName: string,
    binding: { target: { name: string }; metadata?: { annotations?: Record<string, string> } },
  ): void {
    const pods = this.kinds.forGroupResource("", "pods") as ResourceType;
    this.#handle(user, "create", pods, namespace, podName, "binding", () => {
      const current = this.#read(pods, namespace, podName);
      if (!current) throw StatusError.notFound({ group: "", resource: "pods" }, podName);
      type Condition = { type: string; status: string; lastProbeTime?: null; lastTransitionTime?: string };
      const stored = current.value as KubeObject & {
        spec: { nodeName?: string; schedulingGates?: unknown[] };
        status?: { conditions?: Condition[] };
      };
      const gr = { group: "", resource: "pods" };
      if (stored.metadata.deletionTimestamp) {
        throw StatusError.conflict(
          gr,
          podName,
          `pod ${podName} is being deleted, cannot be assigned to a host`,
        );
      }
      if (stored.spec.nodeName) {
        throw StatusError.conflict(
          gr,
          podName,
          `pod ${podName} is already assigned to node "${stored.spec.nodeName}"`,
        );
      }
      // Reject binding to a scheduling un-ready pod (BindingREST.setPodNodeAndMetadata).
      if ((stored.spec.schedulingGates ?? []).length > 0) {
        throw StatusError.conflict(gr, podName, `pod ${podName} has non-empty .spec.schedulingGates`);
      }
      // A new version that shares the unchanged (frozen) parts of the stored one.
      let found = false;
      const conditions: Condition[] = (stored.status?.conditions ?? []).map((c) => {
        if (c.type !== "PodScheduled") return c;
        found = true;
        const updated: Condition & { reason?: string; message?: string } = {
          ...c,
          status: "True",
          ...(c.status !== "True" ? { lastTransitionTime: this.now() } : {}),
        };
        delete updated.reason;
        delete updated.message;
        return updated;
      });
      if (!found)
        conditions.push({
          type: "PodScheduled",
          status: "True",
          lastProbeTime: null,
          lastTransitionTime: this.now(),
        });
      const metadata = { ...stored.metadata };
      if (binding.metadata?.annotations)
        metadata.annotations = { ...(metadata.annotations ?? {}), ...binding.metadata.annotations };
      const pod = {
        ...stored,
        metadata,
        spec: { ...stored.spec, nodeName: binding.target.name },
        status: { ...(stored.status ?? {}), conditions },
      } as KubeObject;
      const kv = this.#write(pods, pod, current.modRevision);
      this.#observer?.storage?.("update", kv.key, kv.modRevision);
    });
  }

  // ---- pipeline pieces ----

  #handle<R>(
    user: string,
    verb: string,
    type: ResourceType,
    namespace: string | undefined,
    name: string | undefined,
    subresource: string | undefined,
    body: () => R,
  ): R {
    const record: RequestRecord = { user, verb, type, namespace, name, subresource, code: 200 };
    this.#observer?.request?.(record);
    let code = 200;
    try {
      if (!this.#serving) throw new ApiServerUnavailableError();
      if (type.namespaced && !namespace && verb !== "list" && verb !== "watch") {
        throw StatusError.badRequest("the server could not find the requested resource");
      }
      const result = body();
      if (verb === "create") code = 201;
      return result;
    } catch (error) {
      code = error instanceof StatusError ? error.code : error instanceof ApiServerUnavailableError ? 0 : 500;
      if (error instanceof EtcdUnavailableError) {
        code = 500;
        throw new StatusError({ message: error.message, code: 500 });
      }
      throw error;
    } finally {
      record.code = code;
    }
  }

  #ctx(): StrategyContext {
    return { now: this.now() };
  }

  #key(type: ResourceType, namespace: string | undefined, name: string): string {
    const group = type.group ? `${type.group}/` : "";
    return type.namespaced
      ? `/registry/${group}${type.plural}/${namespace}/${name}`
      : `/registry/${group}${type.plural}/${name}`;
  }

  #keyOf(type: ResourceType, object: KubeObject): string {
    return this.#key(type, object.metadata.namespace, object.metadata.name as string);
  }

  #prefix(type: ResourceType, namespace: string | undefined): string {
    const group = type.group ? `${type.group}/` : "";
    return type.namespaced && namespace
      ? `/registry/${group}${type.plural}/${namespace}/`
      : `/registry/${group}${type.plural}/`;
  }

  #read(type: ResourceType, namespace: string | undefined, name: string): KeyValue | undefined {
    this.#deps.etcd.ensureAvailable();
    return this.#deps.etcd.store.get(this.#key(type, namespace, name));
  }

  /** Persist `object` with its new resourceVersion; `expect` is the modRevision to replace (0 = create). */
  #write(type: ResourceType, object: KubeObject, expect: number): KeyValue {
    this.#deps.etcd.ensureAvailable();
    return this.#deps.etcd.store.put(
      this.#keyOf(type, object),
      (revision: number) => {
        object.metadata.resourceVersion = String(revision);
        return deepFreeze(object);
      },
      { expectModRevision: expect },
    );
  }

  #cacheFor(type: ResourceType): WatchCache {
    let cache = this.#caches.get(type);
    if (!cache) {
      const strategy = strategyFor(type.kind);
      cache = new WatchCache(this.#deps.loop, (object) => {
        const fields = strategy.fields?.(object) ?? {};
        fields["metadata.name"] = object.metadata.name ?? "";
        fields["metadata.namespace"] = object.metadata.namespace ?? "";
        return fields;
      });
      this.#caches.set(type, cache);
      const c = cache;
      this.#deps.etcd.store.watch(this.#prefix(type, undefined), 0, (event) => {
        c.dispatch(event, (value, revision) => this.#deleted(event, value as KubeObject, revision));
      });
    }
    return cache;
  }

  /** For DELETE events the object is the last state with the deletion's resourceVersion. */
  #deleted(event: StoreEvent, value: KubeObject, revision: number): KubeObject {
    if (event.type !== "DELETE") return value;
    return deepFreeze({ ...value, metadata: { ...value.metadata, resourceVersion: String(revision) } });
  }

  #replay(cache: WatchCache, watcher: Watcher, event: StoreEvent): void {
    const object = this.#deleted(event, event.kv.value as KubeObject, event.kv.modRevision);
    const previous = event.prevKv?.value as KubeObject | undefined;
    const was = previous !== undefined && cache.matches(watcher.filter, previous);
    if (event.type === "DELETE") {
      if (was) cache.send(watcher, { type: "DELETED", object });
      return;
    }
    const is = cache.matches(watcher.filter, object);
    if (is && was) cache.send(watcher, { type: "MODIFIED", object });
    else if (is) cache.send(watcher, { type: "ADDED", object });
    else if (was) cache.send(watcher, { type: "DELETED", object });
  }

  #filter(type: ResourceType, namespace: string | undefined, options: ListOptions): WatchFilter {
    let labels = Selector.everything;
    let fields = FieldSelector.everything;
    try {
      if (options.labelSelector) labels = Selector.parse(options.labelSelector);
    } catch (error) {
      if (error instanceof SelectorParseError) throw StatusError.badRequest(error.message);
      throw error;
    }
    try {
      if (options.fieldSelector) fields = FieldSelector.parse(options.fieldSelector);
    } catch (error) {
      if (error instanceof FieldSelectorError) throw StatusError.badRequest(error.message);
      throw error;
    }
    const supported = new Set([
      "metadata.name",
      "metadata.namespace",
      ...(strategyFor(type.kind).fieldLabels ?? []),
    ]);
    for (const r of fields.requirements) {
      if (!supported.has(r.field)) {
        throw StatusError.badRequest(`field label not supported: ${r.field}`);
      }
    }
    return { namespace: type.namespaced ? namespace : undefined, labels, fields };
  }

  /** Decode a request body: kind check, strict structure check, defaulting. Returns a mutable copy. */
  #decode(
    type: ResourceType,
    namespace: string | undefined,
    body: unknown,
    validation: FieldValidation = "Strict",
  ) {
    if (body === null || typeof body !== "object" || Array.isArray(body)) {
      throw StatusError.badRequest(`Object 'Kind' is missing in '${JSON.stringify(body)}'`);
    }
    const object = cloneObject(body) as KubeObject;
    const apiVersion = apiVersionOf(type);
    if (!object.kind) throw StatusError.badRequest(`Object 'Kind' is missing in '${JSON.stringify(body)}'`);
    if (object.kind !== type.kind || (object.apiVersion && object.apiVersion !== apiVersion)) {
      throw StatusError.badRequest(
        `the API version in the data (${object.apiVersion}) does not match the expected API version (${apiVersion})`,
      );
    }
    object.apiVersion = apiVersion;
    object.metadata ??= {};
    // Strict and Warn report unknown fields; Warn and Ignore then drop them, as decoding does.
    const problems = checkStructure(type.model, object, validation === "Ignore");
    const prefix = `${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: `;
    if (problems.typeError) throw StatusError.badRequest(prefix + problems.typeError);
    const warnings: string[] = [];
    if (problems.unknownFields.length > 0) {
      const list = problems.unknownFields.map((f) => `unknown field "${f}"`);
      if (validation === "Strict")
        throw StatusError.badRequest(`${prefix}strict decoding error: ${list.join(", ")}`);
      warnings.push(...list);
      checkStructure(type.model, object, true);
    }
    if (type.namespaced) {
      if (object.metadata.namespace && namespace && object.metadata.namespace !== namespace) {
        throw StatusError.badRequest(
          "the namespace of the provided object does not match the namespace sent on the request",
        );
      }
      if (namespace) object.metadata.namespace = namespace;
    } else if (object.metadata.namespace) {
      delete object.metadata.namespace;
    }
    DEFAULTERS[type.kind]?.(object);
    return { object, warnings };
  }

  /** Mutating admission (`admit`), or validating admission after strategy validation (`validate`). */
  #admit(attributes: AdmissionAttributes, phase: "admit" | "validate" = "admit"): void {
    const ctx = this.#admissionContext;
    if (phase === "validate") {
      for (const plugin of this.#deps.admission) plugin.validate?.(attributes, ctx);
      return;
    }
    for (const plugin of this.#deps.admission) plugin.admit(attributes, ctx);
  }

  #validate(type: ResourceType, strategy: Strategy, object: KubeObject, old: KubeObject | undefined): void {
    const errors: FieldError[] = old
      ? [
          ...validateObjectMetaUpdate(object.metadata, old.metadata, type.namespaced, strategy.nameRule),
          ...(strategy.validateUpdate?.(object, old) ?? strategy.validate?.(object) ?? []),
        ]
      : [
          ...validateObjectMeta(object.metadata, type.namespaced, strategy.nameRule),
          ...(strategy.validate?.(object) ?? []),
        ];
    if (errors.length > 0) {
      throw StatusError.invalid({ group: type.group, kind: type.kind }, object.metadata.name ?? "", errors);
    }
  }

  #generateName(base: string): string {
    const prefix = base.length > 58 ? base.slice(0, 58) : base;
    return prefix + this.#deps.random.string(RAND_ALPHABET, 5);
  }

  #applyPatch(current: KubeObject, patchType: PatchType, patch: unknown): unknown {
    const target = cloneObject(current);
    switch (patchType) {
      case "merge":
      case "strategic":
        if (patch === null || typeof patch !== "object" || Array.isArray(patch)) {
          throw StatusError.badRequest(
            "json: cannot unmarshal array into Go value of type map[string]interface {}",
          );
        }
        return jsonMergePatch.apply(target, patch);
      case "json": {
        if (!Array.isArray(patch))
          throw StatusError.badRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        const results = applyJsonPatch(target, patch as Operation[]);
        const failed = results.find((r) => r !== null);
        if (failed)
          throw new StatusError({
            message: `the server rejected our request due to an error in our request`,
            reason: "Invalid",
            code: 422,
          });
        return target;
      }
    }
  }

  #update(
    user: string,
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    object: KubeObject,
    options: WriteOptions,
  ): KubeObject {
    const gr = { group: type.group, resource: type.plural };
    const current = this.#read(type, namespace, name);
    if (!current) throw StatusError.notFound(gr, name);
    const old = current.value as KubeObject;
    const requested = object.metadata.resourceVersion;
    if (requested && requested !== old.metadata.resourceVersion) {
      throw StatusError.conflict(
        gr,
        name,
        "the object has been modified; please apply your changes to the latest version and try again",
      );
    }
    const strategy = strategyFor(type.kind);
    const ctx = this.#ctx();
    const meta = object.metadata;
    // Fields the system owns are carried over from the stored object.
    meta.uid = old.metadata.uid as string;
    meta.creationTimestamp = old.metadata.creationTimestamp as string;
    if (old.metadata.deletionTimestamp) meta.deletionTimestamp = old.metadata.deletionTimestamp;
    else delete meta.deletionTimestamp;
    if (old.metadata.deletionGracePeriodSeconds !== undefined)
      meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    else delete meta.deletionGracePeriodSeconds;
    if (old.metadata.generation !== undefined) meta.generation = old.metadata.generation;
    else delete meta.generation;
    if (options.subresource === "status") strategy.prepareForStatusUpdate?.(object, old, ctx);
    else strategy.prepareForUpdate?.(object, old, ctx);
    if (strategy.generation && options.subresource !== "status" && !jsonEqual(object.spec, old.spec)) {
      meta.generation = (old.metadata.generation ?? 0) + 1;
    }
    const attributes: AdmissionAttributes = {
      operation: "UPDATE",
      type,
      namespace,
      name,
      object,
      oldObject: old,
      user,
      ...(options.subresource ? { subresource: options.subresource } : {}),
    };
    this.#admit(attributes);
    this.#validate(type, strategy, object, old);
    this.#admit(attributes, "validate");
    meta.resourceVersion = old.metadata.resourceVersion as string;
    if (jsonEqual(object, old)) return old; // no-op updates do not write (GuaranteedUpdate)
    if (options.dryRun) return object;
    // Deleting objects whose last finalizer is removed are deleted now (shouldDeleteDuringUpdate).
    if (
      old.metadata.deletionTimestamp &&
      (meta.finalizers ?? []).length === 0 &&
      !old.metadata.deletionGracePeriodSeconds
    ) {
      const isNamespace = type.kind === "Namespace";
      const nsFinalizers = isNamespace
        ? ((object.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [])
        : [];
      if (nsFinalizers.length === 0) {
        const kv = this.#deps.etcd.store.delete(current.key, { expectModRevision: current.modRevision });
        this.#observer?.storage?.("delete", kv.key, kv.modRevision);
        return old;
      }
    }
    try {
      const kv = this.#write(type, object, current.modRevision);
      this.#observer?.storage?.("update", kv.key, kv.modRevision);
      return kv.value as KubeObject;
    } catch (error) {
      if (error instanceof PreconditionFailedError) {
        throw StatusError.conflict(
          gr,
          name,
          "the object has been modified; please apply your changes to the latest version and try again",
        );
      }
      throw error;
    }
  }
}

/** The apiserver process is not serving (its static pod is stopped). */
export class ApiServerUnavailableError extends Error {
  constructor() {
    super("The connection to the server was refused - did you specify the right host or port?");
    this.name = "ApiServerUnavailableError";
  }
}
