import assert from "node:assert/strict";
import { test } from "node:test";
import { humanDuration } from "./humanDuration.ts";
import { formatTabbed } from "./tabwriter.ts";

test("kubectl table alignment: min width 6, padding 3, last cell unpadded", () => {
  assert.equal(formatTabbed(["NAME\tAGE", "nginx\t5s"]), "NAME    AGE\nnginx   5s\n");
  assert.equal(formatTabbed(["A\tB\tC", "a\tb\tc"]), "A     B     C\na     b     c\n");
  assert.equal(formatTabbed(["long-name-here\tx"]), "long-name-here   x\n");
});

test("columns align per block of lines that have them", () => {
  assert.equal(
    formatTabbed(["Name:\tx", "Namespace:\ty", "plain", "IP:\tz"], 0, 2),
    "Name:       x\nNamespace:  y\nplain\nIP:  z\n",
  );
});

test("HumanDuration", () => {
  const s = 1000;
  const cases: [number, string][] = [
    [-5 * s, "<invalid>"],
    [0, "0s"],
    [119 * s, "119s"],
    [120 * s, "2m"],
    [150 * s, "2m30s"],
    [10 * 60 * s, "10m"],
    [179 * 60 * s, "179m"],
    [3 * 3600 * s, "3h"],
    [(3 * 3600 + 25 * 60) * s, "3h25m"],
    [8 * 3600 * s, "8h"],
    [47 * 3600 * s, "47h"],
    [(2 * 24 + 5) * 3600 * s, "2d5h"],
    [30 * 24 * 3600 * s, "30d"],
    [(3 * 365 + 20) * 24 * 3600 * s, "3y20d"],
    [9 * 365 * 24 * 3600 * s, "9y"],
  ];
  for (const [millis, text] of cases) assert.equal(humanDuration(millis), text, `${millis}`);
});
