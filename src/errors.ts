/** One reason an input was refused. */
export interface ValidationIssue {
  /** Dotted path of the bad field, e.g. `customer.contact.email`; `''` for the input itself. */
  path: string;
  /** Stable code for localising the message: `required`, `too_long`, `invalid_format`, … */
  code: ValidationIssueCode;
  /** English explanation for logs and developers. */
  message: string;
}

/** Codes a {@link ValidationIssue} may carry. */
export type ValidationIssueCode =
  | 'required'
  | 'invalid_type'
  | 'too_short'
  | 'too_long'
  | 'invalid_format'
  | 'out_of_range'
  | 'control_characters'
  | 'malformed_text'
  | 'unknown_value'
  | 'unknown_field'
  | 'invalid';

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
