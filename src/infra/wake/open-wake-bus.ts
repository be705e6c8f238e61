import type { Logger } from "../../core/index.ts";
import { InProcessWakeBus } from "./in-process-wake-bus.ts";
import { PostgresWakeBus } from "./postgres-wake-bus.ts";
import type { WakeBus } from "./wake-bus.ts";

/** PostgreSQL (maybe several instances): LISTEN/NOTIFY. The embedded store is one process: in-process. */
export async function openWakeBus(databaseUrl: string | undefined, logger: Logger): Promise<WakeBus> {
  if (!databaseUrl) return new InProcessWakeBus();
  const bus = new PostgresWakeBus(databaseUrl, logger);
  await bus.start();
  return bus;
}
