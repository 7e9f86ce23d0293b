/**
 * Shaping API objects into what the REST API returns: lists, metav1.Table (the server-side
 * printing kubectl asks for), watch events, and Status bodies.
 */
import { apiVersionOf, type ResourceType } from "../api/kinds.ts";
import { StatusError } from "../api/StatusError.ts";
import type { KubeObject } from "../api/types.ts";
import { buildTable } from "../kubectl/printers/index.ts";

/** `includeObject` of Table requests. */
export type IncludeObject = "None" | "Metadata" | "Object";

/** A list response (`PodList`); items carry no apiVersion/kind, as typed lists are encoded. */
export function listBody(
  type: ResourceType,
  items: readonly KubeObject[],
  resourceVersion: string,
  next?: string,
): object {
  return {
    kind: `${type.kind}List`,
    apiVersion: apiVersionOf(type),
    metadata: { resourceVersion, ...(next ? { continue: next } : {}) },
    items: items.map(({ apiVersion: _a, kind: _k, ...rest }) => rest),
  };
}

function rowObject(object: KubeObject, include: IncludeObject): object | undefined {
  if (include === "None") return undefined;
  if (include === "Object") return object;
  return { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: object.metadata };
}

/**
 * A metav1.Table of objects, built by the same printers as the built-in kubectl.
 *
 * @example
 * ```ts
 * tableBody(pods, [pod], { now, includeObject: "Metadata", resourceVersion: "12" }).rows[0].cells;
 * ```
 */
export function tableBody(
  type: ResourceType,
  objects: readonly KubeObject[],
  options: {
    now: number;
    includeObject: IncludeObject;
    resourceVersion: string;
    continue?: string;
    headers?: boolean;
  },
): { kind: "Table"; apiVersion: string; metadata: object; columnDefinitions: object[]; rows: object[] } {
  const table = buildTable(type.kind, objects, { now: options.now, wide: true });
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: {
      resourceVersion: options.resourceVersion,
      ...(options.continue ? { continue: options.continue } : {}),
    },
    columnDefinitions:
      options.headers === false
        ? []
        : table.columns.map((c) => ({
            name: c.name,
            type: c.type,
            format: c.format ?? "",
            description: c.description ?? "",
            priority: c.priority,
          })),
    rows: table.rows.map((row) => {
      const object = rowObject(row.object as KubeObject, options.includeObject);
      return { cells: row.cells, ...(object ? { object } : {}) };
    }),
  };
}

/** The Status body of a failure (any thrown value becomes one; unknown errors are internal). */
export function statusOf(error: unknown): StatusError {
  if (error instanceof StatusError) return error;
  return StatusError.internal(error instanceof Error ? error.message : String(error));
}

/** A success Status (what create-only subresources such as binding and eviction return). */
export function successStatus(code: number, details?: object): object {
  return {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Success",
    ...(details ? { details } : {}),
    code,
  };
}

/** The generic Status for a path no route serves (NewGenericServerResponse 404). */
export function notFoundStatus(): StatusError {
  return new StatusError({
    message: "the server could not find the requested resource",
    reason: "NotFound",
    details: {},
    code: 404,
  });
}

/** The generic Status for a method a route does not allow (NewGenericServerResponse 405). */
export function methodNotAllowedStatus(): StatusError {
  return new StatusError({
    message: "the server does not allow this method on the requested resource",
    reason: "MethodNotAllowed",
    details: {},
    code: 405,
  });
}
