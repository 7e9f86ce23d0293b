import type { Strategy } from "../Strategy.ts";
import { nonNegative, validateSelectorAndTemplate, workloadStrategy } from "./workloadValidation.ts";

/** ReplicaSets (pkg/registry/apps/replicaset/strategy.go; the empty-selector text says "deployment" there too). */
export const replicaSetStrategy: Strategy = workloadStrategy((object) => [
  ...validateSelectorAndTemplate(object.spec as never, "deployment"),
  ...nonNegative(
    "spec.minReadySeconds",
    (object.spec as { minReadySeconds?: number } | undefined)?.minReadySeconds,
  ),
]);
