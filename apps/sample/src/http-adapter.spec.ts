import { describe, expect, it } from '@jest/globals';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { createHttpAdapter, httpAdapterFromEnv, listenHost } from './http-adapter.js';

describe('HTTP_ADAPTER', () => {
  it('is express when unset or empty, and takes express or fastify', () => {
    expect(httpAdapterFromEnv(undefined)).toBe('express');
    expect(httpAdapterFromEnv('')).toBe('express');
    expect(httpAdapterFromEnv('express')).toBe('express');
    expect(httpAdapterFromEnv('fastify')).toBe('fastify');
  });

  it.each(['koa', 'Fastify', ' express'])('refuses %j, naming the variable and the accepted values', (value) => {
    expect(() => httpAdapterFromEnv(value)).toThrow(
      `The sample app's HTTP_ADAPTER is invalid: ${JSON.stringify(value)}. Accepted values: express (the default), fastify.`,
    );
  });

  it('gives the Nest adapter of that name', async () => {
    expect(await createHttpAdapter('express')).toBeInstanceOf(ExpressAdapter);
    expect(await createHttpAdapter('fastify')).toBeInstanceOf(FastifyAdapter);
  });

  it('listens on every address with either adapter, as Node does when given no host', () => {
    expect(['::', '0.0.0.0']).toContain(listenHost());
  });
});
