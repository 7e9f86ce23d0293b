import { StatusError } from "../api/StatusError.ts";
import { ApiServerUnavailableError } from "../apiserver/ApiServer.ts";
import { KubectlError } from "./KubectlError.ts";

/** The address the built-in kubectl reports in connection errors. */
export const SERVER_ADDRESS = "127.0.0.1:6443";

/** Rewrite an API error's message the way cmdutil.AddSourceToErr does. */
export function addSourceToError(verb: string, source: string, error: unknown): unknown {
  if (!source || !(error instanceof StatusError)) return error;
  const status = { ...error.status, message: `error when ${verb} "${source}": ${error.status.message}` };
  const copy = new StatusError(status);
  return copy;
}

/** The message kubectl prints for one error (cmdutil.StandardErrorMessage / checkErr). */
export function errorMessage(error: unknown): string {
  if (error instanceof KubectlError) return error.message;
  if (error instanceof ApiServerUnavailableError) {
    return `The connection to the server ${SERVER_ADDRESS} was refused - did you specify the right host or port?`;
  }
  if (error instanceof StatusError) {
    const status = error.status;
    if (status.reason === "Invalid") {
      const details = status.details;
      let prefix = "The request is invalid";
      if (!details) return status.message ? `${prefix}: ${status.message}` : prefix;
      if (details.kind || details.name)
        prefix = `The ${details.kind ?? ""} "${details.name ?? ""}" is invalid`;
      else if (status.message && (details.causes ?? []).length === 0) prefix += `: ${status.message}`;
      const seen = new Set<string>();
      const causes: string[] = [];
      for (const cause of details?.causes ?? []) {
        const text = `${cause.field ?? ""}: ${cause.message ?? ""}`;
        if (seen.has(text)) continue;
        seen.add(text);
        causes.push(text);
      }
      if (causes.length === 0) return prefix;
      if (causes.length === 1) return `${prefix}: ${causes[0]}`;
      return `${prefix}: \n${causes.map((c) => `* ${c}`).join("\n")}`;
    }
    if (status.reason === "Unauthorized")
      return `error: You must be logged in to the server (${status.message})`;
    if (status.reason) return `Error from server (${status.reason}): ${status.message}`;
    return `Error from server: ${status.message}`;
  }
  if (error instanceof Error) return `error: ${error.message}`;
  return `error: ${String(error)}`;
}

/**
 * resource.EnhanceListError: a list refused as a bad request names what was listed and the
 * selectors (`Unable to find "/v1, Resource=pods" that match label selector "", field selector
 * "x=y": ...`).
 */
export function enhanceListError(
  error: unknown,
  type: { group: string; version: string; plural: string },
  labelSelector: string | undefined,
  fieldSelector: string | undefined,
): unknown {
  if (!(error instanceof StatusError) || (error.code !== 400 && error.code !== 404)) return error;
  const subject = `${type.group}/${type.version}, Resource=${type.plural}`;
  const message =
    !labelSelector && !fieldSelector
      ? `Unable to list ${JSON.stringify(subject)}: ${error.status.message}`
      : `Unable to find ${JSON.stringify(subject)} that match label selector ${JSON.stringify(labelSelector ?? "")}, field selector ${JSON.stringify(fieldSelector ?? "")}: ${error.status.message}`;
  return new StatusError({ ...error.status, message });
}
