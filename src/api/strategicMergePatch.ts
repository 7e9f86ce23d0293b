/**
 * Strategic merge patch, as k8s.io/apimachinery/pkg/util/strategicpatch applies and computes it:
 * lists with a merge key are merged element by element, lists of scalars with the `merge`
 * strategy are merged as sets, everything else is replaced; the directives `$patch`
 * (`replace`/`delete`/`merge`), `$retainKeys`, `$deleteFromPrimitiveList/<field>` and
 * `$setElementOrder/<field>` are honoured. The structure (which fields merge, and by which key)
 * comes from {@link PatchMeta}.
 */
import type { PatchMeta } from "./PatchMeta.ts";

/** A JSON value as decoded from a request body. */
export type Json = null | boolean | number | string | Json[] | JsonMap;
/** A JSON object. */
export type JsonMap = { [key: string]: Json };

const DIRECTIVE = "$patch";
const RETAIN_KEYS = "$retainKeys";
const DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";
const SET_ELEMENT_ORDER = "$setElementOrder";

/** A patch the algorithm cannot apply; the message is strategicpatch's / mergepatch's. */
export class StrategicMergePatchError extends Error {
  override name = "StrategicMergePatchError";
}

interface MergeOptions {
  /** Apply `$deleteFromPrimitiveList` and `$setElementOrder` (false when merging two patches). */
  mergeParallelList: boolean;
  /** Nulls for keys the original lacks are dropped instead of kept. */
  ignoreUnmatchedNulls: boolean;
}

interface DiffOptions {
  setElementOrder?: boolean;
  ignoreChangesAndAdditions?: boolean;
  ignoreDeletions?: boolean;
  buildRetainKeysDirective?: boolean;
}

function isMap(value: unknown): value is JsonMap {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function kindOf(value: unknown): "map" | "slice" | "scalar" | "null" {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "slice";
  if (typeof value === "object") return "map";
  return "scalar";
}

/** reflect.TypeOf equality for decoded JSON (string, float64, bool, map, slice, nil). */
function sameType(a: unknown, b: unknown): boolean {
  const ka = kindOf(a);
  if (ka !== kindOf(b)) return false;
  return ka !== "scalar" || typeof a === typeof b;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Go's `%v` of a decoded JSON value (used for the order of merge keys and scalars). */
function goString(value: unknown): string {
  if (value === null || value === undefined) return "<nil>";
  if (typeof value === "string") return value;
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function noMergeKey(map: JsonMap, key: string): StrategicMergePatchError {
  return new StrategicMergePatchError(`map: ${goMapString(map)} does not contain declared merge key: ${key}`);
}

function goMapString(map: JsonMap): string {
  return `map[${Object.keys(map)
    .sort()
    .map((k) => `${k}:${goString(map[k])}`)
    .join(" ")}]`;
}

// ---- applying a patch ----

/** Remove directive maps and keys from a value being copied in from the patch (removeDirectives). */
function removeDirectives(value: Json): { value: Json; keep: boolean } {
  if (isMap(value)) {
    if (DIRECTIVE in value) return { value: null, keep: false };
    const out: JsonMap = {};
    for (const [k, v] of Object.entries(value)) {
      const r = removeDirectives(v);
      if (r.keep) out[k] = r.value;
    }
    return { value: out, keep: true };
  }
  if (Array.isArray(value)) {
    const out: Json[] = [];
    for (const v of value) {
      const r = removeDirectives(v);
      if (r.keep) out.push(r.value);
    }
    return { value: out, keep: true };
  }
  return { value, keep: true };
}

function discardNulls(value: Json): Json {
  if (isMap(value)) {
    const out: JsonMap = {};
    for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = discardNulls(v);
    return out;
  }
  if (Array.isArray(value)) return value.map(discardNulls);
  return value;
}

function extractKey(key: string, prefix: string): string {
  const slash = key.indexOf("/");
  if (slash < 0 || key.slice(0, slash) !== prefix) {
    if (prefix === DELETE_FROM_PRIMITIVE_LIST)
      throw new StrategicMergePatchError("invalid patch format of primitive list");
    throw new StrategicMergePatchError("invalid patch format of setElementOrder list");
  }
  return key.slice(slash + 1);
}

function applyRetainKeys(original: JsonMap, patch: JsonMap, options: MergeOptions): void {
  if (!(RETAIN_KEYS in patch)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!options.mergeParallelList) {
    if (RETAIN_KEYS in original && !deepEqual(original[RETAIN_KEYS], retain))
      throw new StrategicMergePatchError(
        `${goString(original[RETAIN_KEYS])} and ${goString(retain)} are not deep equal: this may happen when calculating the 3-way diff patch`,
      );
    original[RETAIN_KEYS] = retain as Json;
    return;
  }
  if (!Array.isArray(retain)) throw new StrategicMergePatchError("invalid patch format of retainKeys");
  const keep = new Set(retain.map((v) => v as unknown));
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(k)) throw new StrategicMergePatchError("invalid patch format of retainKeys");
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

function indexIn(list: readonly Json[], value: Json, mergeKey: string, maps: boolean): number {
  const of = (item: Json) => (maps ? (isMap(item) ? item[mergeKey] : undefined) : item);
  const wanted = of(value);
  return list.findIndex((item) => of(item) === wanted);
}

/** normalizeSliceOrder: stable-sort by position in `order`; `$patch: delete` items go last. */
function normalizeSliceOrder(items: Json[], order: readonly Json[], mergeKey: string, maps: boolean): Json[] {
  let toSort = items;
  let toDelete: Json[] = [];
  if (maps) {
    for (const list of [items, order]) {
      for (const item of list) {
        if (!isMap(item))
          throw new StrategicMergePatchError(`expected a map, but received a ${kindOf(item)}`);
        if (!(mergeKey in item)) throw noMergeKey(item, mergeKey);
      }
    }
    toSort = items.filter((v) => !(isMap(v) && v[DIRECTIVE] === "delete"));
    toDelete = items.filter((v) => isMap(v) && v[DIRECTIVE] === "delete");
  }
  // sort.SliceStable with Go's less: items not in `order` count as "less" than anything.
  const sorted = [...toSort];
  for (let i = 1; i < sorted.length; i++) {
    const item = sorted[i] as Json;
    let j = i - 1;
    while (j >= 0 && less(item, sorted[j] as Json)) {
      sorted[j + 1] = sorted[j] as Json;
      j--;
    }
    sorted[j + 1] = item;
  }
  return [...sorted, ...toDelete];

  function less(a: Json, b: Json): boolean {
    const ia = indexIn(order, a, mergeKey, maps);
    if (ia >= 0) {
      const ib = indexIn(order, b, mergeKey, maps);
      if (ib >= 0) return ia < ib;
    }
    return true;
  }
}

/** mergeSortedSlice: interleave server-only items with patch items by the server's order. */
function mergeSorted(
  left: Json[],
  right: Json[],
  serverOrder: readonly Json[],
  mergeKey: string,
  maps: boolean,
): Json[] {
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++] as Json);
    else if (j >= right.length) out.push(left[i++] as Json);
    else {
      const li = indexIn(serverOrder, left[i] as Json, mergeKey, maps);
      const ri = indexIn(serverOrder, right[j] as Json, mergeKey, maps);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++] as Json);
      else out.push(right[j++] as Json);
    }
  }
  return out;
}

function normalizeElementOrder(
  patchItems: Json[],
  serverOnly: Json[],
  patchOrder: readonly Json[],
  serverOrder: readonly Json[],
  mergeKey: string,
  maps: boolean,
): Json[] {
  const p = normalizeSliceOrder(patchItems, patchOrder, mergeKey, maps);
  const s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, maps);
  return mergeSorted(s, p, serverOrder, mergeKey, maps);
}

function partition(
  merged: Json[],
  by: readonly Json[],
  mergeKey: string,
): { inPatch: Json[]; serverOnly: Json[] } {
  const inPatch: Json[] = [];
  const serverOnly: Json[] = [];
  for (const v of merged) {
    let found: boolean;
    if (mergeKey) {
      if (!isMap(v)) throw new StrategicMergePatchError(`expected a map, but received a ${kindOf(v)}`);
      if (!(mergeKey in v)) throw noMergeKey(v, mergeKey);
      found = by.some((b) => isMap(b) && b[mergeKey] === v[mergeKey]);
    } else {
      found = by.some((b) => b === v);
    }
    (found ? inPatch : serverOnly).push(v);
  }
  return { inPatch, serverOnly };
}

function elementsAreMaps(...lists: readonly Json[][]): boolean {
  let kind: string | undefined;
  for (const list of lists) {
    for (const v of list) {
      const k = isMap(v) ? "map" : Array.isArray(v) ? "slice" : typeof v;
      if (kind === undefined) kind = k;
      else if (kind !== k)
        throw new StrategicMergePatchError(`no unique type for the elements of the list: ${kind} and ${k}`);
    }
  }
  if (kind === "slice") throw new StrategicMergePatchError("lists of lists are not supported");
  return kind === "map";
}

function mergeSlice(
  original: Json[],
  patch: Json[],
  meta: PatchMeta,
  mergeKey: string,
  options: MergeOptions,
  isDeleteList: boolean,
): Json[] {
  if (original.length === 0 && patch.length === 0) return original;
  const maps = elementsAreMaps(original, patch);
  let merged: Json[];
  let base = original;
  let additions = patch;
  if (!maps) {
    if (options.mergeParallelList && isDeleteList) return original.filter((v) => !patch.some((d) => d === v));
    merged = [];
    for (const v of [...original, ...patch]) if (!merged.some((m) => m === v)) merged.push(v);
  } else {
    if (!mergeKey)
      throw new StrategicMergePatchError(`cannot merge lists without merge key for ${meta.name}`);
    // Elements carrying $patch: delete remove their match; $patch: replace replaces the list.
    let replace = false;
    const plain: Json[] = [];
    for (const v of patch) {
      const m = v as JsonMap;
      const directive = m[DIRECTIVE];
      if (directive === undefined) plain.push(v);
      else if (directive === "delete") {
        if (!(mergeKey in m)) throw noMergeKey(m, mergeKey);
        base = base.filter((o) => !(isMap(o) && o[mergeKey] === m[mergeKey]));
      } else if (directive === "replace") replace = true;
      else if (directive === "merge")
        throw new StrategicMergePatchError("merging lists cannot yet be specified in the patch");
      else
        throw new StrategicMergePatchError(
          `unknown patch type: ${goString(directive)} in map: ${goMapString(m)}`,
        );
    }
    if (replace) {
      base = plain;
      additions = [];
    } else additions = plain;
    merged = [...base];
    for (const v of additions) {
      const m = v as JsonMap;
      if (!(mergeKey in m)) throw noMergeKey(m, mergeKey);
      const at = merged.findIndex((o) => isMap(o) && o[mergeKey] === m[mergeKey]);
      if (at >= 0) merged[at] = mergeMap(structuredClone(merged[at] as JsonMap), m, meta, options);
      else merged.push(v);
    }
    original = base;
    patch = additions;
  }
  const { inPatch, serverOnly } = partition(merged, patch, maps ? mergeKey : "");
  return normalizeElementOrder(inPatch, serverOnly, patch, original, maps ? mergeKey : "", maps);
}

function applySetElementOrder(
  original: JsonMap,
  patch: JsonMap,
  meta: PatchMeta,
  options: MergeOptions,
): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[key];
    if (!options.mergeParallelList) {
      if (key in original) {
        if (!deepEqual(original[key], order))
          throw new StrategicMergePatchError("invalid patch format of setElementOrder list");
      } else original[key] = order as Json;
    }
    delete patch[key];
    if (!Array.isArray(order))
      throw new StrategicMergePatchError(`expected a []interface {}, but received a ${kindOf(order)}`);
    const field = extractKey(key, SET_ELEMENT_ORDER);
    const originalList = original[field];
    const patchList = patch[field];
    const foundOriginal = field in original;
    const foundPatch = field in patch;
    if (foundOriginal && !Array.isArray(originalList))
      throw new StrategicMergePatchError(`expected a []interface {}, but received a ${kindOf(originalList)}`);
    if (foundPatch && !Array.isArray(patchList))
      throw new StrategicMergePatchError(`expected a []interface {}, but received a ${kindOf(patchList)}`);
    const lookup = meta.forSlice(field);
    let merged: Json[];
    if (foundOriginal && !foundPatch) merged = originalList as Json[];
    else if (!foundOriginal && foundPatch) {
      const r = removeDirectives(patchList as Json);
      if (!r.keep) continue;
      merged = r.value as Json[];
    } else if (foundOriginal && foundPatch) {
      merged =
        lookup.strategy === "merge"
          ? mergeSlice(
              originalList as Json[],
              patchList as Json[],
              lookup.meta,
              lookup.mergeKey,
              options,
              false,
            )
          : (patchList as Json[]);
    } else continue;
    const maps = elementsAreMaps(
      (originalList as Json[] | undefined) ?? [],
      (patchList as Json[] | undefined) ?? [],
    );
    const { inPatch, serverOnly } = partition(merged, order, maps ? lookup.mergeKey : "");
    original[field] = normalizeElementOrder(
      inPatch,
      serverOnly,
      order,
      (originalList as Json[] | undefined) ?? [],
      maps ? lookup.mergeKey : "",
      maps,
    );
    delete patch[field];
  }
}

function mergeMap(original: JsonMap, patch: JsonMap, meta: PatchMeta, options: MergeOptions): JsonMap {
  if (DIRECTIVE in patch) {
    const directive = patch[DIRECTIVE];
    if (directive === "replace") {
      const { [DIRECTIVE]: _, ...rest } = patch;
      return rest;
    }
    if (directive === "delete") return {};
    throw new StrategicMergePatchError(
      `unknown patch type: ${goString(directive)} in map: ${goMapString(patch)}`,
    );
  }
  applyRetainKeys(original, patch, options);
  applySetElementOrder(original, patch, meta, options);
  for (let [key, patchValue] of Object.entries(patch)) {
    let isDeleteList = false;
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      if (!options.mergeParallelList) {
        original[key] = patchValue;
        continue;
      }
      key = extractKey(key, DELETE_FROM_PRIMITIVE_LIST);
      isDeleteList = true;
    }
    if (patchValue === null) {
      delete original[key];
      if (options.ignoreUnmatchedNulls) continue;
    }
    if (!(key in original) || !sameType(original[key], patchValue)) {
      if (!isDeleteList) {
        const r = removeDirectives(options.ignoreUnmatchedNulls ? discardNulls(patchValue) : patchValue);
        if (r.keep) original[key] = r.value;
        else delete original[key];
      }
      continue;
    }
    const current = original[key] as Json;
    if (isMap(current)) {
      const lookup = meta.forStruct(key);
      original[key] = mergeMap(current, patchValue as JsonMap, lookup.meta, options);
    } else if (Array.isArray(current)) {
      const lookup = meta.forSlice(key);
      original[key] =
        lookup.strategy === "merge" || isDeleteList
          ? mergeSlice(current, patchValue as Json[], lookup.meta, lookup.mergeKey, options, isDeleteList)
          : (patchValue as Json[]);
    } else {
      const r = removeDirectives(patchValue);
      if (r.keep) original[key] = r.value;
      else delete original[key];
    }
  }
  return original;
}

/**
 * Apply a strategic merge patch to an object (StrategicMergeMapPatchUsingLookupPatchMeta). Neither
 * argument is modified.
 *
 * @example
 * ```ts
 * const pod = { spec: { containers: [{ name: "a", image: "nginx" }, { name: "b", image: "redis" }] } };
 * applyStrategicMergePatch(pod, { spec: { containers: [{ name: "b", image: "redis:7" }] } }, PatchMeta.forModel("V1Pod"));
 * // containers: a (nginx), b (redis:7)
 * ```
 */
export function applyStrategicMergePatch(original: JsonMap, patch: JsonMap, meta: PatchMeta): JsonMap {
  return mergeMap(structuredClone(original), structuredClone(patch), meta, {
    mergeParallelList: true,
    ignoreUnmatchedNulls: true,
  });
}

// ---- computing a patch ----

function diffLists(
  original: Json[],
  modified: Json[],
  meta: PatchMeta,
  mergeKey: string,
  options: DiffOptions,
): { add: Json[]; del: Json[]; order: Json[] } {
  if (original.length === 0) {
    if (modified.length === 0 || options.ignoreChangesAndAdditions) return { add: [], del: [], order: [] };
    return { add: modified, del: [], order: [] };
  }
  const maps = elementsAreMaps(original, modified);
  if (maps) {
    const keyOf = (m: Json) => {
      if (!isMap(m)) throw new StrategicMergePatchError(`expected a map, but received a ${kindOf(m)}`);
      if (!(mergeKey in m)) throw noMergeKey(m, mergeKey);
      return goString(m[mergeKey]);
    };
    const sortByKey = (l: Json[]) => [...l].sort((a, b) => compareStrings(keyOf(a), keyOf(b)));
    const os = sortByKey(original);
    const ms = sortByKey(modified);
    let add: Json[] = [];
    const del: Json[] = [];
    let i = 0;
    let j = 0;
    while (i < os.length || j < ms.length) {
      const ok = i < os.length ? keyOf(os[i] as Json) : undefined;
      const mk = j < ms.length ? keyOf(ms[j] as Json) : undefined;
      if (ok !== undefined && mk !== undefined && ok === mk) {
        const p = diffMaps(os[i] as JsonMap, ms[j] as JsonMap, meta, options);
        if (Object.keys(p).length > 0) {
          p[mergeKey] = (ms[j] as JsonMap)[mergeKey] as Json;
          add.push(p);
        }
        i++;
        j++;
      } else if (ok === undefined || (mk !== undefined && ok > mk)) {
        if (!options.ignoreChangesAndAdditions) add.push(ms[j] as Json);
        j++;
      } else {
        if (!options.ignoreDeletions)
          del.push({ [mergeKey]: (os[i] as JsonMap)[mergeKey] as Json, [DIRECTIVE]: "delete" });
        i++;
      }
    }
    add = normalizeSliceOrder(add, modified, mergeKey, true);
    const sameOrder =
      original.length === modified.length &&
      modified.every((m, k) => (original[k] as JsonMap)[mergeKey] === (m as JsonMap)[mergeKey]);
    add = [...add, ...del];
    let order: Json[] = [];
    if (
      options.setElementOrder &&
      ((!options.ignoreChangesAndAdditions && (add.length > 0 || !sameOrder)) ||
        (!options.ignoreDeletions && add.length > 0))
    ) {
      order = modified.map((m) => ({ [mergeKey]: (m as JsonMap)[mergeKey] as Json }));
    }
    return { add, del: [], order };
  }
  // Lists of scalars merged as sets: compare sorted string forms.
  const os = [...original].sort((a, b) => compareStrings(goString(a), goString(b)));
  const ms = [...modified].sort((a, b) => compareStrings(goString(a), goString(b)));
  let add: Json[] = [];
  const del: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < os.length || j < ms.length) {
    const o = i < os.length ? goString(os[i]) : undefined;
    const m = j < ms.length ? goString(ms[j]) : undefined;
    if (o !== undefined && m !== undefined && o === m) {
      i++;
      j++;
    } else if (o === undefined || (m !== undefined && o > m)) {
      if (!options.ignoreChangesAndAdditions) add.push(ms[j] as Json);
      j++;
    } else {
      if (!options.ignoreDeletions && !del.some((d) => d === os[i])) del.push(os[i] as Json);
      i++;
    }
  }
  add = normalizeSliceOrder(add, modified, "", false);
  let order: Json[] = [];
  if (
    options.setElementOrder &&
    ((!options.ignoreDeletions && del.length > 0) ||
      (!options.ignoreChangesAndAdditions && !deepEqual(original, modified)))
  ) {
    order = modified;
  }
  return { add, del, order };
}

function diffMaps(original: JsonMap, modified: JsonMap, meta: PatchMeta, options: DiffOptions): JsonMap {
  const patch: JsonMap = {};
  const retainKeys: string[] = [];
  for (const [key, modifiedValue] of Object.entries(modified)) {
    if (options.buildRetainKeysDirective && modifiedValue !== null) retainKeys.push(key);
    if (!(key in original)) {
      if (!options.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    const originalValue = original[key] as Json;
    if (key === DIRECTIVE) {
      if (typeof originalValue !== "string" || typeof modifiedValue !== "string")
        throw new StrategicMergePatchError(`invalid value for special key: ${DIRECTIVE}`);
      if (originalValue !== modifiedValue) patch[DIRECTIVE] = modifiedValue;
      continue;
    }
    if (!sameType(originalValue, modifiedValue)) {
      if (!options.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    if (isMap(originalValue)) {
      const lookup = meta.forStruct(key);
      const child = diffMaps(originalValue, modifiedValue as JsonMap, lookup.meta, {
        ...options,
        buildRetainKeysDirective: lookup.retainKeys,
      });
      if (Object.keys(child).length > 0) patch[key] = child;
    } else if (Array.isArray(originalValue)) {
      const lookup = meta.forSlice(key);
      if (lookup.strategy === "merge") {
        const { add, del, order } = diffLists(
          originalValue,
          modifiedValue as Json[],
          lookup.meta,
          lookup.mergeKey,
          {
            ...options,
            buildRetainKeysDirective: lookup.retainKeys,
          },
        );
        if (add.length > 0) patch[key] = add;
        if (del.length > 0) patch[`${DELETE_FROM_PRIMITIVE_LIST}/${key}`] = del;
        if (order.length > 0) patch[`${SET_ELEMENT_ORDER}/${key}`] = order;
      } else if (!options.ignoreChangesAndAdditions && !deepEqual(originalValue, modifiedValue)) {
        patch[key] = modifiedValue;
      }
    } else if (!options.ignoreChangesAndAdditions && !deepEqual(originalValue, modifiedValue)) {
      patch[key] = modifiedValue;
    }
  }
  if (!options.ignoreDeletions) {
    for (const key of Object.keys(original)) if (!(key in modified)) patch[key] = null;
  }
  const newField = Object.entries(original).some(([k, v]) => v !== null && !(k in modified));
  if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || newField)) {
    patch[RETAIN_KEYS] = retainKeys.sort(compareStrings);
  }
  return patch;
}

/**
 * CreateTwoWayMergePatch: the patch that turns `original` into `modified` (with
 * `$setElementOrder`), as `kubectl edit` and `kubectl label` compute it.
 *
 * @example
 * ```ts
 * createTwoWayMergePatch({ metadata: { labels: { a: "1" } } }, { metadata: { labels: { a: "2" } } }, meta);
 * // { metadata: { labels: { a: "2" } } }
 * ```
 */
export function createTwoWayMergePatch(original: JsonMap, modified: JsonMap, meta: PatchMeta): JsonMap {
  return diffMaps(original, modified, meta, { setElementOrder: true });
}

/**
 * CreateThreeWayMergePatch (overwrite = true), as `kubectl apply` uses it: additions and changes
 * from `current` to `modified`, plus deletions of fields that were in the last applied `original`
 * but are no longer in `modified`.
 *
 * @example
 * ```ts
 * createThreeWayMergePatch({ a: 1, b: 2 }, { a: 1 }, { a: 1, b: 2, c: 3 }, meta); // { b: null }
 * ```
 */
export function createThreeWayMergePatch(
  original: JsonMap,
  modified: JsonMap,
  current: JsonMap,
  meta: PatchMeta,
): JsonMap {
  const delta = diffMaps(current, modified, meta, { ignoreDeletions: true, setElementOrder: true });
  const deletions = diffMaps(original, modified, meta, {
    setElementOrder: true,
    ignoreChangesAndAdditions: true,
  });
  return mergeMap(deletions, delta, meta, { mergeParallelList: false, ignoreUnmatchedNulls: false });
}
