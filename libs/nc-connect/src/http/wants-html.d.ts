import type { Request } from 'express';
/** True when the client prefers HTML to JSON, i.e. it is a browser navigating. */
export declare function wantsHtml(req: Request): boolean;
