import { StatusError } from "../../api/StatusError.ts";
import type { Namespace } from "../../api/types.ts";
import type { AdmissionPlugin } from "./AdmissionPlugin.ts";

const IMMORTAL = new Set(["default", "kube-system", "kube-public"]);

/**
 * NamespaceLifecycle (plugin/pkg/admission/namespace/lifecycle): no content in namespaces that do
 * not exist or are terminating, and the system namespaces cannot be deleted.
 */
export const namespaceLifecycle: AdmissionPlugin = {
  name: "NamespaceLifecycle",
  admit(a, ctx) {
    if (a.type.kind === "Namespace") {
      if (a.operation === "DELETE" && a.name && IMMORTAL.has(a.name)) {
        throw StatusError.forbidden(
          { group: "", resource: "namespaces" },
          a.name,
          "this namespace may not be deleted",
        );
      }
      return;
    }
    if (!a.type.namespaced || !a.namespace || a.operation !== "CREATE") return;
    const ns = ctx.get("Namespace", undefined, a.namespace) as Namespace | undefined;
    if (!ns) throw StatusError.notFound({ group: "", resource: "namespaces" }, a.namespace);
    if (ns.status?.phase === "Terminating" && a.type.kind !== "Event") {
      const error = StatusError.forbidden(
        { group: a.type.group, resource: a.type.plural },
        a.object?.metadata.name ?? a.name ?? "",
        `unable to create new content in namespace ${a.namespace} because it is being terminated`,
      );
      // lifecycle/admission.go adds the cause clients look for (NamespaceTerminatingCause).
      if (error.status.details)
        error.status.details.causes = [
          {
            reason: "NamespaceTerminating",
            message: `namespace ${a.namespace} is being terminated`,
            field: "metadata.namespace",
          },
        ];
      throw error;
    }
  },
};
