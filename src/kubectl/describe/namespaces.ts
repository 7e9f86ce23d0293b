/**
 * `kubectl describe` for Namespace and ServiceAccount (staging/src/k8s.io/kubectl/pkg/describe/
 * describe.go, v1.32: describeNamespace, describeServiceAccount).
 */
import type { INamespace } from "kubernetes-models/v1/Namespace";
import type { ISecret } from "kubernetes-models/v1/Secret";
import type { IServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import type { KubeObject } from "../../api/types.ts";
import type { Client } from "../../client/Client.ts";
import type { Describer } from "../commands/describe.ts";
import { describeEvents } from "./events.ts";
import {
  LEVEL_0,
  LEVEL_1,
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
  rfc1123z,
} from "./PrefixWriter.ts";

/**
 * The objects of a resource in a namespace; a resource the simulation does not serve yet
 * (ResourceQuota, LimitRange) lists as empty, as it would on a fresh real cluster.
 */
function listIfServed(client: Client, resource: string, namespace: string): KubeObject[] {
  if (!client.kinds.forResourceName(resource)) return [];
  return client.resource(resource).list(namespace).items;
}

const describeNamespace: Describer = (object, _events, _now, context) => {
  const ns = object as unknown as INamespace;
  const w = new PrefixWriter();
  w.write(LEVEL_0, "Name:\t%s\n", ns.metadata?.name);
  printLabelsMultiline(w, "Labels", ns.metadata?.labels);
  printAnnotationsMultiline(w, "Annotations", ns.metadata?.annotations);
  w.write(LEVEL_0, "Status:\t%s\n", ns.status?.phase ?? "");
  const conditions = ns.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(LEVEL_0, "Conditions:\n");
    w.write(LEVEL_1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n");
    w.write(LEVEL_1, "----\t------\t------------------\t------\t-------\n");
    for (const c of conditions)
      w.write(
        LEVEL_1,
        "%v\t%v\t%s\t%v\t%v\n",
        c.type,
        c.status,
        rfc1123z(c.lastTransitionTime),
        c.reason ?? "",
        c.message ?? "",
      );
  }
  const name = ns.metadata?.name as string;
  // DescribeResourceQuotas / DescribeLimitRanges (quota and limit-range details are not simulated).
  w.write(LEVEL_0, "\n");
  if (listIfServed(context.client, "resourcequotas", name).length === 0)
    w.write(LEVEL_0, "No resource quota.\n");
  w.write(LEVEL_0, "\n");
  if (listIfServed(context.client, "limitranges", name).length === 0)
    w.write(LEVEL_0, "No LimitRange resource.\n");
  return w.toString();
};

const describeServiceAccount: Describer = (object, events, now, context) => {
  const sa = object as unknown as IServiceAccount;
  const namespace = sa.metadata?.namespace as string;
  const secrets = listIfServed(context.client, "secrets", namespace) as unknown as ISecret[];
  const existing = new Set(secrets.map((s) => s.metadata?.name));
  const tokens = secrets.filter(
    (s) =>
      s.type === "kubernetes.io/service-account-token" &&
      s.metadata?.annotations?.["kubernetes.io/service-account.name"] === sa.metadata?.name &&
      s.metadata?.annotations?.["kubernetes.io/service-account.uid"] === sa.metadata?.uid,
  );
  const w = new PrefixWriter();
  w.write(LEVEL_0, "Name:\t%s\n", sa.metadata?.name);
  w.write(LEVEL_0, "Namespace:\t%s\n", namespace);
  printLabelsMultiline(w, "Labels", sa.metadata?.labels);
  printAnnotationsMultiline(w, "Annotations", sa.metadata?.annotations);
  // Sorted by header, the headers padded to one width as describe.go spells them.
  const sections: [string, string[]][] = [
    ["Image pull secrets:", (sa.imagePullSecrets ?? []).map((s) => s.name ?? "")],
    ["Mountable secrets: ", (sa.secrets ?? []).map((s) => s.name ?? "")],
    ["Tokens:            ", tokens.map((s) => s.metadata?.name ?? "")],
  ];
  for (const [header, names] of sections) {
    if (names.length === 0) {
      w.write(LEVEL_0, "%s\t<none>\n", header);
      continue;
    }
    let prefix = header;
    for (const name of names) {
      w.write(LEVEL_0, "%s\t%s\n", prefix, existing.has(name) ? name : `${name} (not found)`);
      prefix = "                   ";
    }
  }
  if (context.showEvents) describeEvents(events, w, now);
  return w.toString();
};

/**
 * The Namespace and ServiceAccount describers, registered by `kubectl describe`.
 *
 * @example
 * ```ts
 * namespaceDescribers.Namespace(namespace, [], now, { client, showEvents: true });
 * ```
 */
export const namespaceDescribers: Readonly<Record<string, Describer>> = {
  Namespace: describeNamespace,
  ServiceAccount: describeServiceAccount,
};
