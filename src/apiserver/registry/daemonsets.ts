import type { Strategy } from "../Strategy.ts";
import { validateSelectorAndTemplate, workloadStrategy } from "./workloadValidation.ts";

/** DaemonSets (pkg/registry/apps/daemonset/strategy.go). */
export const daemonSetStrategy: Strategy = workloadStrategy((object) =>
  validateSelectorAndTemplate(object.spec as never, "daemonset"),
);
