import type { Request } from 'express';

/** True when the client prefers HTML to JSON, i.e. it is a browser navigating. */
export function wantsHtml(req: Request): boolean {
  return req.accepts(['json', 'html']) === 'html';
}
