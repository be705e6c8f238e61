import { setTimeout as sleep } from "node:timers/promises";
import type pg from "pg";

const POLL_MS = 20;

function busy(pool: pg.Pool): boolean {
  return pool.waitingCount > 0 || pool.idleCount < pool.totalCount;
}

/**
 * Waits until no statement is running or queued on the pool (seen twice in a row, so that a raise
 * between its two steps is not taken for idle), or until `deadlineMs` passes. A concern that was
 * acknowledged to a nurse is still being saved when Liaison is asked to stop: closing the client
 * under it lost it, and left the pool waiting forever for the connection it held.
 * Returns whether the pool went idle.
 */
export async function drainPool(pool: pg.Pool, deadlineMs: number): Promise<boolean> {
  const until = performance.now() + deadlineMs;
  let quiet = 0;
  while (quiet < 2) {
    if (performance.now() > until) return false;
    quiet = busy(pool) ? 0 : quiet + 1;
    await sleep(POLL_MS);
  }
  return true;
}
