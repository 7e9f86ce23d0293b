import type { FieldError } from "./FieldError.ts";
import { aggregateMessage } from "./FieldError.ts";

/** metav1.StatusReason values kubespec produces. */
export type StatusReason =
  | "BadRequest"
  | "Unauthorized"
  | "Forbidden"
  | "NotFound"
  | "AlreadyExists"
  | "Conflict"
  | "Gone"
  | "Invalid"
  | "Timeout"
  | "ServerTimeout"
  | "TooManyRequests"
  | "MethodNotAllowed"
  | "NotAcceptable"
  | "RequestEntityTooLarge"
  | "UnsupportedMediaType"
  | "InternalError"
  | "ServiceUnavailable"
  | "Expired";

/** A cause inside Status.details (e.g. one invalid field). */
export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

/** The metav1.Status object the apiserver returns for every failure. */
export interface StatusBody {
  kind: "Status";
  apiVersion: "v1";
  metadata: Record<string, never>;
  status: "Failure";
  message: string;
  reason?: StatusReason;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: StatusCause[];
    retryAfterSeconds?: number;
  };
  code: number;
}

/** A group/resource pair as used in error messages (`pods`, `deployments.apps`). */
export interface GroupResource {
  group: string;
  resource: string;
}

function qualified(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

/**
 * An API error carrying a Kubernetes Status body, thrown by the apiserver and printed by kubectl
 * the way real kubectl prints it. Constructors mirror k8s.io/apimachinery/pkg/api/errors.
 *
 * @example
 * ```ts
 * throw StatusError.notFound({ group: "", resource: "pods" }, "nginx");
 * // message: pods "nginx" not found
 * ```
 */
export class StatusError extends Error {
  readonly status: StatusBody;

  constructor(status: Omit<StatusBody, "kind" | "apiVersion" | "metadata" | "status">) {
    super(status.message);
    this.name = "StatusError";
    this.status = { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", ...status };
  }

  get code(): number {
    return this.status.code;
  }

  get reason(): StatusReason | undefined {
    return this.status.reason;
  }

  static notFound(gr: GroupResource, name: string): StatusError {
    return new StatusError({
      message: `${qualified(gr)} "${name}" not found`,
      reason: "NotFound",
      details: { name, ...(gr.group ? { group: gr.group } : {}), kind: gr.resource },
      code: 404,
    });
  }

  static alreadyExists(gr: GroupResource, name: string): StatusError {
    return new StatusError({
      message: `${qualified(gr)} "${name}" already exists`,
      reason: "AlreadyExists",
      details: { name, ...(gr.group ? { group: gr.group } : {}), kind: gr.resource },
      code: 409,
    });
  }

  static conflict(gr: GroupResource, name: string, cause: string): StatusError {
    return new StatusError({
      message: `Operation cannot be fulfilled on ${qualified(gr)} "${name}": ${cause}`,
      reason: "Conflict",
      details: { name, ...(gr.group ? { group: gr.group } : {}), kind: gr.resource },
      code: 409,
    });
  }

  static invalid(
    kind: { group: string; kind: string },
    name: string,
    errors: readonly FieldError[],
  ): StatusError {
    return new StatusError({
      // GroupKind.String(): `Deployment.apps`, or just `Pod` for the core group.
      message: `${kind.kind}${kind.group ? `.${kind.group}` : ""} "${name}" is invalid: ${aggregateMessage(errors)}`,
      reason: "Invalid",
      details: {
        name,
        ...(kind.group ? { group: kind.group } : {}),
        kind: kind.kind,
        causes: errors.map((e) => ({ reason: e.type, message: e.body(), field: e.field })),
      },
      code: 422,
    });
  }

  static badRequest(message: string): StatusError {
    return new StatusError({ message, reason: "BadRequest", code: 400 });
  }

  static forbidden(gr: GroupResource, name: string, cause: string): StatusError {
    return new StatusError({
      message: `${qualified(gr)} "${name}" is forbidden: ${cause}`,
      reason: "Forbidden",
      details: { name, ...(gr.group ? { group: gr.group } : {}), kind: gr.resource },
      code: 403,
    });
  }

  static methodNotSupported(gr: GroupResource, verb: string): StatusError {
    return new StatusError({
      message: `${verb} is not supported on resources of kind "${qualified(gr)}"`,
      reason: "MethodNotAllowed",
      details: { ...(gr.group ? { group: gr.group } : {}), kind: gr.resource },
      code: 405,
    });
  }

  static gone(message: string): StatusError {
    return new StatusError({ message, reason: "Expired", code: 410 });
  }

  static internal(message: string): StatusError {
    return new StatusError({
      message: `Internal error occurred: ${message}`,
      reason: "InternalError",
      details: { causes: [{ message }] },
      code: 500,
    });
  }

  static unavailable(message: string): StatusError {
    return new StatusError({ message, reason: "ServiceUnavailable", code: 503 });
  }

  static timeout(message: string): StatusError {
    return new StatusError({ message, reason: "Timeout", code: 504 });
  }
}

/** Narrow an unknown thrown value to a StatusError. */
export function isStatusError(error: unknown): error is StatusError {
  return error instanceof StatusError;
}
