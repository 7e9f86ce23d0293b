import assert from "node:assert/strict";
import { test } from "node:test";
import { validateObjectMeta } from "./objectMeta.ts";
import {
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
} from "./validation.ts";

test("names", () => {
  assert.deepEqual(isDNS1123Subdomain("web.example-1"), []);
  assert.equal(
    isDNS1123Subdomain("Bad_Name")[0],
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  );
  assert.deepEqual(
    isDNS1123Label("a".repeat(64)),
    [
      "must be no more than 63 characters",
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ].slice(0, 1),
  );
  assert.match(
    isDNS1035Label("1abc")[0] ?? "",
    /^a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character/,
  );
});

test("qualified names and label values", () => {
  assert.deepEqual(isQualifiedName("app.kubernetes.io/name"), []);
  assert.deepEqual(isQualifiedName("/name"), ["prefix part must be non-empty"]);
  assert.match(isQualifiedName("a/b/c")[0] ?? "", /^a qualified name must consist of/);
  assert.match(isQualifiedName("bad key")[0] ?? "", /^name part must consist of alphanumeric characters/);
  assert.deepEqual(isValidLabelValue(""), []);
  assert.match(isValidLabelValue("-x")[0] ?? "", /^a valid label must be an empty string/);
});

test("object metadata", () => {
  const errors = validateObjectMeta({ namespace: "default" }, true, "subdomain").map(String);
  assert.deepEqual(errors, ["metadata.name: Required value: name or generateName is required"]);
  assert.deepEqual(validateObjectMeta({ name: "n", namespace: "x" }, false, "subdomain").map(String), [
    "metadata.namespace: Forbidden: not allowed on this type",
  ]);
  assert.deepEqual(
    validateObjectMeta({ generateName: "web-", namespace: "default", name: "web-abcde" }, true, "subdomain"),
    [],
  );
  assert.match(
    String(
      validateObjectMeta({ name: "n", namespace: "default", finalizers: ["custom"] }, true, "subdomain")[0],
    ),
    /neither a standard finalizer name nor is it fully qualified/,
  );
});
