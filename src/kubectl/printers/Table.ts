/**
 * metav1.Table, as the apiserver returns it for `Accept: application/json;as=Table` and as kubectl
 * prints it. Printers build these; kubectl and the HTTP server share them.
 */

/** A column definition (metav1.TableColumnDefinition). */
export interface TableColumn {
  name: string;
  type: "string" | "integer" | "number" | "boolean" | "date";
  format?: string;
  description?: string;
  /** 0: always shown; 1: shown with `-o wide`. */
  priority: number;
}

/** A row (metav1.TableRow). */
export interface TableRow {
  cells: (string | number | boolean)[];
  object?: unknown;
}

/** A table of rows for one resource. */
export interface Table {
  columns: TableColumn[];
  rows: TableRow[];
}

/** What a printer gets besides the object. */
export interface PrintOptions {
  /** Virtual now, in ms, for AGE columns. */
  now: number;
  wide: boolean;
}

/** Builds the table rows of one kind (the server-side printer of a resource). */
export interface ResourcePrinter<T = unknown> {
  columns: TableColumn[];
  row(object: T, options: PrintOptions): (string | number | boolean)[];
}

/** Shorthand for a column. */
export function column(
  name: string,
  priority = 0,
  type: TableColumn["type"] = "string",
  format?: string,
): TableColumn {
  return { name, type, priority, ...(format ? { format } : {}) };
}
