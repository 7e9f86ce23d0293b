import assert from "node:assert/strict";
import { test } from "node:test";
import { ImageCatalogue } from "../kubelet/ImageCatalogue.ts";
import { imagesFromTable } from "./images.ts";

test("a table row becomes an image with one program", () => {
  const [spec] = imagesFromTable([
    {
      image: "example.com/web:2.0",
      pull: "5s",
      start: "500ms",
      size: "40Mi",
      logs: "starting\nready",
      listens: "8080/http, 9090",
      "ready after": "10s",
      http: "/healthz=200, /=200 hello world",
      "unhealthy after": "1m",
      memory: "64Mi",
      "exits after": "2m",
      "exit code": "3",
      stop: "ignores TERM",
      shell: "no",
    },
  ]);
  const image = new ImageCatalogue([]).add(spec);
  assert.deepEqual(image.tags, ["2.0"]);
  assert.equal(image.pullSeconds, 5);
  assert.equal(image.startSeconds, 0.5);
  assert.equal(image.sizeBytes, 40 * 1024 * 1024);
  assert.equal(image.shell, false);
  assert.deepEqual(image.cmd, ["web"]);
  const process = image.processes[0];
  assert.deepEqual(process?.logs, ["starting", "ready"]);
  assert.equal(process?.listen[0]?.afterSeconds, 10);
  assert.equal(process?.listen[0]?.http?.routes[1]?.body, "hello world");
  assert.deepEqual(process?.listen[0]?.http?.routes[0]?.later, [
    { afterSeconds: 60, status: 500, body: "unhealthy" },
  ]);
  assert.equal(process?.listen[1]?.http, undefined);
  assert.deepEqual(process?.exit, { afterSeconds: 120, code: 3, logs: [] });
  assert.equal(process?.onStop.handles, false);
});

test("bad table cells are refused with the row and column", () => {
  assert.throws(
    () => imagesFromTable([{ image: "a", colour: "red" }]),
    /unknown column "colour" in the images table; use image, pull/,
  );
  assert.throws(() => imagesFromTable([{ image: "" }]), /row 1 of the images table has no image/);
  assert.throws(
    () => imagesFromTable([{ image: "a", pull: "soon" }]),
    /row 1 of the images table: "soon" in column "pull" is not a duration/,
  );
  assert.throws(
    () => imagesFromTable([{ image: "a", listens: "http" }]),
    /should look like 8080, 8080\/http or 53\/udp/,
  );
  assert.throws(
    () => imagesFromTable([{ image: "a", listens: "80", http: "/=200" }]),
    /no port listed as .*\/http/,
  );
  assert.throws(
    () => imagesFromTable([{ image: "a", "exit code": "300" }]),
    /exit code "300" must be 0 to 255/,
  );
  assert.throws(() => imagesFromTable([{ image: "a", http: "healthz" }]), /should look like \/healthz=200/);
  assert.throws(() => imagesFromTable([{ image: "a", memory: "lots" }]), /is not a size such as 50Mi/);
  assert.throws(() => imagesFromTable([{ image: "a", shell: "maybe" }]), /shell must be yes or no/);
});
