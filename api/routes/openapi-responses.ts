/**
 * The answers any operation can give besides its own (docs/reliability.md, "Load and fuzzing"), added to every
 * operation of the OpenAPI document so that it lists every status the API can send:
 *   400  a malformed parameter or body (an operation with parameters or a body);
 *   401  no valid session or credentials (an operation that is not public);
 *   413, 415  a body over the size limit or of a type the operation does not read (an operation with a body);
 *   503  refused under overload (OVERLOADED, with Retry-After) or a dependency down (DEPENDENCY_UNAVAILABLE).
 * Health checks are never refused under overload, so they keep their own 503 ("something is down").
 */

type Response = object;
interface Operation {
  parameters?: unknown[];
  requestBody?: unknown;
  security?: unknown[];
  responses: Record<string, Response>;
}
type Paths = Record<string, Record<string, Operation>>;

/** Adds them in place; `errors.api` answers /api paths, `errors.v2` (problem+json) the Camunda API's. */
export function withCommonResponses(paths: Paths, errors: { api: Response; v2: Response }): void {
  for (const [path, operations] of Object.entries(paths)) {
    const error = path.startsWith('/v2/') ? errors.v2 : errors.api;
    for (const operation of Object.values(operations)) {
      const common: Record<number, boolean> = {
        400: Boolean(operation.parameters?.length || operation.requestBody),
        401: operation.security?.length !== 0,
        413: Boolean(operation.requestBody),
        415: Boolean(operation.requestBody),
        503: true,
      };
      for (const [status, applies] of Object.entries(common)) {
        if (applies) operation.responses[status] ??= error;
      }
    }
  }
}
