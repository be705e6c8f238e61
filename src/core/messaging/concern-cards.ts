import type { CardLocation, Concern } from "../concern/concern.ts";
import type { Platform } from "../platform.ts";

/** The concern's live card on a platform: the one in the department that owns it now. */
export function currentCard(concern: Concern, platform: Platform): CardLocation | undefined {
  return concern.cards.find((c) => c.platform === platform && c.departmentId === concern.departmentId);
}

/** Where a thread reply goes: under the live card, or under an older one until the new card is posted. */
export function threadCard(concern: Concern, platform: Platform): CardLocation | undefined {
  return currentCard(concern, platform) ?? concern.cards.find((c) => c.platform === platform);
}

/** A card left behind in a department the concern was reassigned away from, not yet marked so. */
export const needsMovedMark = (concern: Concern, card: CardLocation) =>
  card.departmentId !== concern.departmentId && card.state === "active";
