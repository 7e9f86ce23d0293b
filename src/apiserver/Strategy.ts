import type { FieldError } from "../api/FieldError.ts";
import type { NameRule } from "../api/objectMeta.ts";
import type { KubeObject } from "../api/types.ts";
import type { SeededRandom } from "../clock/SeededRandom.ts";

/** What a strategy may need from the request (virtual time, the random source). */
export interface StrategyContext {
  /** RFC 3339 time of the request (virtual clock). */
  readonly now: string;
  /** The apiserver's random source for allocations (service IPs and node ports). */
  readonly random?: SeededRandom;
  /** Every stored object of a kind (the allocators rebuild their bitmaps from storage). */
  list?(kind: string): KubeObject[];
}

/**
 * Per-kind behaviour of the generic registry store, as in k8s pkg/registry/<group>/<kind>/strategy.go:
 * create/update preparation, validation, status handling, selectable fields and graceful deletion.
 * Every hook is optional; the generic store supplies the common behaviour.
 *
 * @example
 * ```ts
 * const configMaps: Strategy = { nameRule: "subdomain" };
 * ```
 */
export interface Strategy {
  /** How `metadata.name` is validated. */
  readonly nameRule: NameRule;
  /** Whether the kind has a spec whose changes bump `metadata.generation`. */
  readonly generation?: boolean;
  /** Whether the kind has a status subresource (the main resource then ignores status changes). */
  readonly statusSubresource?: boolean;
  /** Field selector labels supported beyond metadata.name and metadata.namespace. */
  readonly fieldLabels?: readonly string[];
  /**
   * The refusal of an unsupported field selector label, for kinds that register a field label
   * conversion func (without one, only metadata.name and metadata.namespace are accepted and the
   * apiserver's generic message is used).
   */
  fieldLabelError?(label: string): string;
  /**
   * Conversion from the versioned object as decoded (e.g. a Secret's `stringData` merged into
   * `data`); returns the decoder's error message when a value cannot be decoded.
   */
  convert?(object: KubeObject): string | undefined;
  prepareForCreate?(object: KubeObject, ctx: StrategyContext): void;
  prepareForUpdate?(object: KubeObject, old: KubeObject, ctx: StrategyContext): void;
  /** PrepareForUpdate of the status subresource (keeps the old spec). */
  prepareForStatusUpdate?(object: KubeObject, old: KubeObject, ctx: StrategyContext): void;
  validate?(object: KubeObject): FieldError[];
  validateUpdate?(object: KubeObject, old: KubeObject): FieldError[];
  /** Values of the extra field selector labels. */
  fields?(object: KubeObject): Record<string, string>;
  /**
   * Graceful deletion (CheckGracefulDelete): the grace period in seconds to apply, or undefined when
   * the kind deletes immediately.
   */
  gracePeriod?(object: KubeObject, requested: number | undefined): number | undefined;
}
