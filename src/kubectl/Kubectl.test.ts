import assert from "node:assert/strict";
import { test } from "node:test";
import { FieldError } from "../api/FieldError.ts";
import { StatusError } from "../api/StatusError.ts";
import { errorMessage } from "./errors.ts";
import { splitCommandLine } from "./Kubectl.ts";
import { KubectlError } from "./KubectlError.ts";
import { parseManifests } from "./manifests.ts";

test("command lines split as a shell would", () => {
  assert.deepEqual(splitCommandLine("kubectl get pods -l 'env in (a,b)'"), [
    "get",
    "pods",
    "-l",
    "env in (a,b)",
  ]);
  assert.deepEqual(splitCommandLine('get po -l "!env"'), ["get", "po", "-l", "!env"]);
  assert.throws(
    () => splitCommandLine("kubectl get pods | grep x"),
    /one kubectl command per step; "\|" is not supported/,
  );
});

test("API errors print as kubectl prints them", () => {
  assert.equal(
    errorMessage(StatusError.notFound({ group: "", resource: "pods" }, "x")),
    'Error from server (NotFound): pods "x" not found',
  );
  assert.equal(
    errorMessage(
      StatusError.invalid({ group: "", kind: "Pod" }, "x", [
        new FieldError("FieldValueRequired", "spec.containers"),
      ]),
    ),
    'The Pod "x" is invalid: spec.containers: Required value',
  );
  assert.equal(
    errorMessage(
      StatusError.invalid({ group: "", kind: "Pod" }, "x", [
        new FieldError("FieldValueRequired", "a"),
        new FieldError("FieldValueRequired", "b"),
      ]),
    ),
    'The Pod "x" is invalid: \n* a: Required value\n* b: Required value',
  );
  assert.equal(
    errorMessage(new StatusError({ message: "etcdserver: request timed out", code: 500 })),
    "Error from server: etcdserver: request timed out",
  );
  assert.equal(errorMessage(new KubectlError("error: plain")), "error: plain");
});

test("manifests: several documents, lists, and errors with document-relative lines", () => {
  const objects = parseManifests(
    "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: b}\n",
    "STDIN",
  );
  assert.deepEqual(
    objects.map((o) => o.object.metadata.name),
    ["a", "b"],
  );
  assert.throws(
    () => parseManifests("a: 1\n---\nb: 2\n  c: 3: 4\n", "f.yaml"),
    /error parsing f\.yaml: error converting YAML to JSON: yaml: line 2:/,
  );
  assert.throws(() => parseManifests("kind: Pod\n", "STDIN"), /apiVersion not set/);
  assert.equal(
    parseManifests(
      "apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: 2025-01-01T00:00:00Z\n",
      "STDIN",
    )[0]?.object.metadata.creationTimestamp,
    "2025-01-01T00:00:00Z",
  );
});
