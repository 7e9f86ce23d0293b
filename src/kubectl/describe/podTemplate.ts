import type { LabelSelectorStruct } from "../../api/labels.ts";
import type { Pod } from "../../api/types.ts";
import { formatLabelSelector } from "../printers/workloads.ts";
import {
  LEVEL_0,
  LEVEL_1,
  type PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from "./PrefixWriter.ts";
import { describeContainers, describeVolumes, printTolerations } from "./pods.ts";

/** A pod template as workloads carry it. */
export interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Pod["spec"];
}

type TopologySpreadConstraint = NonNullable<NonNullable<Pod["spec"]>["topologySpreadConstraints"]>[number];

/** describeTopologySpreadConstraints: `key:WhenUnsatisfiable when max skew N is exceeded[ for selector S]`. */
function describeTopologySpreadConstraints(
  constraints: readonly TopologySpreadConstraint[],
  w: PrefixWriter,
  space: string,
): void {
  if (constraints.length === 0) return;
  const sorted = [...constraints].sort((a, b) =>
    a.topologyKey < b.topologyKey ? -1 : a.topologyKey > b.topologyKey ? 1 : 0,
  );
  w.write(LEVEL_0, "%sTopology Spread Constraints:\t", space);
  sorted.forEach((c, i) => {
    if (i !== 0) w.write(LEVEL_0, "%s\t", space);
    let text = `${c.topologyKey}:${c.whenUnsatisfiable} when max skew ${c.maxSkew} is exceeded`;
    if (c.labelSelector)
      text += ` for selector ${formatLabelSelector(c.labelSelector as LabelSelectorStruct)}`;
    w.write(LEVEL_0, "%s\n", text);
  });
}

/**
 * DescribePodTemplate (staging/src/k8s.io/kubectl/pkg/describe/describe.go): the `Pod Template:`
 * block of `kubectl describe deployment|replicaset|daemonset|statefulset|job|cronjob`, also printed
 * by `kubectl rollout history --revision=N`.
 *
 * @example
 * ```ts
 * const w = new PrefixWriter();
 * describePodTemplate(deployment.spec.template, w);
 * w.toString(); // "Pod Template:\n  Labels:  app=web\n  Containers:\n   nginx:\n..."
 * ```
 */
export function describePodTemplate(template: PodTemplate | undefined, w: PrefixWriter): void {
  w.write(LEVEL_0, "Pod Template:\n");
  if (!template) {
    w.write(LEVEL_1, "<unset>");
    return;
  }
  const spec = template.spec;
  printLabelsMultiline(w, "  Labels", template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0)
    printAnnotationsMultiline(w, "  Annotations", template.metadata?.annotations);
  if (spec?.serviceAccountName) w.write(LEVEL_1, "Service Account:\t%s\n", spec.serviceAccountName);
  if ((spec?.initContainers ?? []).length > 0)
    describeContainers("Init Containers", spec?.initContainers ?? [], [], w, "  ");
  describeContainers("Containers", spec?.containers ?? [], [], w, "  ");
  describeVolumes(spec?.volumes ?? [], w, "  ");
  describeTopologySpreadConstraints(spec?.topologySpreadConstraints ?? [], w, "  ");
  if (spec?.priorityClassName) w.write(LEVEL_1, "Priority Class Name:\t%s\n", spec.priorityClassName);
  printLabelsMultiline(w, "  Node-Selectors", spec?.nodeSelector);
  printTolerations(w, spec?.tolerations ?? [], "  Tolerations");
}
