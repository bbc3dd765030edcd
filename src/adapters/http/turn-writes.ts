/**
 * Writes held to the end of the event loop's turn, then made together. A write to a client that
 * has gone idle waits for the client to be woken, and under load that wake-up is most of what a
 * write costs (docs/performance.md, "Writes in bursts"); held until the turn has read every request
 * it had (setImmediate runs after the poll phase), the turn's answers go out as one burst, which
 * wakes a client once rather than once per answer.
 */
export interface TurnWrites {
  /** Makes `write` at the end of this turn, after the writes held before it. */
  hold(write: () => void): void;
  /**
   * Makes every write held so far, now (a server closing writes what it has answered). A write
   * that throws does not cost the others theirs: all are made, then the first error is thrown.
   */
  flush(): void;
}

export function createTurnWrites(): TurnWrites {
  const held: (() => void)[] = [];
  const flush = () => {
    // Taken whole first: a write held while these go out waits for the next turn.
    const writes = held.splice(0);
    let failure: { error: unknown } | undefined;
    for (const write of writes) {
      try {
        write();
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  };
  return {
    hold(write) {
      if (held.push(write) === 1) setImmediate(flush);
    },
    flush,
  };
}
