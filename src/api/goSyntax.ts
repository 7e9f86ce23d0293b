/**
 * Go's `%#v` rendering of the few API structs whose values appear in validation messages
 * (`field is immutable`, `cannot change roleRef`). fmt prints map keys sorted and nil slices and
 * maps as `T(nil)`.
 */
import { GoLiteral } from "./FieldError.ts";

interface LabelSelectorRequirement {
  key?: string;
  operator?: string;
  values?: string[] | null;
}

interface LabelSelector {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: LabelSelectorRequirement[] | null;
}

function quote(value: string): string {
  return JSON.stringify(value);
}

function stringMap(map: Record<string, string> | null | undefined): string {
  if (map === undefined || map === null) return "map[string]string(nil)";
  const entries = Object.keys(map)
    .sort()
    .map((k) => `${quote(k)}:${quote(map[k] as string)}`);
  return `map[string]string{${entries.join(", ")}}`;
}

function stringSlice(values: readonly string[] | null | undefined): string {
  if (values === undefined || values === null) return "[]string(nil)";
  return `[]string{${values.map(quote).join(", ")}}`;
}

/**
 * Renderings of API structs as `%#v` prints them, wrapped as {@link GoLiteral} field-error values.
 *
 * @example
 * ```ts
 * goSyntax.labelSelector({ matchLabels: { app: "web" } }).text;
 * // 'v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}'
 * ```
 */
export const goSyntax = {
  /** A map[string]string (keys sorted; nil prints as `map[string]string(nil)`). */
  stringMap(map: Record<string, string> | null | undefined): GoLiteral {
    return new GoLiteral(stringMap(map));
  },
  /** A *metav1.LabelSelector (field errors dereference pointers); nil prints as `null`. */
  labelSelector(selector: LabelSelector | null | undefined): GoLiteral {
    if (selector === undefined || selector === null) return new GoLiteral("null");
    const expressions =
      selector.matchExpressions === undefined || selector.matchExpressions === null
        ? "[]v1.LabelSelectorRequirement(nil)"
        : `[]v1.LabelSelectorRequirement{${selector.matchExpressions
            .map(
              (r) =>
                `v1.LabelSelectorRequirement{Key:${quote(r.key ?? "")}, Operator:${quote(r.operator ?? "")}, Values:${stringSlice(r.values)}}`,
            )
            .join(", ")}}`;
    return new GoLiteral(
      `v1.LabelSelector{MatchLabels:${stringMap(selector.matchLabels)}, MatchExpressions:${expressions}}`,
    );
  },
  /** An internal rbac.RoleRef. */
  roleRef(ref: { apiGroup?: string; kind?: string; name?: string } | undefined): GoLiteral {
    return new GoLiteral(
      `rbac.RoleRef{APIGroup:${quote(ref?.apiGroup ?? "")}, Kind:${quote(ref?.kind ?? "")}, Name:${quote(ref?.name ?? "")}}`,
    );
  },
};
