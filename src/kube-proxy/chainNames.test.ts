import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { base32, endpointChain, probability, serviceChain, servicePortName } from "./chainNames.ts";

test("base32 matches RFC 4648 test vectors", () => {
  const enc = (s: string) => base32(Buffer.from(s));
  assert.equal(enc(""), "");
  assert.equal(enc("f"), "MY======");
  assert.equal(enc("fo"), "MZXQ====");
  assert.equal(enc("foo"), "MZXW6===");
  assert.equal(enc("foob"), "MZXW6YQ=");
  assert.equal(enc("fooba"), "MZXW6YTB");
  assert.equal(enc("foobar"), "MZXW6YTBOI======");
});

test("chain names hash the service port name and lower-case protocol", () => {
  const name = servicePortName("default", "web", "");
  assert.equal(name, "default/web");
  assert.equal(servicePortName("ns", "db", "pg"), "ns/db:pg");
  const chain = serviceChain("KUBE-SVC-", name, "TCP");
  assert.match(chain, /^KUBE-SVC-[A-Z2-7]{16}$/);
  const expected = base32(createHash("sha256").update("default/webtcp").digest()).slice(0, 16);
  assert.equal(chain, `KUBE-SVC-${expected}`);
  assert.equal(serviceChain("KUBE-EXT-", name, "TCP").slice(9), expected);
  assert.notEqual(endpointChain(name, "TCP", "10.244.1.5:80"), endpointChain(name, "TCP", "10.244.1.6:80"));
  assert.ok(chain.length <= 28, "iptables chain names are at most 28 characters");
});

test("probabilities are 1/(n-i) with ten decimals", () => {
  assert.equal(probability(3), "0.3333333333");
  assert.equal(probability(2), "0.5000000000");
  assert.equal(probability(7), "0.1428571429");
});
