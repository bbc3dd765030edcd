/**
 * Writes held to the end of the event loop's turn, then made together. A write to a client that
 * has gone idle waits for the client to be woken, and under load that wake-up is most of what a
 * write costs (docs/performance.md, "Writes in bursts"); held until the turn has read every request
 * it had (setImmediate runs after the poll phase), the turn's answers go out as one burst, which
 * wakes a client once rather than once per answer.
 */
export type TurnWrites = (write: () => void) => void;

export function createTurnWrites(): TurnWrites {
  const held: (() => void)[] = [];
  const writeHeld = () => {
    // Taken whole first: a write held while these go out waits for the next turn.
    for (const write of held.splice(0)) write();
  };
  return (write) => {
    if (held.push(write) === 1) setImmediate(writeHeld);
  };
}
