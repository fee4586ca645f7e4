/** One reason an input was refused. */
export interface ValidationIssue {
  /** Dotted path of the bad field, e.g. `customer.contact.email`; `''` for the input itself. */
  path: string;
  /** Stable code for localising the message: `required`, `too_long`, `invalid_format`, … */
  code: ValidationIssueCode;
  /** English explanation for logs and developers. */
  message: string;
}

/** Every code a {@link ValidationIssue} may carry (also what a client accepts from a server). */
export const VALIDATION_ISSUE_CODES = [
  'required',
  'invalid_type',
  'too_short',
  'too_long',
  'invalid_format',
  'out_of_range',
  'control_characters',
  'malformed_text',
  'unknown_value',
  'unknown_field',
  'invalid',
  // Attachments (see `attachmentIssues`): bigger than the desk accepts, a type it does not take, more files than allowed.
  'too_large',
  'type_not_allowed',
  'too_many',
] as const;

/** Codes a {@link ValidationIssue} may carry. */
export type ValidationIssueCode = (typeof VALIDATION_ISSUE_CODES)[number];

/** Base class of every error Aftercare throws on purpose. */
export class AftercareError extends Error {
  /** Machine-readable reason. */
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** An input crossing the public API was refused; `issues` lists every bad field. */
export class ValidationError extends AftercareError {
  declare readonly code: 'VALIDATION_FAILED';
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[], subject = 'input') {
    super(
      'VALIDATION_FAILED',
      `Invalid ${subject}: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`,
    );
    this.issues = issues;
  }
}

/** Why a workflow refused an action. */
export type WorkflowErrorCode =
  /** The action is unknown, not allowed from the current status, or not allowed for the actor's role. */
  | 'INVALID_TRANSITION'
  /** The action is allowed but a guard refused it (e.g. resolution note required, reopen window over). */
  | 'GUARD_FAILED'
  /** The ticket was already rated; a rating is accepted once. */
  | 'ALREADY_RATED';

/** A workflow action was refused. */
export class WorkflowError extends AftercareError {
  declare readonly code: WorkflowErrorCode;
  /** The action that was refused. */
  readonly action: string;
  /** The status the ticket was in. */
  readonly status: string;
  /** Finer reason: `unknown_action`, `status`, `role`, or the failed guard's kind. */
  readonly reason: string;

  constructor(code: WorkflowErrorCode, details: { action: string; status: string; reason: string }, message: string) {
    super(code, message);
    this.action = details.action;
    this.status = details.status;
    this.reason = details.reason;
  }
}

/** A workflow definition is inconsistent; `problems` lists each one. */
export class WorkflowDefinitionError extends AftercareError {
  declare readonly code: 'INVALID_WORKFLOW';
  readonly problems: readonly string[];

  constructor(workflowId: string, problems: readonly string[]) {
    super('INVALID_WORKFLOW', `Workflow "${workflowId}" is invalid: ${problems.join('; ')}`);
    this.problems = problems;
  }
}

/** No ticket (or attachment) with that id, or the access token does not open it: the two are not told apart. */
export class NotFoundError extends AftercareError {
  declare readonly code: 'NOT_FOUND';
  readonly ticketId: string;

  constructor(ticketId: string, message = `Ticket ${ticketId} was not found`) {
    super('NOT_FOUND', message);
    this.ticketId = ticketId;
  }
}

/** The ticket changed since it was read (optimistic concurrency): reload and try again. */
export class ConflictError extends AftercareError {
  declare readonly code: 'CONFLICT';
  readonly ticketId: string;

  constructor(ticketId: string, message = `Ticket ${ticketId} was changed by someone else`) {
    super('CONFLICT', message);
    this.ticketId = ticketId;
  }
}

/** Why a request to the backend failed. */
export type TransportErrorCode =
  /** No connection, DNS failure, connection reset, or the client is offline. */
  | 'NETWORK'
  /** No answer in time: the server may or may not have acted. */
  | 'TIMEOUT'
  /** 5xx. */
  | 'SERVER'
  /** 429; `retryAfterMs` says when to try again when the server said so. */
  | 'RATE_LIMITED'
  /** The answer is not what the contract promises: not JSON, an HTML error page, a wrong shape. */
  | 'BAD_RESPONSE'
  /** Another 4xx the client cannot fix by retrying. */
  | 'REJECTED';

/** A request to the backend failed; `retryable` says whether sending it again may succeed. */
export class TransportError extends AftercareError {
  declare readonly code: TransportErrorCode;
  /** HTTP status when there was a response. */
  readonly status: number | undefined;
  /** From `Retry-After` (seconds or an HTTP date), in milliseconds from when it was received. */
  readonly retryAfterMs: number | undefined;

  constructor(code: TransportErrorCode, message: string, details: { status?: number; retryAfterMs?: number } = {}) {
    super(code, message);
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
  }

  /** Whether the same request may succeed later: network, timeout, 5xx, 429 and unreadable answers. */
  get retryable(): boolean {
    return this.code !== 'REJECTED';
  }
}

/** The backend refused the credentials, even after asking `getToken` for fresh ones. */
export class AuthError extends AftercareError {
  declare readonly code: 'UNAUTHORIZED' | 'FORBIDDEN';
  readonly status: number;

  constructor(status: 401 | 403, message: string) {
    super(status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN', message);
    this.status = status;
  }
}

/** Local storage failed: the browser's quota is used up, IndexedDB is unavailable (private mode) or an upgrade is blocked by another tab. */
export class StorageError extends AftercareError {
  declare readonly code: 'QUOTA_EXCEEDED' | 'UNAVAILABLE' | 'BLOCKED' | 'FAILED';
  /** The underlying error, for logs. */
  override readonly cause: unknown;

  constructor(code: 'QUOTA_EXCEEDED' | 'UNAVAILABLE' | 'BLOCKED' | 'FAILED', message: string, cause?: unknown) {
    super(code, message);
    this.cause = cause;
  }
}

/** A storage failure as a {@link StorageError}: IndexedDB and Dexie name their errors differently. */
export function toStorageError(error: unknown, doing: string): StorageError {
  if (error instanceof StorageError) return error;
  const e = error as { name?: string; inner?: { name?: string }; message?: string } | undefined;
  const names = [e?.name, e?.inner?.name];
  const message = e?.message ?? String(error);
  if (names.includes('QuotaExceededError')) return new StorageError('QUOTA_EXCEEDED', `Storage is full while ${doing}: ${message}`, error);
  if (names.some((n) => n === 'MissingAPIError' || n === 'InvalidStateError' || n === 'SecurityError' || n === 'UnknownError')) {
    return new StorageError('UNAVAILABLE', `Local storage is unavailable while ${doing}: ${message}`, error);
  }
  if (names.some((n) => n === 'VersionError' || n === 'DatabaseClosedError' || n === 'OpenFailedError' || n === 'BlockedError')) {
    return new StorageError('BLOCKED', `The local database could not be opened while ${doing}: ${message}`, error);
  }
  return new StorageError('FAILED', `Local storage failed while ${doing}: ${message}`, error);
}

/** A customer write could not be sent now; it is kept on this device and sent when the connection allows. */
export class QueuedError extends AftercareError {
  declare readonly code: 'QUEUED';
  /** The outbox entry (its idempotency key). */
  readonly key: string;
  /** Whether it survives a reload (IndexedDB) or lives in this page only. */
  readonly durable: boolean;
  /** Why it was not sent. */
  override readonly cause: unknown;

  constructor(key: string, durable: boolean, cause?: unknown) {
    super('QUEUED', 'Saved on this device; it will be sent when the connection allows');
    this.key = key;
    this.durable = durable;
    this.cause = cause;
  }
}
