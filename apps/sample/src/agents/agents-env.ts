import { findOptionProblems, type NcConnectModuleOptions } from 'nestjs-nc-connect';

/** The environment variable behind each option of the agents' instance. */
const VARIABLES: Record<string, string> = {
  issuer: 'NC_CONNECT_AGENTS_ISSUER',
  clientId: 'NC_CONNECT_AGENTS_CLIENT_ID',
  clientSecret: 'NC_CONNECT_AGENTS_CLIENT_SECRET',
  redirectUri: 'NC_CONNECT_AGENTS_REDIRECT_URI',
  postLogoutRedirectUri: 'NC_CONNECT_AGENTS_POST_LOGOUT_REDIRECT_URI',
  'session.secret': 'SESSION_SECRET',
  redis: 'REDIS_URL',
};

/** True when the agents' realm (Agent Connect) is configured: the sample then serves `/agents`. */
export function agentsEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.NC_CONNECT_AGENTS_ISSUER);
}

/**
 * The options of the agents' NC Connect instance (realm `agent-connect`), from the environment.
 * @throws Error listing every invalid or missing variable by name
 */
export function agentsOptionsFromEnv(get: (name: string) => string | undefined): NcConnectModuleOptions {
  const port = get('PORT') || '3000';
  const options: NcConnectModuleOptions = {
    issuer: get('NC_CONNECT_AGENTS_ISSUER') ?? '',
    clientId: get('NC_CONNECT_AGENTS_CLIENT_ID') ?? '',
    clientSecret: get('NC_CONNECT_AGENTS_CLIENT_SECRET') ?? '',
    redirectUri: get('NC_CONNECT_AGENTS_REDIRECT_URI') || `http://localhost:${port}/agents/auth/callback`,
    postLogoutRedirectUri: get('NC_CONNECT_AGENTS_POST_LOGOUT_REDIRECT_URI') || `http://localhost:${port}/logged-out`,
    session: { secret: get('SESSION_SECRET') || undefined },
    redis: get('REDIS_URL') || undefined,
  };
  const problems = findOptionProblems(options, { NODE_ENV: get('NODE_ENV') }).map(
    (p) => `- ${VARIABLES[p.option] ?? p.option}: ${p.message}`,
  );
  if (problems.length > 0)
    throw new Error(`The sample app's Agent Connect settings are invalid:\n${problems.join('\n')}`);
  return options;
}
