import type { CardLocation } from "../concern/concern.ts";
import type { DigestContent } from "../digest/digest.ts";
import type { Platform } from "../platform.ts";
import type { ConcernRepository } from "../ports/concern-repository.port.ts";

/** Where each digest item's card lives on a platform, so the digest can link to it. */
export async function digestCardLocations(
  concerns: Pick<ConcernRepository, "findById">,
  digest: DigestContent,
  platform: Platform,
): Promise<Map<string, CardLocation>> {
  const locations = new Map<string, CardLocation>();
  for (const item of digest.departments.flatMap((d) => d.items)) {
    const card = (await concerns.findById(item.concernId))?.cards.find(
      (c) => c.platform === platform && c.state === "active",
    );
    if (card) locations.set(item.concernId, card);
  }
  return locations;
}
