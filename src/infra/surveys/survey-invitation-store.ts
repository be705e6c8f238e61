import type { SurveyInvitation } from "../../core/index.ts";

/** A stored invitation: the invitation and the hash of its token (the token itself is never kept). */
export interface StoredInvitation extends SurveyInvitation {
  tokenHash: string;
}

/**
 * Where survey invitations are kept (PostgreSQL or the embedded store; an in-memory one in tests): the
 * same contract on each, checked by test/infra/survey-store.test.ts.
 */
export interface SurveyInvitationStore {
  save(invitation: StoredInvitation): Promise<void>;
  byTokenHash(tokenHash: string): Promise<StoredInvitation | undefined>;
  /** Sets usedAt = now only where it is still unused and unexpired at `now`; true for exactly one caller. */
  markUsed(id: string, now: Date): Promise<boolean>;
  /** Clears usedAt where it is still `usedAt` (a claim whose answer could not be saved). */
  unmarkUsed(id: string, usedAt: Date): Promise<void>;
}
