import assert from "node:assert/strict";
import { test } from "node:test";
import { compareYamlKeys, toGoJson, toGoYaml } from "./goYaml.ts";

test("keys sort as yaml.v2 sorts them", () => {
  const keys = ["b", "a10", "a9", "A", "_x", "a"];
  assert.deepEqual([...keys].sort(compareYamlKeys), ["_x", "A", "a", "a9", "a10", "b"]);
});

test("quoting: ambiguous scalars double-quoted, unplain ones single-quoted", () => {
  assert.equal(
    toGoYaml({
      a: "1234",
      b: "True",
      c: "2025-03-01T09:00:00Z",
      d: "*",
      e: "a: b",
      f: "",
      g: "plain text",
      h: "yes",
      i: null,
      j: true,
      k: 3,
    }),
    'a: "1234"\nb: "True"\nc: "2025-03-01T09:00:00Z"\nd: \'*\'\ne: \'a: b\'\nf: ""\ng: plain text\nh: "yes"\ni: null\nj: true\nk: 3\n',
  );
});

test("indentless sequences, flow empties and literal blocks", () => {
  assert.equal(
    toGoYaml({
      spec: { containers: [{ name: "a", ports: [{ containerPort: 80 }] }], e: {}, l: [] },
      s: "line1\nline2\n",
      t: "no newline\nend",
    }),
    "s: |\n  line1\n  line2\nspec:\n  containers:\n  - name: a\n    ports:\n    - containerPort: 80\n  e: {}\n  l: []\nt: |-\n  no newline\n  end\n",
  );
});

test("long scalars fold at a space after column 80", () => {
  const message =
    "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.";
  assert.equal(
    toGoYaml({ status: { message } }),
    "status:\n  message: '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane:\n    }, 2 Insufficient cpu.'\n",
  );
});

test("JSON as kubectl -o json prints it", () => {
  assert.equal(
    toGoJson({ b: 1, a: { c: "<&>" } }),
    '{\n    "a": {\n        "c": "\\u003c\\u0026\\u003e"\n    },\n    "b": 1\n}\n',
  );
});
