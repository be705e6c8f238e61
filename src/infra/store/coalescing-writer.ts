interface Waiting<In, Out> {
  item: In;
  resolve: (out: Out) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for one kind of write: calls that arrive while a batch is being written go together
 * in the next batch, as one statement. Alone when idle (no added wait); together under load, so a
 * burst of raises costs a few round trips and commits instead of one or two per raise.
 */
export class CoalescingWriter<In, Out> {
  private readonly waiting: Waiting<In, Out>[] = [];
  private writing = false;

  /**
   * `writeBatch` answers each item, in order. When `retryAlone` is set, a batch that fails is
   * written again one item at a time, so one bad item fails alone.
   */
  constructor(
    private readonly writeBatch: (items: In[]) => Promise<Out[]>,
    private readonly options: { maxBatch: number; retryAlone: boolean },
  ) {}

  write(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      if (batch.length > 1 && this.options.retryAlone) {
        const failed = await this.settle(batch, false);
        for (const one of failed) await this.settle([one], true);
      } else {
        await this.settle(batch, true);
      }
    }
    this.writing = false;
  }

  /** Writes a batch and answers it; on failure rejects it (`final`) or hands it back. */
  private async settle(batch: Waiting<In, Out>[], final: boolean): Promise<Waiting<In, Out>[]> {
    try {
      const out = await this.writeBatch(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(out[i]!));
      return [];
    } catch (error) {
      if (!final) return batch;
      for (const w of batch) w.reject(error);
      return [];
    }
  }
}
