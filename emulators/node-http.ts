import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * What the emulators' Node HTTP wrappers (square/server.ts, ota/server.ts) share: reading a request
 * body with a cap, and writing a fetch-style Response back. Run by Node, not workerd.
 */

/** Every emulator takes at most 1 MB, like the worker. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The body, or null past MAX_BODY_BYTES (the rest is not read). */
export function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        resolve(null);
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function send(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}
