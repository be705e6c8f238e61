import { LiaisonBusyError } from "../errors.ts";

/**
 * Runs at most `concurrency` tasks at a time and lets at most `waiting` more wait their turn. A task
 * beyond that is refused at once, before anyone is told it was accepted: under overload a person is
 * asked to try again with their form still open, instead of being told "received" and losing it.
 */
export class BoundedQueue {
  private admitted = 0;
  private running = 0;
  private readonly turns: (() => void)[] = [];

  constructor(
    readonly concurrency: number,
    readonly waiting: number,
  ) {}

  /**
   * Queues `task` and resolves with its result. Rejects with LiaisonBusyError, without calling
   * `accepted`, when the queue is full. `accepted` runs as soon as the task has its place (to
   * acknowledge the request while the task waits); if it fails, the place is given up.
   */
  async run<T>(task: () => Promise<T>, accepted?: () => Promise<void>): Promise<T> {
    if (this.admitted >= this.concurrency + this.waiting) throw new LiaisonBusyError();
    this.admitted++;
    try {
      await accepted?.();
      await this.turn();
      try {
        return await task();
      } finally {
        this.handOver();
      }
    } finally {
      this.admitted--;
    }
  }

  private turn(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.turns.push(resolve));
  }

  /** The next waiting task takes over the finished one's slot. */
  private handOver(): void {
    const next = this.turns.shift();
    if (next) next();
    else this.running--;
  }
}
