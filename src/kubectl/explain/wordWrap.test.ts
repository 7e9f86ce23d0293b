import assert from "node:assert/strict";
import { test } from "node:test";
import { wrapString } from "./wordWrap.ts";

test("wraps at whitespace within the limit and keeps line breaks", () => {
  assert.equal(wrapString("the quick brown fox", 10), "the quick\nbrown fox");
  assert.equal(wrapString("one\n\ntwo three", 5), "one\n\ntwo\nthree");
});

test("a word longer than the limit stays whole on its own line", () => {
  assert.equal(
    wrapString("More info: https://kubernetes.io/docs/concepts/workloads/pods/", 20),
    "More info:\nhttps://kubernetes.io/docs/concepts/workloads/pods/",
  );
});

test("trailing spaces are kept only when they fit", () => {
  assert.equal(wrapString("abc  ", 10), "abc  ");
  assert.equal(wrapString("abcd  ", 4), "abcd");
});
