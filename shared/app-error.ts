/**
 * Errors with a code a client can branch on, an HTTP status and a message a person can act on. The code→status
 * map is typed: a new code without a status does not compile.
 */
export const errorStatus = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  XML_MALFORMED: 400,
  XML_FORBIDDEN: 400,
  BPMN_INVALID: 422,
  BPMN_UNSUPPORTED: 422,
  FEEL_INVALID: 422,
  /** A task submission its form refuses; `fields` names each field's problem and the task stays open. */
  FORM_INVALID: 400,
  /** A form file that is JSON but no form-js form (no `id`, no `components`). */
  FORM_FILE_INVALID: 422,
  /** A DMN file the decision compiler refuses (`elementId` names the decision or rule), or a call of no decision. */
  DMN_INVALID: 422,
  /** A date the holiday data does not cover: a legal deadline is never counted on a guessed calendar. */
  CALENDAR_OUT_OF_RANGE: 422,
  /** A task handed to someone unknown, inactive or outside its candidates. */
  TASK_ASSIGNEE_INVALID: 422,
  /** A request names a unit, person, position, rank, role or group that does not exist. */
  UNKNOWN_REFERENCE: 422,
  /** A change the org chart's rules refuse: a unit under its own subunit, a handover to oneself or to someone inactive. */
  ORG_INVALID: 422,
  /** An approval line that cannot be routed: unknown people, no approver, a proxy who is away too (the message says). */
  APPROVAL_LINE_INVALID: 422,
  /** A delegation table with a gap or an overlap, or an absence that cannot be recorded. */
  APPROVAL_SETTINGS_INVALID: 422,
  /** A drafter in no unit: a document is registered in its drafter's unit (처리과, docs/records.md). */
  NO_PROCESSING_UNIT: 422,
  /** A modification or migration the instance's tokens refuse (`elementId` names the element in the way). */
  INSTANCE_CHANGE_REFUSED: 422,
  /** Classified handling (docs/classified.md): a line naming people not cleared for the document's grade. */
  APPROVAL_LINE_UNCLEARED: 422,
  /** A person whose clearance does not cover the grade: put on a need-to-know list, given a task or a copy. */
  CLEARANCE_INSUFFICIENT: 422,
  /** A dispatch by a channel the item's grade does not allow, or a hand delivery by an uncleared carrier. */
  DISPATCH_CHANNEL_REFUSED: 422,
  /** Copying an I급 item without its originator's permission. */
  COPY_NOT_PERMITTED: 403,
  /** The reading record could not be written, so the classified content is not returned. */
  READING_RECORD_UNAVAILABLE: 503,
  /** A handler signing for a classified copy with no reading of it on record (docs/classified-distribution.md). */
  READ_BEFORE_SIGNING: 409,
  /** A filing signed with a password that is not the filer's (the e-court signature stand-in, docs/e-court.md). */
  E_COURT_SIGNATURE_INVALID: 422,
  /** 이의신청 after its 60-day period (민원처리법 §35); the message names the last day. */
  OBJECTION_PERIOD_ENDED: 422,
  /** 이의신청 against a petition that was not refused or partly accepted, or that already has one. */
  OBJECTION_NOT_ALLOWED: 409,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TASK_NOT_OPEN: 409,
  TASK_CLAIMED: 409,
  /** A task delegated and not yet resolved: only the delegate may act on it. */
  TASK_DELEGATED: 409,
  /** An Idempotency-Key sent again with a different start request (docs/reliability.md). */
  IDEMPOTENCY_KEY_REUSED: 409,
  /** 회수 after someone on the line has acted. */
  APPROVAL_ALREADY_ACTED: 409,
  /** The instance is held by an operator: its tasks and incidents wait until it is resumed. */
  INSTANCE_SUSPENDED: 409,
  /** Resuming an instance nobody suspended. */
  INSTANCE_NOT_SUSPENDED: 409,
  PAYLOAD_TOO_LARGE: 413,
  /** Variables over the engine's size limit (shared/variables.ts), on whichever path they entered. */
  VARIABLES_TOO_LARGE: 413,
  // Login hardening (docs/security.md).
  /** Too many failed logins for the account or from the address; `Retry-After` says when to try again. */
  TOO_MANY_ATTEMPTS: 429,
  /** A cookie-authenticated change sent from another site's page (no matching Origin or Referer). */
  CSRF_REJECTED: 403,
  UNSUPPORTED_MEDIA_TYPE: 415,
  DEPENDENCY_UNAVAILABLE: 503,
  /** More requests at once than the API admits, or no database connection free in time; `Retry-After` says when. */
  OVERLOADED: 503,
  /** A wait the caller bounded (awaiting an instance's completion) that ran out first; the work itself goes on. */
  DEADLINE_EXCEEDED: 504,
  INTERNAL: 500,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: {
      elementId?: string;
      issues?: Array<{ elementId?: string; message: string }>;
      fields?: Array<{ key: string; message: string }>;
      /** Sent as the `Retry-After` header too. */
      retryAfterSeconds?: number;
    } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.status = errorStatus[code];
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, ...this.details };
  }
}
