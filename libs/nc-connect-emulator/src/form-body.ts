import type { IncomingMessage } from 'node:http';

const MAX_BYTES = 16 * 1024;

/**
 * Reads an `application/x-www-form-urlencoded` body (a login form is tiny). A larger body is
 * drained without being kept, and `undefined` is returned.
 */
export async function readFormBody(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= MAX_BYTES) chunks.push(buffer);
  }
  return size <= MAX_BYTES ? new URLSearchParams(Buffer.concat(chunks).toString('utf8')) : undefined;
}
