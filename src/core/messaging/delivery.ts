import type { CardView } from "../views/channel-card-view.ts";
import type { CardLocation } from "../concern/concern.ts";
import type { DigestContent } from "../digest/digest.ts";
import type { ConcernId } from "../ids.ts";

/** Where a message lives in a chat platform: enough to update it, reply under it or link to it. */
export type MessageLocation = Pick<CardLocation, "channelId" | "messageId">;

/** What every delivery carries whatever its kind: which outbox row it is, and which concern it is about. */
interface DeliveryHeader {
  /** The outbox row's idempotency key: unique, for logs and for a transport that paces per row. */
  key: string;
  concernId?: ConcernId;
}

/**
 * An outbox message with everything looked up: the platform's channel and user ids, the cards already
 * rendered from the concern's current state. The core resolves it (resolveDelivery), so a notifier only
 * draws it in its platform's format, sends it and says how that went.
 */
export type Delivery = DeliveryHeader &
  (
    | { kind: "post-card"; channelId: string; view: CardView }
    /** Every card of the concern on this platform, each drawn for the department it sits in. */
    | { kind: "update-cards"; cards: { card: CardLocation; view: CardView }[] }
    /** `mentions`: the people the text names who have an id on this platform, to be @mentioned. */
    | {
        kind: "thread-reply";
        card: CardLocation;
        text: string;
        broadcast: boolean;
        mentions: readonly { name: string; userId: string }[];
      }
    /** To one person's chat: the text, a link to the concern's live card, and the card itself if asked. */
    | { kind: "direct"; userId: string; text: string; link?: MessageLocation; view?: CardView }
    /** `cards` maps each item's concern id to its active card here, for the digest's links. */
    | { kind: "digest"; userId: string; digest: DigestContent; cards: ReadonlyMap<string, CardLocation> }
  );

export type DeliveryOf<K extends Delivery["kind"]> = Extract<Delivery, { kind: K }>;
