import type { KubeObject } from "../../api/types.ts";
import type { Strategy } from "../Strategy.ts";

/**
 * etcd keeps objects as protobuf, where an empty repeated field and a missing one are the same:
 * an EndpointSlice stored with `endpoints: []` reads back with a nil slice, which encoding/json
 * writes as `null` (the field has no omitempty in discovery/v1 types.go).
 */
function storedAsProtobuf(object: KubeObject): void {
  const slice = object as KubeObject & { endpoints?: unknown[] | null };
  if (Array.isArray(slice.endpoints) && slice.endpoints.length === 0) slice.endpoints = null;
}

/**
 * EndpointSlices (pkg/registry/discovery/endpointslice/strategy.go).
 *
 * @example
 * ```ts
 * endpointSliceStrategy.prepareForCreate?.(slice, ctx); // endpoints: [] → endpoints: null
 * ```
 */
export const endpointSliceStrategy: Strategy = {
  nameRule: "subdomain",
  prepareForCreate: storedAsProtobuf,
  prepareForUpdate: storedAsProtobuf,
};
