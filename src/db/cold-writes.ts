/**
 * After Neo4j lost its connections (a crash, a restart) its plan cache is empty and its JVM cold, and
 * Neo4j plans a statement once per concurrent caller: twelve writers then compile the same texts twelve
 * times on the same cores (measured, issue 11). While the writes are "cold", ONE write runs at a time;
 * the others wait for it, at most `maxWaitMs`, and then fail as retryable. The first write that gets an
 * answer from Neo4j opens the gate: its plans are cached and the rest run as usual.
 *
 * Only a lost connection makes the writes cold, never a stall (a frozen Neo4j keeps its plans; waiting
 * behind a stuck write would stretch the fail-fast bound, decision 0058).
 */
export class ColdWrites {
  private cold: boolean;
  private flight: Promise<void> | undefined;

  constructor(startCold = true) {
    this.cold = startCold;
  }

  get isCold(): boolean {
    return this.cold;
  }

  /** Neo4j's connections were lost: the next writes plan from scratch. */
  markCold(): void {
    this.cold = true;
  }

  /**
   * Runs `write` now when warm; when cold, alone (the others wait for it). `answered(error)` tells
   * whether a failed write still reached Neo4j (a user error, a constraint): that opens the gate too.
   * `refused()` is thrown to a write that waited `maxWaitMs` in vain.
   */
  async run<T>(
    write: () => Promise<T>,
    options: { maxWaitMs: number; answered: (error: unknown) => boolean; refused: () => Error },
  ): Promise<T> {
    const until = Date.now() + options.maxWaitMs;
    while (this.cold) {
      if (!this.flight) return this.fly(write, options.answered);
      const left = until - Date.now();
      if (left <= 0) throw options.refused();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        this.flight,
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, left);
        }),
      ]);
      clearTimeout(timer);
    }
    return write();
  }

  /** The one write while cold; it opens the gate when Neo4j answered it. */
  private async fly<T>(write: () => Promise<T>, answered: (error: unknown) => boolean): Promise<T> {
    let settle: () => void = () => undefined;
    this.flight = new Promise<void>((resolve) => {
      settle = resolve;
    });
    try {
      const result = await write();
      this.cold = false;
      return result;
    } catch (error) {
      if (answered(error)) this.cold = false;
      throw error;
    } finally {
      this.flight = undefined;
      settle();
    }
  }
}
