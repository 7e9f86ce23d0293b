/**
 * Server-side printers of the workload kinds (pkg/printers/internalversion/printers.go, v1.32):
 * Deployment, ReplicaSet, DaemonSet, StatefulSet, Job, CronJob and ControllerRevision, with the
 * CONTAINERS / IMAGES / SELECTOR columns of `-o wide`.
 */
import { type LabelSelectorStruct, selectorFromLabelSelector } from "../../api/labels.ts";
import type { KubeObject, Pod } from "../../api/types.ts";
import { humanDuration, timestampSince } from "../humanDuration.ts";
import { column, type ResourcePrinter, type TableColumn } from "./Table.ts";

interface Workload extends KubeObject {
  spec?: {
    replicas?: number;
    selector?: LabelSelectorStruct;
    template?: { spec?: Pod["spec"] };
    completions?: number;
    parallelism?: number;
    schedule?: string;
    timeZone?: string;
    suspend?: boolean;
    jobTemplate?: { spec?: { template?: { spec?: Pod["spec"] }; selector?: LabelSelectorStruct } };
  };
  status?: Record<string, unknown> & { conditions?: { type: string; status: string }[] };
}

const age = (o: KubeObject, now: number) => timestampSince(o.metadata.creationTimestamp, now);
const num = (o: Workload, field: string) => Number(o.status?.[field] ?? 0);

/** metav1.FormatLabelSelector. */
export function formatLabelSelector(selector: LabelSelectorStruct | undefined): string {
  try {
    const text = selectorFromLabelSelector(selector ?? null)?.toString() ?? "";
    return text || "<none>";
  } catch {
    return "<error>";
  }
}

/** layoutContainerCells: names and images joined by commas. */
function containerCells(spec: Pod["spec"] | undefined): [string, string] {
  const containers = spec?.containers ?? [];
  return [containers.map((c) => c.name).join(","), containers.map((c) => c.image ?? "").join(",")];
}

const WIDE: TableColumn[] = [column("Containers", 1), column("Images", 1), column("Selector", 1)];

/** printDeployment. */
export const deploymentPrinter: ResourcePrinter<Workload> = {
  columns: [
    column("Name", 0, "string", "name"),
    column("Ready"),
    column("Up-to-date", 0, "integer"),
    column("Available", 0, "integer"),
    column("Age"),
    ...WIDE,
  ],
  row(d, { now }) {
    const [names, images] = containerCells(d.spec?.template?.spec);
    return [
      d.metadata.name ?? "",
      `${num(d, "readyReplicas")}/${d.spec?.replicas ?? 0}`,
      num(d, "updatedReplicas"),
      num(d, "availableReplicas"),
      age(d, now),
      names,
      images,
      formatLabelSelector(d.spec?.selector),
    ];
  },
};

/** printReplicaSet. */
export const replicaSetPrinter: ResourcePrinter<Workload> = {
  columns: [
    column("Name", 0, "string", "name"),
    column("Desired", 0, "integer"),
    column("Current", 0, "integer"),
    column("Ready", 0, "integer"),
    column("Age"),
    ...WIDE,
  ],
  row(rs, { now }) {
    const [names, images] = containerCells(rs.spec?.template?.spec);
    return [
      rs.metadata.name ?? "",
      rs.spec?.replicas ?? 0,
      num(rs, "replicas"),
      num(rs, "readyReplicas"),
      age(rs, now),
      names,
      images,
      formatLabelSelector(rs.spec?.selector),
    ];
  },
};

/** printDaemonSet. */
export const daemonSetPrinter: ResourcePrinter<Workload> = {
  columns: [
    column("Name", 0, "string", "name"),
    column("Desired", 0, "integer"),
    column("Current", 0, "integer"),
    column("Ready", 0, "integer"),
    column("Up-to-date", 0, "integer"),
    column("Available", 0, "integer"),
    column("Node Selector"),
    column("Age"),
    ...WIDE,
  ],
  row(ds, { now }) {
    const [names, images] = containerCells(ds.spec?.template?.spec);
    const nodeSelector = Object.entries(ds.spec?.template?.spec?.nodeSelector ?? {})
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k}=${v}`)
      .join(",");
    return [
      ds.metadata.name ?? "",
      num(ds, "desiredNumberScheduled"),
      num(ds, "currentNumberScheduled"),
      num(ds, "numberReady"),
      num(ds, "updatedNumberScheduled"),
      num(ds, "numberAvailable"),
      nodeSelector || "<none>",
      age(ds, now),
      names,
      images,
      formatLabelSelector(ds.spec?.selector),
    ];
  },
};

/** printStatefulSet. */
export const statefulSetPrinter: ResourcePrinter<Workload> = {
  columns: [
    column("Name", 0, "string", "name"),
    column("Ready"),
    column("Age"),
    column("Containers", 1),
    column("Images", 1),
  ],
  row(sts, { now }) {
    const [names, images] = containerCells(sts.spec?.template?.spec);
    return [
      sts.metadata.name ?? "",
      `${num(sts, "readyReplicas")}/${sts.spec?.replicas ?? 0}`,
      age(sts, now),
      names,
      images,
    ];
  },
};

const has = (o: Workload, type: string) =>
  (o.status?.conditions ?? []).some((c) => c.type === type && c.status === "True");

/** The Job STATUS column. */
export function jobStatus(job: Workload): string {
  if (has(job, "Complete")) return "Complete";
  if (has(job, "Failed")) return "Failed";
  if (job.metadata.deletionTimestamp) return "Terminating";
  if (has(job, "Suspended")) return "Suspended";
  if (has(job, "FailureTarget")) return "FailureTarget";
  if (has(job, "SuccessCriteriaMet")) return "SuccessCriteriaMet";
  return "Running";
}

/** printJob. */
export const jobPrinter: ResourcePrinter<Workload> = {
  columns: [
    column("Name", 0, "string", "name"),
    column("Status"),
    column("Completions"),
    column("Duration"),
    column("Age"),
    ...WIDE,
  ],
  row(job, { now }) {
    const [names, images] = containerCells(job.spec?.template?.spec);
    const succeeded = num(job, "succeeded");
    const completions =
      job.spec?.completions !== undefined
        ? `${succeeded}/${job.spec.completions}`
        : `${succeeded}/1 of ${job.spec?.parallelism ?? 1}`;
    const start = job.status?.startTime as string | undefined;
    const end = job.status?.completionTime as string | undefined;
    const duration = start ? humanDuration((end ? Date.parse(end) : now) - Date.parse(start)) : "";
    return [
      job.metadata.name ?? "",
      jobStatus(job),
      completions,
      duration,
      age(job, now),
      names,
      images,
      formatLabelSelector(job.spec?.selector),
    ];
  },
};

/** printCronJob. */
export const cronJobPrinter: ResourcePrinter<Workload> = {
  columns: [
    column("Name", 0, "string", "name"),
    column("Schedule"),
    column("Timezone"),
    column("Suspend", 0, "boolean"),
    column("Active", 0, "integer"),
    column("Last Schedule"),
    column("Age"),
    ...WIDE,
  ],
  row(cj, { now }) {
    const [names, images] = containerCells(cj.spec?.jobTemplate?.spec?.template?.spec);
    const last = cj.status?.lastScheduleTime as string | undefined;
    return [
      cj.metadata.name ?? "",
      cj.spec?.schedule ?? "",
      cj.spec?.timeZone ?? "<none>",
      cj.spec?.suspend ? "True" : "False",
      ((cj.status?.active as unknown[] | undefined) ?? []).length,
      last ? timestampSince(last, now) : "<none>",
      age(cj, now),
      names,
      images,
      formatLabelSelector(cj.spec?.jobTemplate?.spec?.selector),
    ];
  },
};

/** printControllerRevision. */
export const controllerRevisionPrinter: ResourcePrinter<KubeObject> = {
  columns: [
    column("Name", 0, "string", "name"),
    column("Controller"),
    column("Revision", 0, "integer"),
    column("Age"),
  ],
  row(cr, { now }) {
    const ref = cr.metadata.ownerReferences?.find((r) => r.controller);
    const controller = ref
      ? `${ref.kind.toLowerCase()}.${ref.apiVersion.split("/")[0]}/${ref.name}`
      : "<none>";
    return [cr.metadata.name ?? "", controller, Number(cr.revision ?? 0), age(cr, now)];
  },
};
