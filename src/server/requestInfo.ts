/**
 * What a request is about, read from its method, path and query the way the apiserver's
 * RequestInfoFactory reads it (k8s.io/apiserver/pkg/endpoints/request/requestinfo.go).
 */

/** The parsed request (request.RequestInfo). */
export interface RequestInfo {
  /** Whether the path names a resource (`/api/v1/...`, `/apis/g/v/...`) rather than discovery. */
  isResourceRequest: boolean;
  path: string;
  /** `get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`. */
  verb: string;
  /** `api` or `apis` for resource requests. */
  apiPrefix: string;
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
  /** Path segments after the group version (and namespace). */
  parts: string[];
}

const NAMESPACE_SUBRESOURCES = new Set(["status", "finalize"]);

function splitPath(path: string): string[] {
  const trimmed = path.replace(/^\/+|\/+$/g, "");
  return trimmed === "" ? [] : trimmed.split("/");
}

function methodVerb(method: string): string {
  switch (method) {
    case "POST":
      return "create";
    case "GET":
    case "HEAD":
      return "get";
    case "PUT":
      return "update";
    case "PATCH":
      return "patch";
    case "DELETE":
      return "delete";
    default:
      return "";
  }
}

/**
 * Parse a request the way kube-apiserver does: `/api/v1/namespaces/default/pods/nginx/status`
 * is a `get` (or `update`, `patch`) of subresource `status` of pod `nginx` in `default`; a GET
 * without a name is a `list`, or a `watch` with `?watch=true`; a DELETE without a name is a
 * `deletecollection`. The deprecated `/watch/` path prefix is understood too.
 *
 * @example
 * ```ts
 * parseRequestInfo("GET", new URL("http://x/api/v1/namespaces/default/pods?watch=1")).verb; // "watch"
 * ```
 */
export function parseRequestInfo(method: string, url: URL): RequestInfo {
  const info: RequestInfo = {
    isResourceRequest: false,
    path: url.pathname,
    verb: method.toLowerCase(),
    apiPrefix: "",
    apiGroup: "",
    apiVersion: "",
    namespace: "",
    resource: "",
    subresource: "",
    name: "",
    parts: [],
  };
  let parts = splitPath(url.pathname).map((p) => decodeURIComponent(p));
  if (parts.length < 3 || (parts[0] !== "api" && parts[0] !== "apis")) return info;
  info.apiPrefix = parts[0] as string;
  parts = parts.slice(1);
  if (info.apiPrefix === "apis") {
    if (parts.length < 3) return info;
    info.apiGroup = parts[0] as string;
    parts = parts.slice(1);
  }
  info.isResourceRequest = true;
  info.apiVersion = parts[0] as string;
  parts = parts.slice(1);
  let watchPrefix = false;
  if (parts[0] === "watch" && parts.length >= 2) {
    watchPrefix = true;
    parts = parts.slice(1);
    info.verb = "watch";
  } else {
    info.verb = methodVerb(method);
  }
  if (parts[0] === "namespaces") {
    if (parts.length > 1) {
      info.namespace = parts[1] as string;
      if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2] as string)) parts = parts.slice(2);
    }
  }
  info.parts = parts;
  if (parts.length >= 3) info.subresource = parts[2] as string;
  if (parts.length >= 2) info.name = parts[1] as string;
  if (parts.length >= 1) info.resource = parts[0] as string;
  if (!info.name && info.verb === "get") {
    const watch = url.searchParams.get("watch");
    info.verb = watch !== null && !["false", "0"].includes(watch.toLowerCase()) ? "watch" : "list";
  }
  if (watchPrefix && info.name) info.verb = "watch";
  if (!info.name && info.verb === "delete") info.verb = "deletecollection";
  return info;
}
