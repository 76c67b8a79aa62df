import { UseGuards, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Field, GraphQLModule, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { BearerAuth, CurrentUser, NcConnectGuard, OptionalAuth, Public, type NcConnectUser } from 'nestjs-nc-connect';
import type { TestAdapter, TestAppExtras } from './test-app.js';

@ObjectType()
class Citizen {
  @Field(() => String)
  sub!: string;

  @Field(() => String, { nullable: true })
  login?: string;
}

/** A small code-first schema: every kind of resolver an app writes, behind a global `NcConnectGuard`. */
@Resolver()
class CitizenResolver {
  @Query(() => Citizen)
  me(@CurrentUser() user: NcConnectUser): Citizen {
    return { sub: user.sub, login: user.login };
  }

  @Query(() => String, { nullable: true })
  @OptionalAuth()
  greeting(@CurrentUser('login') login?: string): string | null {
    return login ? `Bonjour ${login}` : null;
  }

  @Query(() => String)
  @Public()
  hello(): string {
    return 'hello';
  }

  @Query(() => Citizen)
  @BearerAuth()
  apiMe(@CurrentUser() user: NcConnectUser): Citizen {
    return { sub: user.sub, login: user.login };
  }

  /** Guarded twice: the global guard, then this one (it must find its request as well). */
  @Query(() => String)
  @UseGuards(NcConnectGuard)
  twice(@CurrentUser('sub') sub: string): string {
    return sub;
  }
}

/**
 * GraphQL as each adapter serves it: Apollo on Express, Mercurius on Fastify, schema built in memory;
 * no GraphiQL page, so that a browser's GET query reaches the resolvers (and their guard).
 */
function graphqlModule(adapter: TestAdapter): DynamicModule {
  return adapter === 'fastify'
    ? GraphQLModule.forRoot<MercuriusDriverConfig>({ driver: MercuriusDriver, autoSchemaFile: true, graphiql: false })
    : GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, autoSchemaFile: true, graphiql: false });
}

/** What the GraphQL test app adds to the test app: the GraphQL module, the resolver, a global `NcConnectGuard`. */
export function graphqlExtras(adapter: TestAdapter): TestAppExtras {
  return {
    imports: [graphqlModule(adapter)],
    providers: [CitizenResolver, { provide: APP_GUARD, useClass: NcConnectGuard }],
  };
}

/** A GraphQL answer. */
export interface GraphQLAnswer {
  status: number;
  contentType: string | null;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; extensions?: { code?: string; ncConnectCode?: string } }>;
  };
}

/** POSTs `query` to `<url>/graphql` through `send` (a FakeBrowser's request, or fetch), with `headers`. */
export async function graphql(
  send: (url: string, init: RequestInit) => Promise<Response>,
  url: string,
  query: string,
  headers: Record<string, string> = {},
): Promise<GraphQLAnswer> {
  const response = await send(`${url}/graphql`, {
    method: 'POST',
    // A browser's fetch() of a page's script: HTML first would be a navigation to a page.
    headers: { 'content-type': 'application/json', accept: 'text/html,application/json;q=0.9', ...headers },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  let body: GraphQLAnswer['body'];
  try {
    body = JSON.parse(text) as GraphQLAnswer['body'];
  } catch {
    throw new Error(`/graphql answered ${response.status} with no JSON: ${text.slice(0, 200)}`);
  }
  return { status: response.status, contentType: response.headers.get('content-type'), body };
}
