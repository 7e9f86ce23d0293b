/**
 * The OpenAPI v2 document in the protobuf encoding client-go asks for
 * (`application/com.github.proto-openapi.spec.v2@v1.0+protobuf`, the `openapi_v2.Document` message
 * of gnostic-models' OpenAPIv2.proto). Only the messages and fields kubespec's document uses are
 * encoded; field numbers follow the .proto file. Vendor extensions travel as YAML text, as
 * gnostic stores them.
 */
import { stringify } from "yaml";

type Json = Record<string, unknown>;

/**
 * The Content-Type of the protobuf-encoded v2 document. Clients ask for
 * `application/com.github.proto-openapi.spec.v2@v1.0+protobuf`; kube-openapi answers with this
 * spelling, which Go's mime parser accepts.
 */
export const OPENAPI_V2_PROTOBUF = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

class Writer {
  readonly #parts: Buffer[] = [];

  #varint(value: number): void {
    const bytes: number[] = [];
    let v = value;
    while (v > 0x7f) {
      bytes.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    bytes.push(v);
    this.#parts.push(Buffer.from(bytes));
  }

  string(field: number, value: string | undefined): this {
    if (value === undefined || value === "") return this;
    return this.bytes(field, Buffer.from(value, "utf8"));
  }

  bytes(field: number, value: Buffer): this {
    this.#varint((field << 3) | 2);
    this.#varint(value.length);
    this.#parts.push(value);
    return this;
  }

  message(field: number, value: Writer | undefined): this {
    return value ? this.bytes(field, value.finish()) : this;
  }

  bool(field: number, value: boolean | undefined): this {
    if (!value) return this;
    this.#varint(field << 3);
    this.#varint(1);
    return this;
  }

  finish(): Buffer {
    return Buffer.concat(this.#parts);
  }
}

function vendorExtensions(object: Json, field: number, writer: Writer): void {
  for (const [name, value] of Object.entries(object)) {
    if (!name.startsWith("x-")) continue;
    const any = new Writer().string(2, stringify(value));
    writer.message(field, new Writer().string(1, name).message(2, any));
  }
}

function schema(s: Json): Writer {
  const w = new Writer();
  w.string(1, s.$ref as string | undefined);
  w.string(2, s.format as string | undefined);
  w.string(4, s.description as string | undefined);
  for (const r of (s.required as string[] | undefined) ?? []) w.string(19, r);
  if (s.additionalProperties && typeof s.additionalProperties === "object")
    w.message(21, new Writer().message(1, schema(s.additionalProperties as Json)));
  if (typeof s.type === "string") w.message(22, new Writer().string(1, s.type));
  if (s.items) w.message(23, new Writer().message(1, schema(s.items as Json)));
  for (const part of (s.allOf as Json[] | undefined) ?? []) w.message(24, schema(part));
  if (s.properties) {
    const properties = new Writer();
    for (const [name, value] of Object.entries(s.properties as Record<string, Json>))
      properties.message(1, new Writer().string(1, name).message(2, schema(value)));
    w.message(25, properties);
  }
  vendorExtensions(s, 31, w);
  return w;
}

function parameter(p: Json): Writer {
  if (p.in === "body") {
    const body = new Writer()
      .string(2, p.name as string)
      .string(3, "body")
      .bool(4, p.required as boolean)
      .message(5, schema(p.schema as Json));
    return new Writer().message(1, new Writer().message(1, body));
  }
  const path = p.in === "path";
  const sub = new Writer()
    .bool(1, p.required as boolean)
    .string(2, p.in as string)
    .string(4, p.name as string)
    .string(path ? 5 : 6, p.type as string)
    .bool(path ? 19 : 20, p.uniqueItems as boolean);
  return new Writer().message(1, new Writer().message(2, new Writer().message(path ? 4 : 3, sub)));
}

function operation(op: Json): Writer {
  const w = new Writer().string(5, op.operationId as string);
  for (const t of (op.produces as string[] | undefined) ?? []) w.string(6, t);
  for (const t of (op.consumes as string[] | undefined) ?? []) w.string(7, t);
  for (const p of (op.parameters as Json[] | undefined) ?? []) w.message(8, parameter(p));
  const responses = new Writer();
  for (const [code, response] of Object.entries((op.responses as Record<string, Json> | undefined) ?? {})) {
    const value = new Writer().message(1, new Writer().string(1, response.description as string));
    responses.message(1, new Writer().string(1, code).message(2, value));
  }
  w.message(9, responses);
  vendorExtensions(op, 13, w);
  return w;
}

const METHOD_FIELDS: Record<string, number> = { get: 2, put: 3, post: 4, delete: 5, patch: 8 };

/**
 * Encode a Swagger 2.0 document (as {@link OpenApiDocuments.v2} builds it) as gnostic's protobuf.
 *
 * @example
 * ```ts
 * const bytes = encodeOpenApiV2(openapi.v2());
 * ```
 */
export function encodeOpenApiV2(document: Json): Buffer {
  const info = (document.info as Json | undefined) ?? {};
  const doc = new Writer()
    .string(1, document.swagger as string)
    .message(2, new Writer().string(1, info.title as string).string(2, info.version as string));
  const paths = new Writer();
  for (const [name, item] of Object.entries((document.paths as Record<string, Json> | undefined) ?? {})) {
    const pathItem = new Writer();
    for (const [method, field] of Object.entries(METHOD_FIELDS)) {
      if (item[method]) pathItem.message(field, operation(item[method] as Json));
    }
    for (const p of (item.parameters as Json[] | undefined) ?? []) pathItem.message(9, parameter(p));
    paths.message(2, new Writer().string(1, name).message(2, pathItem));
  }
  doc.message(8, paths);
  const definitions = new Writer();
  for (const [name, value] of Object.entries(
    (document.definitions as Record<string, Json> | undefined) ?? {},
  )) {
    definitions.message(1, new Writer().string(1, name).message(2, schema(value)));
  }
  doc.message(9, definitions);
  return doc.finish();
}
