import type { Pod, Toleration } from "../../api/types.ts";
import type { AdmissionPlugin } from "./AdmissionPlugin.ts";

/** The default `tolerationSeconds` (kube-apiserver --default-not-ready-toleration-seconds / -unreachable-). */
export const DEFAULT_TOLERATION_SECONDS = 300;

const TAINTS = ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"];

/**
 * DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds): every new pod tolerates
 * the not-ready and unreachable NoExecute taints for 300 s unless it already says otherwise.
 */
export const defaultTolerationSeconds: AdmissionPlugin = {
  name: "DefaultTolerationSeconds",
  admit(a) {
    if (a.type.kind !== "Pod" || a.operation !== "CREATE" || a.subresource || !a.object) return;
    const pod = a.object as unknown as Pod;
    if (!pod.spec) return;
    const tolerations: Toleration[] = pod.spec.tolerations ?? [];
    const tolerates = (key: string) =>
      tolerations.some(
        (t) =>
          (t.operator === "Exists" && !t.key) || (t.key === key && (t.effect === "NoExecute" || !t.effect)),
      );
    const added = TAINTS.filter((key) => !tolerates(key)).map(
      (key): Toleration => ({
        key,
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: DEFAULT_TOLERATION_SECONDS,
      }),
    );
    if (added.length > 0) pod.spec.tolerations = [...tolerations, ...added];
  },
};
