import type { AbstractHttpAdapter } from '@nestjs/core';
import { networkInterfaces } from 'node:os';

/** The values of `HTTP_ADAPTER`: the Nest HTTP adapter the sample app runs on. */
export const HTTP_ADAPTERS = ['express', 'fastify'] as const;
export type HttpAdapterName = (typeof HTTP_ADAPTERS)[number];

/**
 * `HTTP_ADAPTER`: `express` (the default, also when empty) or `fastify`.
 * @throws Error naming HTTP_ADAPTER and the accepted values, for any other value
 */
export function httpAdapterFromEnv(value: string | undefined = process.env.HTTP_ADAPTER): HttpAdapterName {
  const name = value || 'express';
  if ((HTTP_ADAPTERS as readonly string[]).includes(name)) return name as HttpAdapterName;
  throw new Error(
    `The sample app's HTTP_ADAPTER is invalid: ${JSON.stringify(value)}. Accepted values: express (the default), fastify.`,
  );
}

/** A new Nest HTTP adapter of that name; each platform package is loaded only when chosen. */
export async function createHttpAdapter(name: HttpAdapterName): Promise<AbstractHttpAdapter> {
  if (name === 'fastify') {
    const { FastifyAdapter } = await import('@nestjs/platform-fastify');
    return new FastifyAdapter();
  }
  const { ExpressAdapter } = await import('@nestjs/platform-express');
  return new ExpressAdapter();
}

/**
 * The host the app listens on, with either adapter: every address, as Node's HTTP server does when
 * given none (what `app.listen(port)` does on Express): `::` (IPv6 and IPv4), or `0.0.0.0` on a
 * machine without IPv6. Fastify, given no host, would listen on localhost only.
 */
export function listenHost(): string {
  const addresses = Object.values(networkInterfaces()).flatMap((list) => list ?? []);
  return addresses.some(({ family }) => family === 'IPv6') ? '::' : '0.0.0.0';
}
