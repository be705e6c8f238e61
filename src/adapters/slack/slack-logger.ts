import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../core/index.ts";

/** Bolt's logger interface over ours, so Bolt's lines are structured and redacted like the rest. */
export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const text = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.message : String(a))).join(" ");
  return {
    debug: (...args) => logger.debug({ component: "bolt" }, text(args)),
    info: (...args) => logger.info({ component: "bolt" }, text(args)),
    warn: (...args) => logger.warn({ component: "bolt" }, text(args)),
    error: (...args) => logger.error({ component: "bolt" }, text(args)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
