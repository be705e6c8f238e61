import pg from "pg";
import type { Logger } from "../../core/index.ts";
import { InProcessWakeBus } from "./in-process-wake-bus.ts";
import { mergeSignals, type WakeBus, type WakeSignal } from "./wake-bus.ts";

const CHANNEL = "liaison_wake";
const RECONNECT_MS = 2000;

/**
 * Instances sharing one PostgreSQL wake each other with LISTEN/NOTIFY on one dedicated connection.
 * This instance's handlers hear its own signals at once (not through the server); signals published
 * in the same turn of the event loop go out as one NOTIFY. If the connection drops, it is opened
 * again every few seconds; meanwhile the scheduler's ticks cover what the signals would have sped up.
 */
export class PostgresWakeBus implements WakeBus {
  private readonly local = new InProcessWakeBus();
  private readonly remoteHandlers: ((signal: WakeSignal, remote: boolean) => void)[] = [];
  private client?: pg.Client;
  private outgoing?: WakeSignal;
  private reconnect?: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly logger: Logger,
  ) {}

  /** Connects and listens; a failure is logged and retried, never thrown. */
  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on("error", (error) => this.lost(client, error));
    client.on("end", () => this.lost(client));
    client.on("notification", (message) => {
      // Our own NOTIFY comes back to us too; our handlers have had it already.
      if (message.processId === (client as unknown as { processID: number }).processID) return;
      const signal = parseSignal(message.payload);
      if (signal) for (const handler of this.remoteHandlers) handler(signal, true);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.client = client;
    } catch (error) {
      this.lost(client, error as Error);
    }
  }

  publish(signal: WakeSignal): void {
    this.local.publish(signal);
    const first = this.outgoing === undefined;
    this.outgoing = mergeSignals(this.outgoing, signal);
    if (first) setImmediate(() => this.flush());
  }

  subscribe(handler: (signal: WakeSignal, remote: boolean) => void): void {
    this.local.subscribe(handler);
    this.remoteHandlers.push(handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnect);
    await this.client?.end().catch(() => undefined);
  }

  private flush(): void {
    const signal = this.outgoing;
    this.outgoing = undefined;
    if (!signal || !this.client) return;
    const payload = JSON.stringify({ outbox: signal.outbox, dueAt: signal.dueAt?.toISOString() });
    this.client.query("SELECT pg_notify($1, $2)", [CHANNEL, payload]).catch((error: Error) => {
      this.logger.debug({ err: error.message }, "wake-up not sent to other instances");
    });
  }

  private lost(client: pg.Client, error?: Error): void {
    if (this.client === client) this.client = undefined;
    if (this.closed || this.reconnect) return;
    this.logger.warn(
      { err: error?.message, retryInMs: RECONNECT_MS },
      "lost the connection that wakes other instances; their timers and ticks still run",
    );
    client.end().catch(() => undefined);
    this.reconnect = setTimeout(() => {
      this.reconnect = undefined;
      void this.start();
    }, RECONNECT_MS);
    this.reconnect.unref();
  }
}

function parseSignal(payload: string | undefined): WakeSignal | undefined {
  try {
    const raw = JSON.parse(payload ?? "") as { outbox?: unknown; dueAt?: unknown };
    const dueAt = typeof raw.dueAt === "string" ? new Date(raw.dueAt) : undefined;
    return {
      outbox: raw.outbox === true,
      ...(dueAt && !Number.isNaN(dueAt.getTime()) ? { dueAt } : {}),
    };
  } catch {
    return undefined;
  }
}
