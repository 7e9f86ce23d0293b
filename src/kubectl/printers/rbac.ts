import type { KubeObject } from "../../api/types.ts";
import { timestampSince } from "../humanDuration.ts";
import { column, type ResourcePrinter } from "./Table.ts";

interface Subject {
  kind?: string;
  name?: string;
  namespace?: string;
}

interface Binding extends KubeObject {
  roleRef?: { kind?: string; name?: string };
  subjects?: Subject[];
}

/**
 * rbac.SubjectsStrings (pkg/apis/rbac/helpers.go): user names, group names and service accounts as
 * `namespace/name`.
 */
export function subjectsStrings(subjects: readonly Subject[]): {
  users: string[];
  groups: string[];
  serviceAccounts: string[];
} {
  const users: string[] = [];
  const groups: string[] = [];
  const serviceAccounts: string[] = [];
  for (const s of subjects) {
    if (s.kind === "ServiceAccount") serviceAccounts.push(`${s.namespace ?? ""}/${s.name ?? ""}`);
    else if (s.kind === "User") users.push(s.name ?? "");
    else if (s.kind === "Group") groups.push(s.name ?? "");
  }
  return { users, groups, serviceAccounts };
}

function bindingPrinter(kind: "roleBinding" | "clusterRoleBinding"): ResourcePrinter<Binding> {
  return {
    columns: [
      column("Name", 0, "string", "name"),
      column("Role"),
      column("Age"),
      { ...column("Users", 1), description: `Users in the ${kind}` },
      { ...column("Groups", 1), description: `Groups in the ${kind}` },
      { ...column("ServiceAccounts", 1), description: `ServiceAccounts in the ${kind}` },
    ],
    row(b, { now }) {
      const { users, groups, serviceAccounts } = subjectsStrings(b.subjects ?? []);
      return [
        b.metadata.name ?? "",
        `${b.roleRef?.kind ?? ""}/${b.roleRef?.name ?? ""}`,
        timestampSince(b.metadata.creationTimestamp, now),
        users.join(", "),
        groups.join(", "),
        serviceAccounts.join(", "),
      ];
    },
  };
}

/** printRoleBinding (pkg/printers/internalversion/printers.go): ROLE is `Kind/name`. */
export const roleBindingPrinter = bindingPrinter("roleBinding");

/** printClusterRoleBinding. */
export const clusterRoleBindingPrinter = bindingPrinter("clusterRoleBinding");
