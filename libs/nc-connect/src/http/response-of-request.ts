import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { HttpRequest, HttpResponse } from './nc-connect-http.js';

/** The part of a Fastify instance used here (`@nestjs/platform-fastify` is an optional peer). */
interface FastifyHooks {
  hasRequestDecorator(name: symbol): boolean;
  decorateRequest(name: symbol, value: null): unknown;
  addHook(
    name: 'onRequest',
    hook: (request: Record<symbol, unknown>, reply: object, done: (err?: Error) => void) => void,
  ): unknown;
}

/**
 * Where the hook below keeps each Fastify request's reply: a request property declared to Fastify
 * with `decorateRequest` (Fastify's own way of adding to its requests, which keeps their shape
 * stable). A WeakMap cost every request on Fastify 10–15 µs, mostly in the garbage collector.
 */
const REPLY = Symbol('nc-connect.reply');

/**
 * The response of a request, for code that passport hands only the request: a strategy's
 * `authenticate(req, options)`, which must set cookies and answer redirects. It is the response
 * object Nest's guards see (Express `Response`, `FastifyReply`), so that the library writes through
 * Nest's HTTP adapter as everywhere else.
 *
 * - Express links them itself before any route runs (`req.res`, part of Express's API).
 * - Fastify does not: an `onRequest` hook records each request's reply. It is added to the app's
 *   Fastify instance at module init, before Fastify is ready, and Fastify gives it every route.
 *
 * A Nest middleware would not do: on Fastify it sees the raw Node objects, not the `FastifyReply`.
 */
@Injectable()
export class ResponseOfRequest implements OnModuleInit {
  constructor(private readonly host: HttpAdapterHost) {}

  onModuleInit(): void {
    const adapter = this.host.httpAdapter;
    // No HTTP adapter (an application context, a microservice): no request ever comes.
    if (adapter?.getType() !== 'fastify') return;
    const fastify = adapter.getInstance<FastifyHooks>();
    // One hook per app, however many NcConnectModules it imports.
    if (fastify.hasRequestDecorator(REPLY)) return;
    fastify.decorateRequest(REPLY, null);
    fastify.addHook('onRequest', (request, reply, done) => {
      request[REPLY] = reply;
      done();
    });
  }

  /**
   * The response of `req`.
   * @throws Error when the app runs on an HTTP adapter other than Express and Fastify
   */
  of(req: HttpRequest): HttpResponse {
    const type = this.host.httpAdapter?.getType();
    const res =
      type === 'fastify'
        ? (req as unknown as Record<symbol, HttpResponse | null>)[REPLY]
        : type === 'express'
          ? (req as { res?: object }).res
          : undefined;
    if (!res) {
      throw new Error(
        `NC Connect found no response for this request (HTTP adapter: ${type ?? 'none'}): the login routes run on Nest's Express or Fastify adapter (NestFactory.create(AppModule) or new FastifyAdapter()), with the request Nest's guards get.`,
      );
    }
    return res;
  }
}
