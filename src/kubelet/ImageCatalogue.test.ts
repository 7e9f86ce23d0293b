import assert from "node:assert/strict";
import { test } from "node:test";
import {
  DEFAULT_IMAGES,
  ImageCatalogue,
  invalidImageReason,
  parseImage,
  tagMatches,
} from "./ImageCatalogue.ts";

test("the default catalogue is valid and knows the real tags", () => {
  assert.ok(DEFAULT_IMAGES.length >= 10);
  const catalogue = new ImageCatalogue();
  for (const ok of [
    "nginx",
    "nginx:1.14.2",
    "nginx:1.27-alpine",
    "busybox:1.28",
    "redis:7.4",
    "registry.k8s.io/pause:3.10",
  ])
    assert.ok(catalogue.lookup(ok), ok);
  for (const missing of ["nginx:1.277", "nginx:banana", "ngnix", "example.com/app:1.0"])
    assert.equal(catalogue.lookup(missing), undefined, missing);
  assert.equal(catalogue.hasRepository("nginx:1.277"), true);
  assert.equal(catalogue.hasRepository("ngnix"), false);
});

test("a tag-specific image wins over a repository-wide one", () => {
  const catalogue = new ImageCatalogue([]);
  catalogue.add({ name: "web", cmd: ["web"], pullSeconds: 1 });
  catalogue.add({ name: "web", tags: ["2.0"], cmd: ["web"], pullSeconds: 9 });
  assert.equal(catalogue.lookup("web:1.0")?.pullSeconds, 1);
  assert.equal(catalogue.lookup("web:2.0")?.pullSeconds, 9);
  assert.equal(catalogue.lookup("docker.io/library/web:2.0")?.pullSeconds, 9);
});

test("bad catalogue entries are refused naming the field", () => {
  const catalogue = new ImageCatalogue([]);
  assert.throws(() => catalogue.add({ name: "x", pullSeconds: "slow" }), /image "x": pullSeconds: /);
  assert.throws(
    () => catalogue.add({ name: "x", processes: [{ executables: ["x"], memory: "lots" }] }),
    /"lots" is not a size/,
  );
  assert.throws(() => catalogue.add({ name: "x", tags: ["/[/"] }), /not a valid regular expression/);
  assert.throws(() => catalogue.add({ name: "x", colour: "blue" }), /Unrecognized key/);
  assert.throws(() => ImageCatalogue.parseYaml("images: [", "bad.yaml"), /^Error: bad.yaml: not valid YAML/);
  assert.throws(
    () => ImageCatalogue.parseYaml("images:\n  - name: a\n    listen: 80\n", "f.yaml"),
    /f.yaml: images.0: Unrecognized key: "listen"/,
  );
});

test("image references", () => {
  assert.deepEqual(parseImage("nginx"), {
    repository: "docker.io/library/nginx",
    name: "nginx",
    tag: "latest",
    normalized: "docker.io/library/nginx:latest",
  });
  assert.equal(parseImage("localhost:5000/team/app:1.0").normalized, "localhost:5000/team/app:1.0");
  assert.equal(parseImage("bitnami/redis@sha256:abc").normalized, "docker.io/bitnami/redis@sha256:abc");
  assert.equal(invalidImageReason("nginx:1.27"), undefined);
  assert.equal(
    invalidImageReason("NGINX"),
    "invalid reference format: repository name (library/NGINX) must be lowercase",
  );
  assert.equal(invalidImageReason("nginx:bad tag"), "invalid reference format");
  assert.ok(tagMatches(["latest", "/^1\\.\\d+$/"], "1.2"));
  assert.ok(!tagMatches(["latest", "/^1\\.\\d+$/"], "2.0"));
});
