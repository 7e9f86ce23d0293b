import type { KubeObject } from "../../api/types.ts";
import { timestampSince } from "../humanDuration.ts";
import { column, type ResourcePrinter } from "./Table.ts";

interface PriorityClass extends KubeObject {
  value?: number;
  globalDefault?: boolean;
  preemptionPolicy?: string;
}

/**
 * printPriorityClass (pkg/printers/internalversion/printers.go). PREEMPTIONPOLICY is a priority-0
 * column, so plain `kubectl get priorityclasses` shows it too (the server always prints wide).
 */
export const priorityClassPrinter: ResourcePrinter<PriorityClass> = {
  columns: [
    column("Name", 0, "string", "name"),
    column("Value", 0, "integer"),
    column("Global-Default", 0, "boolean"),
    column("Age"),
    column("PreemptionPolicy"),
  ],
  row: (pc, { now }) => [
    pc.metadata.name ?? "",
    pc.value ?? 0,
    pc.globalDefault ?? false,
    timestampSince(pc.metadata.creationTimestamp, now),
    pc.preemptionPolicy ?? "",
  ],
};
