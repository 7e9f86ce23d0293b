/**
 * Column alignment as Go's text/tabwriter does it with kubectl's settings (minwidth 6, padding 3,
 * pad char ' ', cli-runtime printers.GetNewTabWriter): every tab-terminated cell is padded to the
 * widest cell of its column plus 3 (at least 6); the last cell of a line is written as is.
 *
 * @example
 * ```ts
 * formatTabbed(["NAME\tAGE", "nginx\t5s"]);
 * // "NAME    AGE\nnginx   5s\n"
 * ```
 */
export function formatTabbed(lines: readonly string[], minWidth = 6, padding = 3): string {
  const rows = lines.map((line) => line.split("\t"));
  // Column widths are computed per block of consecutive lines that have a cell in that column.
  const widths: number[][] = rows.map((r) => new Array(Math.max(0, r.length - 1)).fill(0));
  const maxColumns = Math.max(0, ...rows.map((r) => r.length - 1));
  for (let column = 0; column < maxColumns; column++) {
    let start = 0;
    while (start < rows.length) {
      if ((rows[start] as string[]).length - 1 <= column) {
        start++;
        continue;
      }
      let end = start;
      let width = minWidth;
      while (end < rows.length && (rows[end] as string[]).length - 1 > column) {
        width = Math.max(width, displayWidth((rows[end] as string[])[column] as string) + padding);
        end++;
      }
      for (let i = start; i < end; i++) (widths[i] as number[])[column] = width;
      start = end;
    }
  }
  let out = "";
  rows.forEach((cells, i) => {
    cells.forEach((cell, column) => {
      if (column < cells.length - 1)
        out +=
          cell + " ".repeat(Math.max(0, ((widths[i] as number[])[column] as number) - displayWidth(cell)));
      else out += cell;
    });
    out += "\n";
  });
  return out;
}

/** Width in runes, as tabwriter counts (UTF-8 characters). */
function displayWidth(text: string): number {
  return [...text].length;
}
