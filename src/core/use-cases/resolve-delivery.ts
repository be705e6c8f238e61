import { channelCardView } from "../views/channel-card-view.ts";
import { currentCard, threadCard } from "../messaging/concern-cards.ts";
import type { Concern } from "../concern/concern.ts";
import type { Delivery } from "../messaging/delivery.ts";
import { digestCardLocations } from "../messaging/digest-card-locations.ts";
import type { DirectoryIndex } from "../directory/directory-index.ts";
import type { Department, Person } from "../directory/directory.ts";
import { asPersonId, type ConcernId } from "../ids.ts";
import type { ChatMessage, OutboxEntry } from "../messaging/outbound-message.ts";
import type { Platform } from "../platform.ts";
import type { LiaisonContext } from "./liaison-context.ts";

export type ResolveContext = Pick<LiaisonContext, "concerns" | "directory" | "clock">;

/**
 * A message ready to hand to its platform's notifier (with the concern it was drawn from, which the
 * delivery loop needs to record what changed once it is sent), or why it cannot be sent now.
 */
export type Resolution =
  | { kind: "ready"; delivery: Delivery; concern?: Concern }
  /** Not yet: the concern or its card is not visible here yet (another instance, replication). */
  | { kind: "retry"; error: string }
  /** Never as the directory stands: a person or a department has no id on this platform. */
  | { kind: "failed"; error: string };

type MessageOf<K extends ChatMessage["kind"]> = Extract<ChatMessage, { kind: K }>;

/** What every resolver of one message kind is given. */
interface Scope {
  ctx: ResolveContext;
  directory: DirectoryIndex;
  platform: Platform;
  now: Date;
  header: { key: string; concernId?: ConcernId };
}

const PLATFORM_NAME: Record<Platform, string> = { slack: "Slack", teams: "Teams" };
/** How each platform names a person's id, in the error a person reads in /healthz and the audit. */
const USER_ID_NAME: Record<Platform, string> = { slack: "Slack user id", teams: "Teams object id" };

const channelOf = (department: Department | undefined, platform: Platform) =>
  platform === "slack" ? department?.slackChannelId : department?.teamsChannelId;

const userOf = (person: Person | undefined, platform: Platform) =>
  platform === "slack" ? person?.slackUserId : person?.teamsAadObjectId;

/** A stored actor's id on this platform: a directory person's, or the platform id they acted with. */
function mentionedUser(s: Scope, actorKey: string): string | undefined {
  const [kind, id] = [actorKey.slice(0, actorKey.indexOf(":")), actorKey.slice(actorKey.indexOf(":") + 1)];
  if (kind === "person") return userOf(s.directory.person(asPersonId(id)), s.platform);
  return kind === s.platform ? id : undefined;
}

const missing = (id: ConcernId): Resolution => ({ kind: "retry", error: `concern ${id} not found` });

/**
 * Turns an outbox row into what its platform must send: channel and user ids from the directory,
 * cards rendered now from the concern's current state (so a card never shows an outdated state,
 * however long it waited in the outbox).
 */
export async function resolveDelivery(ctx: ResolveContext, entry: OutboxEntry): Promise<Resolution> {
  const scope: Scope = {
    ctx,
    directory: ctx.directory(),
    platform: entry.platform,
    now: ctx.clock.now(),
    header: { key: entry.idempotencyKey, ...(entry.concernId ? { concernId: entry.concernId } : {}) },
  };
  const m = entry.message;
  switch (m.kind) {
    case "post-card":
      return postCard(scope, m);
    case "update-cards":
      return updateCards(scope, m);
    case "thread-reply":
      return threadReply(scope, m);
    case "direct":
      return direct(scope, m);
    case "direct-to-user":
      return directToUser(scope, m);
    case "digest":
      return digest(scope, m);
  }
}

async function postCard(s: Scope, m: MessageOf<"post-card">): Promise<Resolution> {
  const channelId = channelOf(s.directory.department(m.departmentId), s.platform);
  if (!channelId) {
    return {
      kind: "failed",
      error: `department ${m.departmentId} has no ${PLATFORM_NAME[s.platform]} channel`,
    };
  }
  const concern = await s.ctx.concerns.findById(m.concernId);
  if (!concern) return missing(m.concernId);
  const view = channelCardView(s.directory, concern, s.now, m.departmentId);
  return { kind: "ready", delivery: { ...s.header, kind: "post-card", channelId, view }, concern };
}

async function updateCards(s: Scope, m: MessageOf<"update-cards">): Promise<Resolution> {
  const concern = await s.ctx.concerns.findById(m.concernId);
  if (!concern) return missing(m.concernId);
  // A card left in a department the concern moved away from is drawn for that department ("Moved to …").
  const cards = concern.cards
    .filter((card) => card.platform === s.platform)
    .map((card) => ({ card, view: channelCardView(s.directory, concern, s.now, card.departmentId) }));
  return { kind: "ready", delivery: { ...s.header, kind: "update-cards", cards }, concern };
}

async function threadReply(s: Scope, m: MessageOf<"thread-reply">): Promise<Resolution> {
  const concern = await s.ctx.concerns.findById(m.concernId);
  if (!concern) return missing(m.concernId);
  const card = threadCard(concern, s.platform);
  if (!card) return { kind: "retry", error: "the card has not been posted yet" };
  const delivery: Delivery = {
    ...s.header,
    kind: "thread-reply",
    card,
    text: m.text,
    broadcast: m.broadcast,
    mentions: (m.mentions ?? []).flatMap((mention) => {
      const userId = mentionedUser(s, mention.actorKey);
      return userId ? [{ name: mention.name, userId }] : [];
    }),
  };
  return { kind: "ready", delivery, concern };
}

async function direct(s: Scope, m: MessageOf<"direct">): Promise<Resolution> {
  const userId = userOf(s.directory.person(m.personId), s.platform);
  if (!userId) return { kind: "failed", error: `${m.personId} has no ${USER_ID_NAME[s.platform]}` };
  const concern = m.concernId ? await s.ctx.concerns.findById(m.concernId) : undefined;
  if (m.concernId && !concern) return missing(m.concernId);
  const link = concern && currentCard(concern, s.platform);
  // A copy of the card in someone's chat shows what it said, without buttons: those would go stale as
  // the concern changes. The link leads to the live card, where the concern is acted on.
  const view =
    m.withCard && concern ? { ...channelCardView(s.directory, concern, s.now), actions: [] } : undefined;
  const delivery: Delivery = {
    ...s.header,
    kind: "direct",
    userId,
    text: m.text,
    ...(link ? { link } : {}),
    ...(view ? { view } : {}),
  };
  return { kind: "ready", delivery, ...(concern ? { concern } : {}) };
}

/** A reporter known only by their chat id is sent a direct message like anyone else. */
async function directToUser(s: Scope, m: MessageOf<"direct-to-user">): Promise<Resolution> {
  const concern = await s.ctx.concerns.findById(m.concernId);
  if (!concern) return missing(m.concernId);
  const link = currentCard(concern, s.platform);
  const delivery: Delivery = {
    ...s.header,
    kind: "direct",
    userId: m.platformUserId,
    text: m.text,
    ...(link ? { link } : {}),
  };
  return { kind: "ready", delivery, concern };
}

async function digest(s: Scope, m: MessageOf<"digest">): Promise<Resolution> {
  const userId = userOf(s.directory.person(m.personId), s.platform);
  if (!userId) return { kind: "failed", error: `${m.personId} has no ${USER_ID_NAME[s.platform]}` };
  const cards = await digestCardLocations(s.ctx.concerns, m.digest, s.platform);
  return { kind: "ready", delivery: { ...s.header, kind: "digest", userId, digest: m.digest, cards } };
}
