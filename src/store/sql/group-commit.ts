import { DomainError } from '../../domain/errors.ts';

interface Pending<Trx> {
  work: (trx: Trx) => Promise<unknown>;
  resolve: (value: any) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit: appends that arrive while a transaction is running wait and then share the next one, so a busy
 * server pays one commit for many appends. Each still resolves only once its transaction has committed.
 *
 * Work that refuses with a DomainError has written nothing (commands decide before any write), so it fails alone
 * and the rest of its batch commits. Any other error spoils the transaction: the batch is rolled back and each of
 * its appends is run again on its own, so one bad append never takes others down with it.
 */
export class GroupCommit<Trx> {
  private queue: Pending<Trx>[] = [];
  private draining = false;

  constructor(
    private readonly transact: (work: (trx: Trx) => Promise<void>) => Promise<void>,
    private readonly maxBatch = 64,
  ) {}

  submit<T>(work: (trx: Trx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        // One turn of the event loop first: requests already received reach their append and join this batch.
        // (A transaction on better-sqlite3 never yields by itself, so without this every batch would hold one.)
        await new Promise((resolve) => setImmediate(resolve));
        await this.run(this.queue.splice(0, this.maxBatch));
      }
    } finally {
      this.draining = false;
    }
  }

  private async run(batch: Pending<Trx>[]): Promise<void> {
    const outcomes: Outcome[] = [];
    try {
      await this.transact(async (trx) => {
        outcomes.length = 0;
        for (const item of batch) {
          try {
            outcomes.push({ ok: true, value: await item.work(trx) });
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const item of batch) await this.run([item]);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }
}
