/**
 * autocannon made safe against a hostile target, one connection at a time (its `setupClient`
 * hook). Left alone, autocannon keeps each answer's whole body in memory (an endless or huge
 * answer grows the process without bound) and keeps one HTTP parser per connection across
 * reconnects (an answer cut off mid-body, or bytes that are not HTTP, spoil every later answer on
 * that connection until it times out). So, per connection: the bytes of the answer in progress
 * are counted and the connection is dropped past ANSWER_LIMIT_BYTES, as it is when the bytes are
 * not HTTP; every new connection starts with a fresh parser; and the call each drop or connection
 * error cuts off is named with its cause. The call in flight is the one in the connection's
 * request context (`CallContext.call`, set by the batch's setupRequest).
 *
 * This reaches into autocannon's Client (`parser`, `_connect`, `_resetConnection`,
 * `requestIterator.context`): autocannon is pinned to one version in package.json, and
 * test/load/hostile-targets.test.ts fails if any of them changes.
 */
import type { NoCodeCause } from '../../../checks/load/outcomes.ts';
import { ANSWER_LIMIT_BYTES } from '../../../adapters/client/outbound.ts';

/** The parts of autocannon 9's Client this guard uses. */
interface GuardedClient {
  parser: { type: string; execute(chunk: Buffer): number | Error; initialize(type: string): void };
  requestIterator: { context: object };
  _connect(): void;
  _resetConnection(): void;
  on(event: 'response', listener: () => void): void;
  on(event: 'connError', listener: (error: { code?: string }) => void): void;
}

export type CutOff = (context: object, cause: NoCodeCause) => void;

export function guardConnection(autocannonClient: unknown, cutOff: CutOff, limitBytes = ANSWER_LIMIT_BYTES): void {
  const client = autocannonClient as GuardedClient;
  const { parser } = client;
  const execute = parser.execute.bind(parser);
  const connect = client._connect.bind(client);
  let received = 0;

  const drop = (cause: NoCodeCause): void => {
    cutOff(client.requestIterator.context, cause);
    client._resetConnection();
  };
  client._connect = () => {
    parser.initialize(parser.type);
    received = 0;
    connect();
  };
  parser.execute = (chunk) => {
    received += chunk.length;
    if (received > limitBytes) {
      drop('tooLarge');
      return chunk.length;
    }
    const result = execute(chunk);
    if (result instanceof Error) drop(/header size/.test(result.message) ? 'tooLarge' : 'notHttp');
    return result;
  };
  client.on('response', () => {
    received = 0;
  });
  // Emitted before autocannon reconnects and sends the next call: the context is still this one's.
  client.on('connError', (error) => cutOff(client.requestIterator.context, error.code === 'ECONNREFUSED' ? 'refused' : 'reset'));
}
