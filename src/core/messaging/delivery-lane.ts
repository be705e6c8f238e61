import type { OutboxEntry } from "./outbound-message.ts";

/**
 * The lane a message travels in: everything said about one concern on one platform (its card, the
 * card's updates and replies, direct messages that link to it), or else everything for one person.
 * A lane delivers in the order the messages were written; lanes run side by side, so a destination
 * that stops answering holds up its own lane only.
 */
export function deliveryLane(entry: OutboxEntry): string {
  if (entry.concernId) return `${entry.platform}:concern:${entry.concernId}`;
  const m = entry.message;
  switch (m.kind) {
    case "direct":
    case "digest":
      return `${entry.platform}:person:${m.personId}`;
    case "direct-to-user":
      return `${entry.platform}:user:${m.platformUserId}`;
    case "post-card":
    case "update-cards":
    case "thread-reply":
      return `${entry.platform}:concern:${m.concernId}`;
  }
}

/** Groups entries (already oldest first) into their lanes, keeping each lane's order. */
export function groupByLane(entries: readonly OutboxEntry[]): Map<string, OutboxEntry[]> {
  const lanes = new Map<string, OutboxEntry[]>();
  for (const entry of entries) {
    const key = deliveryLane(entry);
    const lane = lanes.get(key);
    if (lane) lane.push(entry);
    else lanes.set(key, [entry]);
  }
  return lanes;
}
