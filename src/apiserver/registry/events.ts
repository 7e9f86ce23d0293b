import type { Event } from "../../api/types.ts";
import type { Strategy } from "../Strategy.ts";

/** Events (pkg/registry/core/event/strategy.go); selectable by what they are about. */
export const eventStrategy: Strategy = {
  nameRule: "subdomain",
  fieldLabelError: (label) => `field label not supported: ${label}`,
  fieldLabels: [
    "involvedObject.kind",
    "involvedObject.namespace",
    "involvedObject.name",
    "involvedObject.uid",
    "involvedObject.apiVersion",
    "involvedObject.resourceVersion",
    "involvedObject.fieldPath",
    "reason",
    "reportingComponent",
    "source",
    "type",
  ],
  fields(object) {
    const e = object as unknown as Event;
    return {
      "involvedObject.kind": e.involvedObject?.kind ?? "",
      "involvedObject.namespace": e.involvedObject?.namespace ?? "",
      "involvedObject.name": e.involvedObject?.name ?? "",
      "involvedObject.uid": e.involvedObject?.uid ?? "",
      "involvedObject.apiVersion": e.involvedObject?.apiVersion ?? "",
      "involvedObject.resourceVersion": e.involvedObject?.resourceVersion ?? "",
      "involvedObject.fieldPath": e.involvedObject?.fieldPath ?? "",
      reason: e.reason ?? "",
      reportingComponent: e.reportingComponent ?? "",
      source: e.source?.component ?? "",
      type: e.type ?? "",
    };
  },
};
