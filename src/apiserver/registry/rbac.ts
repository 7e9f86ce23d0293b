import { type FieldError, fieldErrors } from "../../api/FieldError.ts";
import { goSyntax } from "../../api/goSyntax.ts";
import { validateName } from "../../api/objectMeta.ts";
import type { KubeObject } from "../../api/types.ts";
import type { Strategy } from "../Strategy.ts";

const RBAC_GROUP = "rbac.authorization.k8s.io";

interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

interface Subject {
  kind?: string;
  apiGroup?: string;
  name?: string;
  namespace?: string;
}

interface RoleRef {
  apiGroup?: string;
  kind?: string;
  name?: string;
}

interface Role extends KubeObject {
  rules?: PolicyRule[];
}

interface Binding extends KubeObject {
  roleRef?: RoleRef;
  subjects?: Subject[];
}

/** validatePolicyRule (pkg/apis/rbac/validation/validation.go). */
function validatePolicyRule(rule: PolicyRule, namespaced: boolean, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if ((rule.verbs ?? []).length === 0)
    errors.push(fieldErrors.required(`${path}.verbs`, "verbs must contain at least one value"));
  const urls = rule.nonResourceURLs ?? [];
  if (urls.length > 0) {
    if (namespaced)
      errors.push(
        fieldErrors.invalid(
          `${path}.nonResourceURLs`,
          urls,
          "namespaced rules cannot apply to non-resource URLs",
        ),
      );
    if (
      (rule.apiGroups ?? []).length > 0 ||
      (rule.resources ?? []).length > 0 ||
      (rule.resourceNames ?? []).length > 0
    )
      errors.push(
        fieldErrors.invalid(
          `${path}.nonResourceURLs`,
          urls,
          "rules cannot apply to both regular resources and non-resource URLs",
        ),
      );
    return errors;
  }
  if ((rule.apiGroups ?? []).length === 0)
    errors.push(
      fieldErrors.required(`${path}.apiGroups`, "resource rules must supply at least one api group"),
    );
  if ((rule.resources ?? []).length === 0)
    errors.push(
      fieldErrors.required(`${path}.resources`, "resource rules must supply at least one resource"),
    );
  if ((rule.resourceNames ?? []).length > 0 && (rule.resources ?? []).length > 1)
    errors.push(
      fieldErrors.required(`${path}.resourceNames`, "resource names cannot apply to multiple resources"),
    );
  return errors;
}

function roleValidator(namespaced: boolean): (object: KubeObject) => FieldError[] {
  return (object) =>
    ((object as Role).rules ?? []).flatMap((rule, i) => validatePolicyRule(rule, namespaced, `rules[${i}]`));
}

/** validateRoleBindingSubject. */
function validateSubject(subject: Subject, namespaced: boolean, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const name = subject.name ?? "";
  if (name === "") errors.push(fieldErrors.required(`${path}.name`));
  switch (subject.kind) {
    case "ServiceAccount":
      if (name !== "")
        for (const msg of validateName("subdomain", name))
          errors.push(fieldErrors.invalid(`${path}.name`, name, msg));
      if (subject.apiGroup) errors.push(fieldErrors.notSupported(`${path}.apiGroup`, subject.apiGroup, [""]));
      if (!namespaced && !subject.namespace) errors.push(fieldErrors.required(`${path}.namespace`));
      break;
    case "User":
    case "Group":
      if (name === "")
        errors.push(
          fieldErrors.invalid(
            `${path}.name`,
            name,
            `${subject.kind === "User" ? "user" : "group"} name cannot be empty`,
          ),
        );
      if (subject.apiGroup !== RBAC_GROUP)
        errors.push(fieldErrors.notSupported(`${path}.apiGroup`, subject.apiGroup ?? "", [RBAC_GROUP]));
      break;
    default:
      errors.push(
        fieldErrors.notSupported(`${path}.kind`, subject.kind ?? "", ["ServiceAccount", "User", "Group"]),
      );
  }
  return errors;
}

function bindingValidator(namespaced: boolean): (object: KubeObject) => FieldError[] {
  return (object) => {
    const binding = object as Binding;
    const ref = binding.roleRef ?? {};
    const errors: FieldError[] = [];
    if (ref.apiGroup !== RBAC_GROUP)
      errors.push(fieldErrors.notSupported("roleRef.apiGroup", ref.apiGroup ?? "", [RBAC_GROUP]));
    const kinds = namespaced ? ["Role", "ClusterRole"] : ["ClusterRole"];
    if (!kinds.includes(ref.kind ?? ""))
      errors.push(fieldErrors.notSupported("roleRef.kind", ref.kind ?? "", kinds));
    if (!ref.name) errors.push(fieldErrors.required("roleRef.name"));
    else
      for (const msg of validateName("path", ref.name))
        errors.push(fieldErrors.invalid("roleRef.name", ref.name, msg));
    (binding.subjects ?? []).forEach((s, i) => {
      errors.push(...validateSubject(s, namespaced, `subjects[${i}]`));
    });
    return errors;
  };
}

function bindingUpdateValidator(namespaced: boolean): (object: KubeObject, old: KubeObject) => FieldError[] {
  const validate = bindingValidator(namespaced);
  return (object, old) => {
    const errors = validate(object);
    const ref = (object as Binding).roleRef;
    if (JSON.stringify(ref ?? {}) !== JSON.stringify((old as Binding).roleRef ?? {}))
      errors.push(fieldErrors.invalid("roleRef", goSyntax.roleRef(ref), "cannot change roleRef"));
    return errors;
  };
}

/** Roles (pkg/registry/rbac/role; names are path segments). */
export const roleStrategy: Strategy = { nameRule: "path", validate: roleValidator(true) };
/** ClusterRoles. */
export const clusterRoleStrategy: Strategy = { nameRule: "path", validate: roleValidator(false) };
/** RoleBindings: the roleRef may never change. */
export const roleBindingStrategy: Strategy = {
  nameRule: "path",
  validate: bindingValidator(true),
  validateUpdate: bindingUpdateValidator(true),
};
/** ClusterRoleBindings. */
export const clusterRoleBindingStrategy: Strategy = {
  nameRule: "path",
  validate: bindingValidator(false),
  validateUpdate: bindingUpdateValidator(false),
};
