import type { Namespace } from "../../api/types.ts";
import type { Strategy } from "../Strategy.ts";
import { keepSpec, keepStatus } from "./specStatus.ts";

/** Namespaces (pkg/registry/core/namespace/strategy.go). */
export const namespaceStrategy: Strategy = {
  nameRule: "label",
  statusSubresource: true,
  fieldLabelError: (label) => `field label not supported: ${label}`,
  fieldLabels: ["status.phase"],
  prepareForCreate(object) {
    const ns = object as unknown as Namespace;
    ns.status = { phase: "Active" };
    const finalizers = ns.spec?.finalizers ?? [];
    ns.spec = {
      ...(ns.spec ?? {}),
      finalizers: finalizers.includes("kubernetes") ? finalizers : [...finalizers, "kubernetes"],
    };
  },
  prepareForUpdate(object, old) {
    keepStatus(object, old);
    const ns = object as unknown as Namespace;
    ns.spec = (old as unknown as Namespace).spec ?? {};
  },
  prepareForStatusUpdate: keepSpec,
  fields: (object) => ({ "status.phase": (object as unknown as Namespace).status?.phase ?? "" }),
};
