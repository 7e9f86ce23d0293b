import jsonMergePatch from "json-merge-patch";
import { applyPatch as applyJsonPatch, type Operation } from "rfc6902";
import { DEFAULTERS } from "../api/defaults.ts";
import { type FieldError, fieldErrors } from "../api/FieldError.ts";
import { FieldSelector, FieldSelectorError } from "../api/fields.ts";
import { apiVersionOf, type KindRegistry, type ResourceType } from "../api/kinds.ts";
import { Selector, SelectorParseError } from "../api/labels.ts";
import { validateObjectMeta, validateObjectMetaUpdate } from "../api/objectMeta.ts";
import { PatchMeta } from "../api/PatchMeta.ts";
import { StatusError } from "../api/StatusError.ts";
import { checkStructure } from "../api/schema.ts";
import {
  applyStrategicMergePatch,
  type JsonMap,
  StrategicMergePatchError,
} from "../api/strategicMergePatch.ts";
import { cloneObject, deepFreeze, type KubeObject } from "../api/types.ts";
import type { EventLoop, TimerHandle } from "../clock/EventLoop.ts";
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
import { SYSTEM_PRIORITY_CLASSES } from "./registry/priorityclasses.ts";
import { keepSpec, keepStatus } from "./registry/specStatus.ts";
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
  /** `status`, `scale` (patch only), or (namespaces) `finalize`: which part of the object the write may change. */
  subresource?: "status" | "scale" | "finalize";
}

/** Options of list and watch requests. */
export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  /** "" (most recent, quorum read), "0" (any, from cache), or a revision to watch from. */
  resourceVersion?: string;
  limit?: number;
  continue?: string;
  /** Watch only: send BOOKMARK events (about every minute) carrying the current resourceVersion. */
  allowWatchBookmarks?: boolean;
}

/** How often the watch cache sends a watcher a bookmark (cacher.go `bookmarkFrequency`). */
export const BOOKMARK_FREQUENCY_MS = 60_000;

/** Options of delete requests (metav1.DeleteOptions). */
export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: "Background" | "Foreground" | "Orphan";
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

/** The autoscaling/v1 Scale of a scalable resource. */
export interface Scale {
  kind: "Scale";
  apiVersion: "autoscaling/v1";
  metadata: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
  };
  spec: { replicas: number };
  status: { replicas: number; selector?: string };
}

/** The autoscaling/v1 Scale as a resource type (its patch metadata: none). */
const SCALE_TYPE: ResourceType = {
  group: "autoscaling",
  version: "v1",
  kind: "Scale",
  plural: "scales",
  singular: "scale",
  shortNames: [],
  namespaced: true,
  categories: [],
  verbs: [],
  subresources: [],
  model: "V1Scale",
};

/** The Scale view of a workload (scaleFromDeployment and friends). */
function scaleOf(object: KubeObject): Scale {
  const spec = object.spec as { replicas?: number; selector?: Record<string, unknown> } | undefined;
  const status = object.status as { replicas?: number } | undefined;
  const meta = object.metadata;
  const scale: Scale = {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: {
      name: meta.name as string,
      ...(meta.namespace ? { namespace: meta.namespace } : {}),
      uid: meta.uid as string,
      resourceVersion: meta.resourceVersion as string,
      creationTimestamp: meta.creationTimestamp as string,
    },
    spec: { replicas: spec?.replicas ?? 0 },
    status: { replicas: status?.replicas ?? 0 },
  };
  const selector = labelSelectorString(spec?.selector);
  if (selector !== undefined) scale.status.selector = selector;
  return scale;
}

/** metav1.LabelSelectorAsSelector(...).String() for the common forms. */
function labelSelectorString(selector: Record<string, unknown> | undefined): string | undefined {
  if (!selector) return undefined;
  const parts: string[] = [];
  const labels = (selector.matchLabels ?? {}) as Record<string, string>;
  for (const key of Object.keys(labels)) parts.push(`${key}=${labels[key]}`);
  for (const r of (selector.matchExpressions ?? []) as {
    key: string;
    operator: string;
    values?: string[];
  }[]) {
    const values = [...(r.values ?? [])].sort().join(",");
    if (r.operator === "In") parts.push(`${r.key} in (${values})`);
    else if (r.operator === "NotIn") parts.push(`${r.key} notin (${values})`);
    else if (r.operator === "Exists") parts.push(r.key);
    else if (r.operator === "DoesNotExist") parts.push(`!${r.key}`);
  }
  return parts.sort().join(",");
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
  /** Objects left after this chunk (only without label and field selectors). */
  remainingItemCount?: number;
}

/** etcd3/errors.go `inconsistentContinue`: the 410 for a continue token whose revision was compacted. */
const INCONSISTENT_CONTINUE =
  "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.";

/** storage.EncodeContinue: `{v, rv, start}` as unpadded URL-safe base64, the key relative to the prefix. */
function encodeContinue(key: string, prefix: string, revision: number): string {
  const token = JSON.stringify({ v: "meta.k8s.io/v1", rv: revision, start: key.slice(prefix.length) });
  return Buffer.from(token, "utf8").toString("base64url");
}

/** storage.DecodeContinue with its error messages (all 400 Bad Request). */
function decodeContinue(value: string, prefix: string): { key: string; revision: number } {
  const invalid = (detail: string) => StatusError.badRequest(`continue key is not valid: ${detail}`);
  if (!/^[A-Za-z0-9_-]*$/.test(value)) {
    const at = value.search(/[^A-Za-z0-9_-]/);
    throw invalid(`illegal base64 data at input byte ${at}`);
  }
  let token: { v?: unknown; rv?: unknown; start?: unknown };
  try {
    token = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    throw invalid("invalid character looking for beginning of value");
  }
  if (token.v !== "meta.k8s.io/v1")
    throw StatusError.badRequest(
      `continue key is not valid: server does not recognize this encoded version ${String(token.v ?? "")}`,
    );
  if (!token.rv)
    throw StatusError.badRequest(
      "continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)",
    );
  if (!token.start)
    throw StatusError.badRequest(
      "continue key is not valid: encoded start key empty (version meta.k8s.io/v1)",
    );
  return { key: prefix + String(token.start), revision: Number(token.rv) };
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

/**
 * Whether the apiserver accepts a field selector label for a kind, as the kind's registered field
 * label conversion func decides (pkg/apis/<group>/<version>/conversion.go): kinds with one accept
 * `metadata.name`, `metadata.namespace` when namespaced, and their own labels, and word the refusal
 * their way; kinds without one fall back to runtime.DefaultMetaV1FieldSelectorConversion.
 */
export function fieldLabelError(type: ResourceType, label: string): string | undefined {
  const strategy = strategyFor(type.kind);
  if (!strategy.fieldLabelError) {
    if (label === "metadata.name" || label === "metadata.namespace") return undefined;
    return `"${label}" is not a known field selector: only "metadata.name", "metadata.namespace"`;
  }
  if (label === "metadata.name" || (type.namespaced && label === "metadata.namespace")) return undefined;
  if ((strategy.fieldLabels ?? []).includes(label)) return undefined;
  return strategy.fieldLabelError(label);
}

/**
 * The finalizers an object gets from a delete's propagation policy
 * (store.go `deletionFinalizersForGarbageCollection`): `orphan` for Orphan, `foregroundDeletion` for
 * Foreground, neither for Background; with no policy, the existing ones stay.
 */
export function deletionFinalizers(
  existing: readonly string[],
  policy: DeleteOptions["propagationPolicy"],
): string[] {
  if (policy === undefined) return [...existing];
  const kept = existing.filter((f) => f !== "orphan" && f !== "foregroundDeletion");
  if (policy === "Orphan") kept.push("orphan");
  if (policy === "Foreground") kept.push("foregroundDeletion");
  const before = new Set(existing);
  if (kept.length === before.size && kept.every((f) => before.has(f))) return [...existing];
  return kept;
}

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
  readonly #uids: SeededRandom;
  readonly #names: SeededRandom;
  readonly #admissionRandom: SeededRandom;
  readonly #allocatorRandom: SeededRandom;
  #pendingUid: string | undefined;
  /**
   * kube-system's own streams for uids and generated names: the system add-ons (kube-proxy and
   * coredns pods, their ReplicaSet, events, mirror pods) come and go with nodes and the control
   * plane, and the names and uids of users' objects must not depend on them.
   */
  readonly #system: { uids: SeededRandom; names: SeededRandom; pendingUid: string | undefined };

  constructor(deps: ApiServerDeps) {
    this.#deps = deps;
    this.#uids = deps.random.fork("apiserver/uid");
    this.#names = deps.random.fork("apiserver/generateName");
    this.#system = {
      uids: deps.random.fork("apiserver/uid/kube-system"),
      names: deps.random.fork("apiserver/generateName/kube-system"),
      pendingUid: undefined,
    };
    this.#admissionRandom = deps.random.fork("apiserver/admission");
    this.#allocatorRandom = deps.random.fork("apiserver/allocators");
    this.kinds = deps.kinds;
    this.#admissionContext = {
      random: this.#admissionRandom,
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

  /**
   * The scheduling/bootstrap-system-priority-classes post-start hook: create
   * `system-node-critical` and `system-cluster-critical` (pkg/apis/scheduling/types.go).
   */
  bootstrapSystemPriorityClasses(): void {
    const type = this.kinds.forGroupResource("scheduling.k8s.io", "priorityclasses");
    if (!type) return;
    for (const pc of SYSTEM_PRIORITY_CLASSES) {
      if (this.peek(type, undefined, pc.name)) continue;
      this.create("kube-apiserver", type, undefined, {
        apiVersion: "scheduling.k8s.io/v1",
        kind: "PriorityClass",
        metadata: { name: pc.name },
        value: pc.value,
        description: pc.description,
      });
    }
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
      if (options.resourceVersion !== "0" || options.continue) this.#deps.etcd.ensureAvailable();
      const filter = this.#filter(type, namespace, options);
      const cache = this.#cacheFor(type);
      const prefix = this.#prefix(type, namespace);
      const store = this.#deps.etcd.store;
      let revision = store.revision;
      let startKey = "";
      if (options.continue) {
        const token = decodeContinue(options.continue, prefix);
        startKey = token.key;
        if (token.revision > 0) revision = token.revision;
      }
      let kvs: KeyValue[];
      try {
        kvs = revision === store.revision ? store.range(prefix) : store.rangeAt(prefix, revision);
      } catch (error) {
        if (error instanceof CompactedError) {
          // handleCompactedErrorForPaging: a token at revision -1 continues from the latest state.
          const expired = StatusError.gone(INCONSISTENT_CONTINUE);
          (expired.status.metadata as { continue?: string }).continue = encodeContinue(startKey, prefix, -1);
          throw expired;
        }
        throw error;
      }
      const items: T[] = [];
      let lastKey = "";
      let more = false;
      let remaining = 0;
      for (const kv of kvs) {
        if (startKey && kv.key < startKey) continue;
        if (options.limit && items.length >= options.limit) {
          more = true;
          remaining++;
          continue;
        }
        const object = kv.value as KubeObject;
        if (!cache.matches(filter, object)) continue;
        items.push(object as T);
        lastKey = kv.key;
      }
      const result: ListResult<T> = { items, resourceVersion: String(revision) };
      if (more) {
        result.continue = encodeContinue(`${lastKey}\u0000`, prefix, revision);
        // remainingItemCount is only exact (and only sent) without selectors.
        if (!options.labelSelector && !options.fieldSelector) result.remainingItemCount = remaining;
      }
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
        const current = this.#deps.etcd.store.revision;
        if (from > current) {
          // The watch cache waits (3s) for a revision it has not seen, then gives up.
          throw new StatusError({
            message: `Timeout: Too large resource version: ${from}, current: ${current}`,
            reason: "Timeout",
            details: {
              causes: [{ reason: "ResourceVersionTooLarge", message: "Too large resource version" }],
              retryAfterSeconds: 1,
            },
            code: 504,
          });
        }
        let history: StoreEvent[];
        try {
          history = this.#deps.etcd.store.history(this.#prefix(type, namespace), from + 1);
        } catch (error) {
          if (error instanceof CompactedError) {
            // watch_cache.go getAllEventsSinceLocked: the oldest event the window still holds, minus one.
            throw StatusError.gone(`too old resource version: ${from} (${error.compactRevision})`);
          }
          throw error;
        }
        for (const event of history) this.#replay(cache, watcher, event);
      }
      const handle = cache.add(watcher);
      if (!options.allowWatchBookmarks) return handle;
      let timer: TimerHandle | undefined;
      const bookmark = () => {
        if (watcher.stopped) return;
        cache.send(watcher, {
          type: "BOOKMARK",
          object: deepFreeze({
            kind: type.kind,
            apiVersion: apiVersionOf(type),
            metadata: { resourceVersion: String(this.#deps.etcd.store.revision) },
          }) as KubeObject,
        });
        timer = this.#deps.loop.setTimeout(bookmark, BOOKMARK_FREQUENCY_MS);
      };
      timer = this.#deps.loop.setTimeout(bookmark, BOOKMARK_FREQUENCY_MS);
      return {
        stop: () => {
          this.#deps.loop.clearTimeout(timer);
          handle.stop();
        },
      };
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
        const system = (namespace ?? meta.namespace) === "kube-system";
        if (generated) meta.name = this.#generateName(meta.generateName as string, system);
        // FillObjectMetaSystemFields comes before validation (a Job's selector is made from its uid).
        // A uid drawn for a create that then fails is kept for the next create, so failed requests
        // do not shift the uids of later objects.
        if (system) {
          this.#system.pendingUid ??= this.#system.uids.uuid();
          meta.uid = this.#system.pendingUid;
        } else {
          this.#pendingUid ??= this.#uids.uuid();
          meta.uid = this.#pendingUid;
        }
        meta.creationTimestamp = ctx.now;
        this.#validate(type, strategy, object, undefined);
        this.#admit(attributes, "validate");
        if (options.dryRun) return { object: object as T, warnings };
        try {
          const kv = this.#write(type, object, 0);
          this.#observer?.storage?.("create", kv.key, kv.modRevision);
          if (system) this.#system.pendingUid = undefined;
          else this.#pendingUid = undefined;
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
      this.#checkSubresource(type, options.subresource);
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
      this.#checkSubresource(type, options.subresource);
      const current = this.#read(type, namespace, name);
      if (!current) throw StatusError.notFound({ group: type.group, resource: type.plural }, name);
      if (options.subresource === "scale") {
        // The patch applies to the Scale, which then updates spec.replicas.
        const scale = this.#applyPatch(
          SCALE_TYPE,
          scaleOf(current.value as KubeObject) as unknown as KubeObject,
          patchType,
          patch,
        ) as Scale;
        const { subresource: _, ...rest } = options;
        const updated = this.updateScale(user, type, namespace, name, scale, rest);
        return { object: updated as T, warnings: [] };
      }
      const patched = this.#applyPatch(type, current.value as KubeObject, patchType, patch);
      const { object, warnings } = this.#decode(type, namespace, patched, options.fieldValidation);
      return { object: this.#update(user, type, namespace, name, object, options) as T, warnings };
    });
  }

  /**
   * Delete an object as the generic registry store does (store.go `Delete`): preconditions, graceful
   * deletion (BeforeDelete), the garbage collector's `orphan`/`foregroundDeletion` finalizers from
   * the propagation policy, and objects with finalizers kept with a deletionTimestamp until their
   * finalizers are gone. Namespaces are only marked Terminating (their controller empties them).
   */
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
      this.#checkPreconditions(type, existing, options.preconditions);
      this.#admit({ operation: "DELETE", type, namespace, name, oldObject: existing, user });
      if (type.kind === "Namespace")
        return this.#deleteNamespace(type, current, options) as { object: T; deleted: boolean };
      const strategy = strategyFor(type.kind);
      const marked = cloneObject(existing);
      const meta = marked.metadata;
      const { graceful, pending } = this.#beforeDelete(strategy, marked, options);
      // A deletion already under way: only a shorter grace period changes anything.
      if (pending) return { object: existing as T, deleted: false };
      const finalizers = deletionFinalizers(meta.finalizers ?? [], options.propagationPolicy);
      const finalizersChanged = JSON.stringify(finalizers) !== JSON.stringify(meta.finalizers ?? []);
      if (graceful || finalizers.length > 0 || finalizersChanged) {
        if (finalizersChanged) {
          if (finalizers.length > 0) meta.finalizers = finalizers;
          else delete meta.finalizers;
        }
        if (!graceful) {
          // Not graceful but held by finalizers: mark as deleting (markAsDeleting).
          if (finalizers.length === 0)
            return this.#deleteNow(current, existing, options) as { object: T; deleted: boolean };
          if (!meta.deletionTimestamp && (meta.generation ?? 0) > 0)
            meta.generation = (meta.generation ?? 0) + 1;
          if (!meta.deletionTimestamp || Date.parse(meta.deletionTimestamp) > this.#deps.loop.now())
            meta.deletionTimestamp = this.now();
          meta.deletionGracePeriodSeconds = 0;
        }
        if (options.dryRun) return { object: marked as T, deleted: false };
        if (jsonEqual(marked, existing)) return { object: existing as T, deleted: false };
        const kv = this.#write(type, marked, current.modRevision);
        this.#observer?.storage?.("update", kv.key, kv.modRevision);
        if (finalizers.length > 0 || (meta.deletionGracePeriodSeconds ?? 0) > 0)
          return { object: kv.value as T, deleted: false };
        return this.#deleteNow(kv, kv.value as KubeObject, options) as { object: T; deleted: boolean };
      }
      return this.#deleteNow(current, existing, options) as { object: T; deleted: boolean };
    });
  }

  /** Remove the key now (the final step of a deletion). */
  #deleteNow(
    current: KeyValue,
    object: KubeObject,
    options: DeleteOptions,
  ): { object: KubeObject; deleted: boolean } {
    if (options.dryRun) return { object, deleted: true };
    const kv = this.#deps.etcd.store.delete(current.key, { expectModRevision: current.modRevision });
    this.#observer?.storage?.("delete", kv.key, kv.modRevision);
    return { object, deleted: true };
  }

  /** rest.BeforeDelete: preconditions were checked; decide graceful deletion and set its timestamps. */
  #beforeDelete(
    strategy: Strategy,
    object: KubeObject,
    options: DeleteOptions,
  ): { graceful: boolean; pending: boolean } {
    const meta = object.metadata;
    let requested = options.gracePeriodSeconds;
    // Negative values are treated as 1s on the delete path.
    if (requested !== undefined && requested < 0) requested = 1;
    if (!strategy.gracePeriod) return { graceful: false, pending: false };
    if (meta.deletionTimestamp) {
      const current = meta.deletionGracePeriodSeconds;
      if (current === undefined || current === 0) return { graceful: false, pending: false };
      if (requested === undefined || requested >= current) return { graceful: false, pending: true };
      const start = Date.parse(meta.deletionTimestamp) - current * 1000;
      meta.deletionTimestamp = rfc3339(start + requested * 1000);
      meta.deletionGracePeriodSeconds = requested;
      return { graceful: true, pending: false };
    }
    const period = strategy.gracePeriod(object, requested);
    if (period === undefined) return { graceful: false, pending: false };
    meta.deletionTimestamp = rfc3339(this.#deps.loop.now() + period * 1000);
    meta.deletionGracePeriodSeconds = period;
    if ((meta.generation ?? 0) > 0) meta.generation = (meta.generation ?? 0) + 1;
    return { graceful: true, pending: false };
  }

  /** Preconditions of a delete (rest.BeforeDelete wording: the GroupResource is the kind). */
  #checkPreconditions(type: ResourceType, existing: KubeObject, pre: DeleteOptions["preconditions"]): void {
    const name = existing.metadata.name as string;
    const gr = { group: type.group, resource: type.kind };
    if (pre?.uid && pre.uid !== existing.metadata.uid) {
      throw StatusError.conflict(
        gr,
        name,
        `the UID in the precondition (${pre.uid}) does not match the UID in record (${existing.metadata.uid}). The object might have been deleted and then recreated`,
      );
    }
    if (pre?.resourceVersion && pre.resourceVersion !== existing.metadata.resourceVersion) {
      throw StatusError.conflict(
        gr,
        name,
        `the ResourceVersion in the precondition (${pre.resourceVersion}) does not match the ResourceVersion in record (${existing.metadata.resourceVersion}). The object might have been modified`,
      );
    }
  }

  /**
   * Namespace deletion (pkg/registry/core/namespace/storage): the first request marks it
   * Terminating; later ones are refused while `spec.finalizers` remain, and go through the generic
   * store once the namespace controller has finalized it.
   */
  #deleteNamespace(
    type: ResourceType,
    current: KeyValue,
    options: DeleteOptions,
  ): { object: KubeObject; deleted: boolean } {
    const existing = current.value as KubeObject;
    const name = existing.metadata.name as string;
    const specFinalizers = (existing.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [];
    if (!existing.metadata.deletionTimestamp) {
      const marked = cloneObject(existing);
      marked.metadata.deletionTimestamp = this.now();
      (marked as { status?: { phase?: string } }).status = { ...(marked.status ?? {}), phase: "Terminating" };
      const finalizers = deletionFinalizers(marked.metadata.finalizers ?? [], options.propagationPolicy);
      if (finalizers.length > 0) marked.metadata.finalizers = finalizers;
      else delete marked.metadata.finalizers;
      if (options.dryRun) return { object: marked, deleted: false };
      const kv = this.#write(type, marked, current.modRevision);
      this.#observer?.storage?.("update", kv.key, kv.modRevision);
      return { object: kv.value as KubeObject, deleted: false };
    }
    if (specFinalizers.length > 0) {
      throw StatusError.conflict(
        { group: "", resource: "namespaces" },
        name,
        "The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.",
      );
    }
    if ((existing.metadata.finalizers ?? []).length > 0) return { object: existing, deleted: false };
    return this.#deleteNow(current, existing, options);
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

  /**
   * GET the scale subresource (autoscaling/v1 Scale) of a Deployment, ReplicaSet or StatefulSet:
   * `spec.replicas` and the observed `status.replicas` with the selector as a string.
   */
  getScale(user: string, type: ResourceType, namespace: string | undefined, name: string): Scale {
    return this.#handle(user, "get", type, namespace, name, "scale", () => {
      this.#checkSubresource(type, "scale");
      const kv = this.#read(type, namespace, name);
      if (!kv) throw StatusError.notFound({ group: type.group, resource: type.plural }, name);
      return scaleOf(kv.value as KubeObject);
    });
  }

  /**
   * PUT the scale subresource: writes `spec.replicas` of the object (with the Scale's
   * resourceVersion as the precondition), validated as ValidateScale does.
   */
  updateScale(
    user: string,
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    scale: { metadata?: { resourceVersion?: string }; spec?: { replicas?: number } },
    options: WriteOptions = {},
  ): Scale {
    return this.#handle(user, "update", type, namespace, name, "scale", () => {
      this.#checkSubresource(type, "scale");
      const current = this.#read(type, namespace, name);
      if (!current) throw StatusError.notFound({ group: type.group, resource: type.plural }, name);
      const replicas = scale.spec?.replicas ?? 0;
      if (replicas < 0) {
        throw StatusError.invalid({ group: "autoscaling", kind: "Scale" }, name, [
          fieldErrors.invalid("spec.replicas", replicas, "must be greater than or equal to 0"),
        ]);
      }
      const object = cloneObject(current.value as KubeObject) as KubeObject & {
        spec?: { replicas?: number };
      };
      object.spec = { ...(object.spec ?? {}), replicas };
      const requested = scale.metadata?.resourceVersion;
      if (requested) object.metadata.resourceVersion = requested;
      const updated = this.#update(user, type, namespace, name, object, options);
      return scaleOf(updated);
    });
  }

  /**
   * POST pods/eviction (pkg/registry/core/pod/storage/eviction.go): without PodDisruptionBudgets in
   * play every eviction is allowed; the pod gets the DisruptionTarget condition and is deleted with
   * the Eviction's delete options.
   */
  evict(
    user: string,
    namespace: string,
    podName: string,
    eviction: { metadata?: { name?: string }; deleteOptions?: DeleteOptions },
  ): void {
    const pods = this.kinds.forGroupResource("", "pods") as ResourceType;
    this.#handle(user, "create", pods, namespace, podName, "eviction", () => {
      if (eviction.metadata?.name && eviction.metadata.name !== podName)
        throw StatusError.badRequest("name in URL does not match name in Eviction object");
      const current = this.#read(pods, namespace, podName);
      if (!current) throw StatusError.notFound({ group: "", resource: "pods" }, podName);
      const pod = cloneObject(current.value as KubeObject) as KubeObject & {
        status?: { phase?: string; conditions?: Record<string, unknown>[] };
      };
      const terminal = pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
      if (!pod.metadata.deletionTimestamp && !terminal) {
        pod.status ??= {};
        const conditions = pod.status.conditions ?? [];
        if (!conditions.some((c) => c.type === "DisruptionTarget" && c.status === "True")) {
          const others = conditions.filter((c) => c.type !== "DisruptionTarget");
          pod.status.conditions = [
            ...others,
            {
              type: "DisruptionTarget",
              status: "True",
              lastProbeTime: null,
              lastTransitionTime: this.now(),
              reason: "EvictionByEvictionAPI",
              message: "Eviction API: evicting",
            },
          ];
          this.#update(user, pods, namespace, podName, pod, { subresource: "status" });
        }
      }
      const options = eviction.deleteOptions ?? {};
      this.delete(user, pods, namespace, podName, options);
    });
  }

  /**
   * PUT namespaces/{name}/finalize: only `spec.finalizers` changes (FinalizeStrategy); a deleting
   * namespace whose last finalizer goes is removed.
   */
  finalizeNamespace(user: string, namespace: KubeObject): KubeObject {
    const namespaces = this.kinds.forGroupResource("", "namespaces") as ResourceType;
    const name = namespace.metadata.name as string;
    return this.#handle(user, "update", namespaces, undefined, name, "finalize", () => {
      const current = this.#read(namespaces, undefined, name);
      if (!current) throw StatusError.notFound({ group: "", resource: "namespaces" }, name);
      const object = cloneObject(current.value as KubeObject);
      const finalizers = (namespace.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [];
      object.spec = { ...(object.spec ?? {}), finalizers: [...finalizers] };
      if (namespace.metadata.resourceVersion)
        object.metadata.resourceVersion = namespace.metadata.resourceVersion;
      return this.#update(user, namespaces, undefined, name, object, { subresource: "finalize" });
    });
  }

  #checkSubresource(type: ResourceType, subresource: string | undefined): void {
    if (subresource && !type.subresources.includes(subresource))
      throw new StatusError({
        message: "the server could not find the requested resource",
        reason: "NotFound",
        details: {},
        code: 404,
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
    return {
      now: this.now(),
      random: this.#allocatorRandom,
      list: (kind) => {
        const t = this.kinds.all().find((k) => k.kind === kind);
        if (!t) return [];
        return this.#deps.etcd.store.range(this.#prefix(t, undefined)).map((kv) => kv.value as KubeObject);
      },
    };
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
    for (const r of fields.requirements) {
      const problem = fieldLabelError(type, r.field);
      if (problem) throw StatusError.badRequest(problem);
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
    // ObjectMeta's lists and maps are all `omitempty`: empty ones do not survive decoding.
    for (const field of [
      "labels",
      "annotations",
      "ownerReferences",
      "finalizers",
      "managedFields",
    ] as const) {
      const value = object.metadata[field] as unknown;
      if (value === null || (Array.isArray(value) && value.length === 0)) delete object.metadata[field];
      else if (value && typeof value === "object" && Object.keys(value).length === 0)
        delete object.metadata[field];
    }
    const conversionError = strategyFor(type.kind).convert?.(object);
    if (conversionError) throw StatusError.badRequest(prefix + conversionError);
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

  #generateName(base: string, system = false): string {
    const prefix = base.length > 58 ? base.slice(0, 58) : base;
    return prefix + (system ? this.#system.names : this.#names).string(RAND_ALPHABET, 5);
  }

  /**
   * Apply a patch to the stored object (endpoints/handlers/patch.go): JSON merge patch (RFC 7386),
   * JSON patch (RFC 6902) and strategic merge patch driven by the kind's patch metadata.
   */
  #applyPatch(type: ResourceType, current: KubeObject, patchType: PatchType, patch: unknown): unknown {
    const target = cloneObject(current);
    switch (patchType) {
      case "merge":
      case "strategic": {
        if (patch === null || typeof patch !== "object" || Array.isArray(patch)) {
          const found = Array.isArray(patch) ? "array" : patch === null ? "null" : typeof patch;
          throw StatusError.badRequest(
            `json: cannot unmarshal ${found} into Go value of type map[string]interface {}`,
          );
        }
        if (patchType === "merge") return jsonMergePatch.apply(target, patch);
        try {
          return applyStrategicMergePatch(
            target as unknown as JsonMap,
            patch as JsonMap,
            PatchMeta.forModel(type.model),
          );
        } catch (error) {
          if (error instanceof StrategicMergePatchError) throw StatusError.badRequest(error.message);
          throw error;
        }
      }
      case "json": {
        if (!Array.isArray(patch))
          throw StatusError.badRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        const results = applyJsonPatch(target, patch as Operation[]);
        if (results.some((r) => r !== null)) {
          // NewGenericServerResponse(422, ...): the reason is Invalid, the detail is not returned.
          throw new StatusError({
            message: "the server rejected our request due to an error in our request",
            reason: "Invalid",
            details: {},
            code: 422,
          });
        }
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
    // Fields the system owns are carried over from the stored object (rest.BeforeUpdate); a
    // different uid is refused by validation.
    if (!meta.uid) meta.uid = old.metadata.uid as string;
    meta.creationTimestamp = old.metadata.creationTimestamp as string;
    if (old.metadata.deletionTimestamp) meta.deletionTimestamp = old.metadata.deletionTimestamp;
    else delete meta.deletionTimestamp;
    if (old.metadata.deletionGracePeriodSeconds !== undefined)
      meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    else delete meta.deletionGracePeriodSeconds;
    if (old.metadata.generation !== undefined) meta.generation = old.metadata.generation;
    else delete meta.generation;
    if (options.subresource === "finalize") keepStatus(object, old);
    else if (options.subresource === "status") {
      if (strategy.prepareForStatusUpdate) strategy.prepareForStatusUpdate(object, old, ctx);
      else keepSpec(object, old);
    } else if (strategy.prepareForUpdate) strategy.prepareForUpdate(object, old, ctx);
    else if (type.subresources.includes("status")) keepStatus(object, old);
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
        // deleteWithoutFinalizers: the client gets the object it sent, as the update's result.
        return deepFreeze(object);
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
