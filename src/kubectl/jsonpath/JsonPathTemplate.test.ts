import assert from "node:assert/strict";
import { test } from "node:test";
import { JsonPathError, JsonPathTemplate } from "./JsonPathTemplate.ts";

const list = {
  kind: "List",
  items: [
    { metadata: { name: "a", labels: { "app.kubernetes.io/name": "web", tier: "<front>" } }, spec: { n: 1 } },
    { metadata: { name: "b" }, spec: { n: 2.5 } },
  ],
};

const run = (template: string, data: unknown = list) => new JsonPathTemplate(template).execute(data);

test("several results are separated by spaces; text and quoted text are printed as they are", () => {
  assert.equal(run('names: {.items[*].metadata.name}{"\\n"}'), "names: a b\n");
  assert.equal(run('{.items[*].spec.n}{"\\t"}{"\\x41\\101"}'), "1 2.5\tAA");
});

test("range … end repeats its body for each result, nested ranges too", () => {
  assert.equal(run('{range .items[*]}{.metadata.name}{"\\n"}{end}'), "a\nb\n");
  assert.equal(run("{range .items[*]}[{range .metadata.labels.*}x{end}]{end}"), "[xx][]");
  assert.equal(run("{range .items[*]}{.metadata.name}"), "ab");
});

test("maps and lists print as Go's compact JSON: sorted keys, HTML characters escaped", () => {
  assert.equal(
    run("{.items[0].metadata.labels}"),
    '{"app.kubernetes.io/name":"web","tier":"\\u003cfront\\u003e"}',
  );
});

test("escaped dots, quoted keys, negative indexes, filters and missing keys", () => {
  assert.equal(run("{.items[0].metadata.labels.app\\.kubernetes\\.io/name}"), "web");
  assert.equal(run("{.items[0].metadata.labels['app.kubernetes.io/name']}"), "web");
  assert.equal(run("{.items[-1].metadata.name}"), "b");
  assert.equal(run('{.items[?(@.metadata.name=="b")].spec.n}'), "2.5");
  assert.equal(run("{.items[*].nope}{.nope.deeper}"), "");
  assert.equal(run("{..name}"), "a b");
});

test("parse errors carry client-go's messages", () => {
  const parseError = (template: string) => {
    try {
      new JsonPathTemplate(template);
    } catch (error) {
      assert.ok(error instanceof JsonPathError);
      return error.message;
    }
    return "no error";
  };
  assert.equal(parseError("{.items[0"), "unterminated array");
  assert.equal(parseError("{.items"), "unclosed action");
  assert.equal(parseError('{"abc}'), "unterminated quoted string");
  assert.equal(parseError("{.a,.b}"), "unrecognized character in action: U+002C ','");
  assert.equal(parseError('{"\\q"}'), 'unquote string "\\q" error invalid syntax');
});

test("execution errors: an end outside a range, an unknown identifier", () => {
  assert.throws(() => run("{end}"), /not in range, nothing to end/);
  assert.throws(() => run("{foo}"), /unrecognized identifier foo/);
});

test("as JSON, every text and action prints its results as an indented array", () => {
  const asJson = new JsonPathTemplate("x{.items[*].metadata.name}{.nope}", true).execute(list);
  assert.equal(asJson, '[\n    "x"\n]\n[\n    "a",\n    "b"\n]\n[]\n');
  assert.equal(
    new JsonPathTemplate("{.items[0].metadata.labels}", true).execute(list),
    '[\n    {\n        "app.kubernetes.io/name": "web",\n        "tier": "\\u003cfront\\u003e"\n    }\n]\n',
  );
});
