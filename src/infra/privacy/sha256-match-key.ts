import { createHash } from "node:crypto";

/**
 * The repeat match key: SHA-256 of the normalised unit, room and patient reference, as hex. Stored
 * and searched instead of the reference, so the reference can later be encrypted and still match.
 */
export const sha256MatchKey = (text: string): string =>
  createHash("sha256").update(text, "utf8").digest("hex");
