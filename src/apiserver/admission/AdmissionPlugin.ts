import type { ResourceType } from "../../api/kinds.ts";
import type { KubeObject } from "../../api/types.ts";
import type { SeededRandom } from "../../clock/SeededRandom.ts";

/** The request an admission plugin sees (admission.Attributes). */
export interface AdmissionAttributes {
  readonly operation: "CREATE" | "UPDATE" | "DELETE";
  readonly type: ResourceType;
  readonly subresource?: string | undefined;
  readonly namespace?: string | undefined;
  readonly name?: string | undefined;
  /** The object being written; mutating plugins change it in place. */
  readonly object?: KubeObject;
  readonly oldObject?: KubeObject;
  readonly user: string;
}

/** What plugins may read: stored objects (the informer caches of a real apiserver) and randomness. */
export interface AdmissionContext {
  get(kind: string, namespace: string | undefined, name: string): KubeObject | undefined;
  /** Every stored object of a kind (all namespaces). */
  list(kind: string): KubeObject[];
  readonly random: SeededRandom;
}

/**
 * One admission plugin. `admit` mutates or rejects (throws a StatusError).
 *
 * @example
 * ```ts
 * const noop: AdmissionPlugin = { name: "AlwaysAdmit", admit() {} };
 * ```
 */
export interface AdmissionPlugin {
  readonly name: string;
  admit(attributes: AdmissionAttributes, ctx: AdmissionContext): void;
  /** Validating admission: runs after the object passed the kind's validation. */
  validate?(attributes: AdmissionAttributes, ctx: AdmissionContext): void;
}
