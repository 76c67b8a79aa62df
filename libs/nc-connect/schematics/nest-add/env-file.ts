import { randomBytes } from 'node:crypto';
import type { NestAddSettings } from './nest-add-options.js';

/** The NC Connect variables of .env, pointing at the emulator of `npm run nc-connect:emulator`. */
export function emulatorVariables(settings: NestAddSettings): Record<string, string> {
  return {
    NC_CONNECT_ISSUER: `http://localhost:${settings.emulatorPort}/v3/realms/nc-connect`,
    // The emulator's demo service; its secret is public and works only against the emulator.
    NC_CONNECT_CLIENT_ID: 'nc-connect-demo',
    NC_CONNECT_CLIENT_SECRET: 'nc-connect-demo-secret',
    NC_CONNECT_REDIRECT_URI: `${settings.appUrl}/auth/callback`,
    NC_CONNECT_POST_LOGOUT_REDIRECT_URI: `${settings.appUrl}/logged-out`,
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    // `nest new`'s main.ts listens on PORT, else 3000.
    ...(settings.appPort === settings.defaultPort ? {} : { PORT: String(settings.appPort) }),
  };
}

/** The names a .env file sets (`NAME=value`, `export NAME=value`). */
function definedNames(env: string): Set<string> {
  return new Set([...env.matchAll(/^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/gm)].map((match) => match[1]));
}

/**
 * The .env file with the variables it does not set yet appended (existing ones are never changed);
 * `undefined` when it already sets them all.
 */
export function withVariables(env: string | undefined, variables: Record<string, string>): string | undefined {
  const defined = definedNames(env ?? '');
  const missing = Object.entries(variables).filter(([name]) => !defined.has(name));
  if (missing.length === 0) return undefined;
  const block = [
    '# NC Connect (nest add nestjs-nc-connect): the emulator of `npm run nc-connect:emulator`',
    ...missing.map(([name, value]) => `${name}=${value}`),
  ].join('\n');
  if (!env) return `${block}\n`;
  return `${env.replace(/\n*$/, '\n\n')}${block}\n`;
}

/** .gitignore with `.env` added when it does not ignore it yet; `undefined` when it does. */
export function ignoringEnv(gitignore: string | undefined): string | undefined {
  const lines = (gitignore ?? '').split(/\r?\n/).map((line) => line.trim());
  if (lines.some((line) => ['.env', '/.env', '.env*', '*.env', '.env.*'].includes(line))) return undefined;
  const block = '# local settings and secrets (nest add nestjs-nc-connect)\n.env\n';
  return gitignore ? `${gitignore.replace(/\n*$/, '\n\n')}${block}` : block;
}
