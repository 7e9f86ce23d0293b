/**
 * Taint and toleration matching (k8s.io/api/core/v1 toleration.go, component-helpers
 * scheduling/corev1), shared by the scheduler, the taint-eviction controller and DaemonSets.
 */
import type { Taint, Toleration } from "./types.ts";

/** Toleration.ToleratesTaint. */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch ((toleration.operator ?? "") as string) {
    case "":
    case "Equal":
      return (toleration.value ?? "") === (taint.value ?? "");
    case "Exists":
      return true;
    default:
      return false;
  }
}

/** Whether any toleration tolerates the taint. */
export function tolerationsTolerateTaint(
  tolerations: readonly Toleration[] | undefined,
  taint: Taint,
): boolean {
  return (tolerations ?? []).some((t) => toleratesTaint(t, taint));
}

/**
 * The first taint (with one of `effects`) that the tolerations do not tolerate
 * (FindMatchingUntoleratedTaint).
 */
export function findUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  effects: readonly string[],
): Taint | undefined {
  return (taints ?? []).find(
    (taint) => effects.includes(taint.effect) && !tolerationsTolerateTaint(tolerations, taint),
  );
}

/** `key=value:Effect` (or `key:Effect`), as kubectl prints a taint. */
export function taintString(taint: Taint): string {
  return taint.value ? `${taint.key}=${taint.value}:${taint.effect}` : `${taint.key}:${taint.effect}`;
}
