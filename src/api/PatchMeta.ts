import { PATCH_META } from "./mergeKeys.ts";
import { fieldType } from "./schema.ts";

const ARRAY = /^Array<(.+)>$/;
const MAP = /^\{ \[key: string\]: (.+); \}$/;

/** What a field's patch metadata says: its strategy (`merge`/`replace`/none) and merge key. */
export interface FieldStrategy {
  /** The schema of the field's value (of its elements, for lists). */
  readonly meta: PatchMeta;
  /** `merge` (lists merged by key or as sets) or "" (replace); `retainKeys` is reported apart. */
  readonly strategy: "merge" | "";
  readonly retainKeys: boolean;
  readonly mergeKey: string;
}

/**
 * The patch metadata of one type in the schema (strategicpatch.LookupPatchMeta): walks the
 * generated models of `@kubernetes/client-node` and reads each field's strategy from
 * {@link PATCH_META}. A field the schema does not know has no metadata (maps merge, lists replace).
 *
 * @example
 * ```ts
 * const spec = PatchMeta.forModel("V1Pod").forStruct("spec").meta;
 * spec.forSlice("containers").mergeKey; // "name"
 * ```
 */
export class PatchMeta {
  static readonly none = new PatchMeta(undefined);

  private constructor(readonly model: string | undefined) {}

  static forModel(model: string): PatchMeta {
    return new PatchMeta(model);
  }

  /** The type's name, for error messages. */
  get name(): string {
    return this.model ?? "";
  }

  /** LookupPatchMetadataForStruct: the metadata of a map- or struct-valued field. */
  forStruct(key: string): FieldStrategy {
    return this.#lookup(key, false);
  }

  /** LookupPatchMetadataForSlice: the metadata of a list-valued field; `meta` is its element type. */
  forSlice(key: string): FieldStrategy {
    return this.#lookup(key, true);
  }

  #lookup(key: string, slice: boolean): FieldStrategy {
    const tags = this.model ? PATCH_META[`${this.model}.${key}`] : undefined;
    const strategies = tags?.strategies ?? [];
    let child: PatchMeta = PatchMeta.none;
    if (this.model) {
      // In a map (labels, resource lists) every key has the map's value type.
      const mapValue = MAP.exec(this.model)?.[1];
      const type = mapValue ?? fieldType(this.model, [key]);
      if (type) {
        const element = slice ? ARRAY.exec(type)?.[1] : type;
        if (element) child = new PatchMeta(element);
      }
    }
    return {
      meta: child,
      strategy: strategies.includes("merge") ? "merge" : "",
      retainKeys: strategies.includes("retainKeys"),
      mergeKey: tags?.mergeKey ?? "",
    };
  }
}
