import type { Concern } from "../../core/index.ts";

type Listener = (concerns: readonly Concern[]) => void;

/**
 * The concerns this instance has just stored, as they now stand, for whatever shows them outside the
 * outbox (Slack's App Home tabs). In-process only: the instance that wrote a concern refreshes the
 * views that show it, which every instance can do, so nothing crosses to the others.
 */
export class ConcernChangeFeed {
  private readonly listeners: Listener[] = [];

  subscribe(listener: Listener): void {
    this.listeners.push(listener);
  }

  /** A listener's failure is its own: it never fails the write that was already stored. */
  publish(concerns: readonly Concern[]): void {
    for (const listener of this.listeners) {
      try {
        listener(concerns);
      } catch {
        // Listeners log their own trouble; a stored write stays stored.
      }
    }
  }
}
