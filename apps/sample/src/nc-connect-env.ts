import {
  findOptionProblems,
  type NcConnectModuleOptions,
  type NcConnectTokenEndpointAuthMethod,
} from 'nestjs-nc-connect';

/** The environment variable behind each option, so that start-up errors name what to fix. */
const VARIABLES: Record<string, string> = {
  issuer: 'NC_CONNECT_ISSUER',
  clientId: 'NC_CONNECT_CLIENT_ID',
  clientSecret: 'NC_CONNECT_CLIENT_SECRET',
  redirectUri: 'NC_CONNECT_REDIRECT_URI',
  postLogoutRedirectUri: 'NC_CONNECT_POST_LOGOUT_REDIRECT_URI',
  tokenEndpointAuthMethod: 'NC_CONNECT_TOKEN_ENDPOINT_AUTH_METHOD',
  clientKey: 'NC_CONNECT_CLIENT_KEY',
  scope: 'NC_CONNECT_SCOPE',
  'session.secret': 'SESSION_SECRET',
  redis: 'REDIS_URL',
};

/** Reads one variable (ConfigService.get, or a lookup in process.env). */
type Env = (name: string) => string | undefined;

/**
 * The NC Connect options of the sample app, read from the environment of INTERFACE.md.
 * @throws Error listing every invalid or missing variable by name
 */
export function ncConnectOptionsFromEnv(get: Env): NcConnectModuleOptions {
  const port = get('PORT') || '3000';
  const options: NcConnectModuleOptions = {
    issuer: get('NC_CONNECT_ISSUER') ?? '',
    clientId: get('NC_CONNECT_CLIENT_ID') ?? '',
    clientSecret: get('NC_CONNECT_CLIENT_SECRET') ?? '',
    redirectUri: get('NC_CONNECT_REDIRECT_URI') || `http://localhost:${port}/auth/callback`,
    postLogoutRedirectUri: get('NC_CONNECT_POST_LOGOUT_REDIRECT_URI') || `http://localhost:${port}/logged-out`,
    tokenEndpointAuthMethod: (get('NC_CONNECT_TOKEN_ENDPOINT_AUTH_METHOD') ||
      undefined) as NcConnectTokenEndpointAuthMethod,
    // A PEM private key; `\n` escapes stand for line breaks, for .env files that hold one line.
    clientKey: get('NC_CONNECT_CLIENT_KEY')?.replaceAll('\\n', '\n') || undefined,
    scope: get('NC_CONNECT_SCOPE') || undefined,
    session: { secret: get('SESSION_SECRET') || undefined },
    redis: get('REDIS_URL') || undefined,
  };
  const problems = findOptionProblems(options, { NODE_ENV: get('NODE_ENV') }).map(
    (p) => `- ${VARIABLES[p.option] ?? p.option}: ${p.message}`,
  );
  if (problems.length > 0) {
    throw new Error(`The sample app's NC Connect settings are invalid:\n${problems.join('\n')}`);
  }
  return options;
}
