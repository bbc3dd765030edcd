/**
 * The baseline: bare node:http that reads the body, parses it as JSON and answers a fixed JSON.
 * Prints its URL. Usage: tsx src/runners/bench/lib/bare-json-server.ts [ANSWER_JSON]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const answer = Buffer.from(process.argv[2] ?? '{"code":1000,"msg":"ok","data":{}}');

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    try {
      if (chunks.length > 0) JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      // The baseline answers the same whatever it gets.
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': answer.length });
    res.end(answer);
  });
});
server.listen(0, '127.0.0.1', () => console.log(`bare json server on http://127.0.0.1:${(server.address() as AddressInfo).port}`));
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
});
