import { Injectable } from '@nestjs/common';
import { HttpAdapterHost, type AbstractHttpAdapter } from '@nestjs/core';
import { parse as parseCookies } from 'cookie';
import Negotiator from 'negotiator';

/** A request of any Nest HTTP adapter (Express `Request`, Fastify `FastifyRequest`). */
export interface HttpRequest {
  readonly headers: Record<string, string | string[] | undefined>;
  /** Parsed by the adapter's body parser (urlencoded forms on both adapters). */
  readonly body?: unknown;
  /** Set by the guards; what `@CurrentUser()` reads. */
  user?: unknown;
  /** Set by `@nestjs/passport` to the strategy's info. */
  authInfo?: unknown;
}

/** A response of any Nest HTTP adapter (Express `Response`, Fastify `FastifyReply`). */
export type HttpResponse = object;

/** The attributes of the cookies the library sets. */
export interface CookieAttributes {
  readonly path: string;
  readonly secure: boolean;
  /** Seconds; omitted for a cookie that ends with the browser. */
  readonly maxAge?: number;
}

const MEDIA_TYPES = ['application/json', 'text/html'];

/**
 * Everything the library does with requests and responses, through Nest's HTTP adapter, so that the
 * Express and the Fastify adapter behave alike. The library never calls an Express- or
 * Fastify-specific method itself.
 */
@Injectable()
export class NcConnectHttp {
  constructor(private readonly host: HttpAdapterHost) {}

  private get adapter(): AbstractHttpAdapter {
    return this.host.httpAdapter;
  }

  /** One request header, the first value when repeated. */
  header(req: HttpRequest, name: string): string | undefined {
    const value = req.headers[name];
    return Array.isArray(value) ? value[0] : value;
  }

  /** The value of the cookie `name` sent with `req`. */
  cookie(req: HttpRequest, name: string): string | undefined {
    const header = this.header(req, 'cookie');
    return header ? parseCookies(header)[name] : undefined;
  }

  /** `GET`, `POST`… */
  method(req: HttpRequest): string {
    return this.adapter.getRequestMethod(req) as string;
  }

  /** The URL as the client asked for it (path and query), whatever the mount point. */
  url(req: HttpRequest): string {
    return this.adapter.getRequestUrl(req) as string;
  }

  /** The path of {@link url}, without the query. */
  path(req: HttpRequest): string {
    const url = this.url(req);
    const query = url.indexOf('?');
    return query === -1 ? url : url.slice(0, query);
  }

  /** The query string of {@link url}, parsed. */
  query(req: HttpRequest): URLSearchParams {
    const url = this.url(req);
    const query = url.indexOf('?');
    return new URLSearchParams(query === -1 ? '' : url.slice(query + 1));
  }

  /** True when the client prefers HTML to JSON, i.e. it is a browser navigating. */
  wantsHtml(req: HttpRequest): boolean {
    const accept = this.header(req, 'accept');
    if (!accept) return false;
    return new Negotiator({ headers: { accept } }).mediaType(MEDIA_TYPES) === 'text/html';
  }

  /** Appends an httpOnly, SameSite=Lax cookie to the response. */
  setCookie(res: HttpResponse, name: string, value: string, attributes: CookieAttributes): void {
    this.adapter.setCookie(res, name, value, { httpOnly: true, sameSite: 'lax', ...attributes });
  }

  /** Tells the browser to drop the cookie `name` set with `attributes`. */
  clearCookie(res: HttpResponse, name: string, attributes: CookieAttributes): void {
    this.adapter.clearCookie(res, name, {
      httpOnly: true,
      sameSite: 'lax',
      path: attributes.path,
      secure: attributes.secure,
    });
  }

  /** Sets a response header (replacing one of the same name). */
  setHeader(res: HttpResponse, name: string, value: string): void {
    this.adapter.setHeader(res, name, value);
  }

  /** Answers with a redirect, never cached. */
  redirect(res: HttpResponse, url: string, status = 302): void {
    this.adapter.setHeader(res, 'Cache-Control', 'no-store');
    this.adapter.redirect(res, status, url);
  }

  /** Answers JSON. */
  json(res: HttpResponse, status: number, body: unknown): void {
    this.adapter.setHeader(res, 'Content-Type', 'application/json; charset=utf-8');
    this.adapter.reply(res, JSON.stringify(body), status);
  }

  /** Answers an HTML page. */
  html(res: HttpResponse, status: number, page: string): void {
    this.adapter.setHeader(res, 'Content-Type', 'text/html; charset=utf-8');
    this.adapter.reply(res, page, status);
  }

  /** Answers with an empty body (through the adapter's reply, so that the headers set before are sent). */
  empty(res: HttpResponse, status: number): void {
    this.adapter.reply(res, undefined, status);
  }

  /** Ends a response whose headers are already sent. */
  end(res: HttpResponse): void {
    this.adapter.end(res);
  }

  /** True once the response has started. */
  headersSent(res: HttpResponse): boolean {
    return Boolean(this.adapter.isHeadersSent(res));
  }
}
