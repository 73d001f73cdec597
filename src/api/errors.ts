/**
 * The API's error catalogue (Fastify's FST_ERR_* pattern): every error a client
 * can see has a stable code, a message template and an HTTP status. Responses
 * carry `{error: {code, message}}` and nothing else — never a stack trace.
 * A failed ingestion job reports the ingest module's own codes
 * (CORRIDOR_ERR_INGEST_*, src/ingest/errors.ts) in its `error`.
 */

export interface ErrorDefinition {
  code: `CORRIDOR_ERR_${string}`;
  status: number;
  /** `%s` placeholders are filled in order by `apiError`. */
  message: string;
}

function define(code: ErrorDefinition['code'], status: number, message: string): ErrorDefinition {
  return { code, status, message };
}

export const ERRORS = {
  REQUEST_INVALID: define('CORRIDOR_ERR_REQUEST_INVALID', 400, 'Invalid request: %s'),
  REQUEST_MALFORMED: define('CORRIDOR_ERR_REQUEST_MALFORMED', 400, 'The request body is not valid JSON'),
  REQUEST_TOO_LARGE: define('CORRIDOR_ERR_REQUEST_TOO_LARGE', 413, 'The request body is larger than %s bytes'),
  REQUEST_MEDIA_TYPE: define('CORRIDOR_ERR_REQUEST_MEDIA_TYPE', 415, 'Unsupported content type; send application/json'),
  UNAUTHORIZED: define('CORRIDOR_ERR_UNAUTHORIZED', 401, 'This server takes changes only with its token: send Authorization: Bearer <token>'),
  QUERY_BBOX: define('CORRIDOR_ERR_QUERY_BBOX', 400, 'bbox must be west,south,east,north in degrees (south <= north): %s'),
  QUERY_DATE_RANGE: define('CORRIDOR_ERR_QUERY_DATE_RANGE', 400, '"from" (%s) is after "to" (%s)'),
  ROUTE_NOT_FOUND: define('CORRIDOR_ERR_ROUTE_NOT_FOUND', 404, 'No route for %s %s'),
  DOCUMENT_NOT_FOUND: define('CORRIDOR_ERR_DOCUMENT_NOT_FOUND', 404, 'No document with id %s'),
  DOCUMENT_AMBIGUOUS: define('CORRIDOR_ERR_DOCUMENT_AMBIGUOUS', 400, 'The id prefix %s matches %s documents; give more characters'),
  EXTRACTION_NOT_FOUND: define('CORRIDOR_ERR_EXTRACTION_NOT_FOUND', 404, 'No extraction stored for document %s'),
  TIMELINE_NOT_FOUND: define('CORRIDOR_ERR_TIMELINE_NOT_FOUND', 404, 'No control timeline for place %s'),
  TRAJECTORY_NOT_FOUND: define('CORRIDOR_ERR_TRAJECTORY_NOT_FOUND', 404, 'No trajectory for actor %s'),
  CORRIDOR_NOT_FOUND: define('CORRIDOR_ERR_CORRIDOR_NOT_FOUND', 404, 'No corridor named %s'),
  LAYER_NOT_FOUND: define('CORRIDOR_ERR_LAYER_NOT_FOUND', 404, 'No reference layer %s'),
  JOB_NOT_FOUND: define('CORRIDOR_ERR_JOB_NOT_FOUND', 404, 'No ingestion job %s'),
  INGEST_SOURCE: define('CORRIDOR_ERR_INGEST_SOURCE', 400, 'Give exactly one of text, html or url'),
  INGEST_URL: define('CORRIDOR_ERR_INGEST_URL', 400, 'Only http and https URLs can be ingested: %s'),
  INGEST_QUEUE_FULL: define('CORRIDOR_ERR_INGEST_QUEUE_FULL', 503, 'The ingestion queue is full (%s jobs); try again later'),
  INTERNAL: define('CORRIDOR_ERR_INTERNAL', 500, 'Internal server error'),
} as const satisfies Record<string, ErrorDefinition>;

/** An error from the catalogue, with its message filled in. */
export class ApiError extends Error {
  readonly code: ErrorDefinition['code'];
  readonly statusCode: number;

  constructor(definition: ErrorDefinition, ...args: (string | number)[]) {
    let i = 0;
    super(definition.message.replace(/%s/g, () => String(args[i++] ?? '')));
    this.name = 'ApiError';
    this.code = definition.code;
    this.statusCode = definition.status;
  }
}

export function apiError(definition: ErrorDefinition, ...args: (string | number)[]): ApiError {
  return new ApiError(definition, ...args);
}

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string };
}

export function errorBody(error: { code: string; message: string }): ErrorBody {
  return { error: { code: error.code, message: error.message } };
}
