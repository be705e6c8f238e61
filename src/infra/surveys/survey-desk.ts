import { createHash, randomBytes } from "node:crypto";
import type { SurveyDesk, SurveyInvitation, SurveyLinks } from "../../core/index.ts";
import type { SurveyInvitationStore } from "./survey-invitation-store.ts";

/** A link's token: 128 random bits, base64url (22 characters). */
export const SURVEY_TOKEN = /^[A-Za-z0-9_-]{22}$/;

/** What is stored of a token: its SHA-256, hex. A copy of the database cannot answer anyone's survey. */
export const tokenHash = (token: string): string => createHash("sha256").update(token).digest("hex");

/**
 * Patient survey links for the core: a fresh random token per invitation, given out once in its links
 * (under Liaison's public address) and kept only as its hash.
 */
export function surveyDesk(store: SurveyInvitationStore, publicUrl: string, validDays: number): SurveyDesk {
  const base = publicUrl.replace(/\/+$/, "");
  return {
    validDays,
    issue: async (invitation: Omit<SurveyInvitation, "usedAt">): Promise<SurveyLinks> => {
      const token = randomBytes(16).toString("base64url");
      await store.save({ ...invitation, tokenHash: tokenHash(token) });
      return { surveyUrl: `${base}/survey/${token}`, printUrl: `${base}/survey/${token}/print` };
    },
    find: async (token: string) => {
      if (!SURVEY_TOKEN.test(token)) return undefined;
      const stored = await store.byTokenHash(tokenHash(token));
      if (!stored) return undefined;
      const { tokenHash: _hash, ...invitation } = stored;
      return invitation;
    },
    claim: (id, now) => store.markUsed(id, now),
    release: (id, usedAt) => store.unmarkUsed(id, usedAt),
  };
}
