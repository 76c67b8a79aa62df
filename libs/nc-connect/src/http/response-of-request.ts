import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { HttpRequest, HttpResponse } from './nc-connect-http.js';

/** The part of a Fastify instance used here (`@nestjs/platform-fastify` is an optional peer). */
interface FastifyHooks {
  addHook(name: 'onRequest', hook: (request: object, reply: object, done: (err?: Error) => void) => void): unknown;
}

/** Each Fastify request's reply, recorded by the hook below; forgotten with the request. */
const replies = new WeakMap<object, HttpResponse>();
/** The Fastify instances that have the hook already (one per app, however many NcConnectModules). */
const hooked = new WeakSet<object>();

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
    if (hooked.has(fastify)) return;
    hooked.add(fastify);
    fastify.addHook('onRequest', (request, reply, done) => {
      replies.set(request, reply);
      done();
    });
  }

  /**
   * The response of `req`.
   * @throws Error when the app runs on an HTTP adapter other than Express and Fastify
   */
  of(req: HttpRequest): HttpResponse {
    const type = this.host.httpAdapter?.getType();
    const res = type === 'fastify' ? replies.get(req) : type === 'express' ? (req as { res?: object }).res : undefined;
    if (!res) {
      throw new Error(
        `NC Connect found no response for this request (HTTP adapter: ${type ?? 'none'}): the login routes run on Nest's Express or Fastify adapter (NestFactory.create(AppModule) or new FastifyAdapter()), with the request Nest's guards get.`,
      );
    }
    return res;
  }
}
