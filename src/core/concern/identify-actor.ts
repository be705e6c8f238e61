import type { ActorRef } from "./concern.ts";
import type { Person } from "../directory/directory.ts";
import type { DirectoryIndex } from "../directory/directory-index.ts";
import type { Platform } from "../platform.ts";

/** A chat user as an adapter sees them. */
export interface PlatformIdentity {
  platform: Platform;
  userId: string;
  displayName: string;
}

export interface IdentifiedActor {
  ref: ActorRef;
  /** Who they are on their platform, for the platform groups' member lists. */
  identity: PlatformIdentity;
  /** Present when the directory knows this chat user; only then may they act on concerns. */
  person?: Person;
}

export function identifyActor(directory: DirectoryIndex, who: PlatformIdentity): IdentifiedActor {
  const person = directory.personOnPlatform(who.platform, who.userId);
  if (person)
    return {
      person,
      identity: who,
      ref: { key: `person:${person.id}`, displayName: person.name, platform: who.platform },
    };
  return {
    identity: who,
    ref: { key: `${who.platform}:${who.userId}`, displayName: who.displayName, platform: who.platform },
  };
}
