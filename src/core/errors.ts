import { identifierHeadline, type IdentifierWarning } from "./privacy/identifier-warning.ts";

/**
 * Every error Liaison shows a person carries a stable code (for logs, tests and adapters) and a
 * sentence that says what to do next. Adapters turn these into replies; nothing else is shown.
 */
export type LiaisonErrorCode =
  | "illegal-transition"
  | "not-found"
  | "not-allowed"
  | "invalid-input"
  | "directory-invalid"
  | "config-invalid"
  | "conflict"
  | "busy"
  | "identifiers-found";

export class LiaisonError extends Error {
  constructor(
    readonly code: LiaisonErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "LiaisonError";
  }
}

export class IllegalTransitionError extends LiaisonError {
  constructor(
    readonly from: string,
    readonly action: string,
    message: string,
  ) {
    super("illegal-transition", message);
    this.name = "IllegalTransitionError";
  }
}

export class NotFoundError extends LiaisonError {
  constructor(message: string) {
    super("not-found", message);
    this.name = "NotFoundError";
  }
}

export class NotAllowedError extends LiaisonError {
  constructor(message: string) {
    super("not-allowed", message);
    this.name = "NotAllowedError";
  }
}

/** A field a person typed is wrong; `field` lets a form show the message next to it. */
export class InvalidInputError extends LiaisonError {
  constructor(readonly fieldErrors: Readonly<Record<string, string>>) {
    super("invalid-input", Object.values(fieldErrors).join(" "));
    this.name = "InvalidInputError";
  }
}

/**
 * Free text a person is about to post may identify a patient: nothing is saved until they edit it or
 * choose to post it anyway. The warning says where, so the platform can highlight it.
 */
export class IdentifiersFoundError extends LiaisonError {
  constructor(readonly warning: IdentifierWarning) {
    super("identifiers-found", identifierHeadline(warning));
    this.name = "IdentifiersFoundError";
  }
}

/** Liaison has more work queued than it can take now; nothing was accepted, so nothing is lost. */
export class LiaisonBusyError extends LiaisonError {
  constructor() {
    super(
      "busy",
      "Liaison is busy, try again: this concern has NOT been saved yet. Everything you typed is still here; please submit it again in a few seconds.",
    );
    this.name = "LiaisonBusyError";
  }
}
