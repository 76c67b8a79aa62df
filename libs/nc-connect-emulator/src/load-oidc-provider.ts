import type Provider from 'oidc-provider';

type OidcProviderModule = typeof import('oidc-provider');

let loading: Promise<OidcProviderModule> | undefined;

/**
 * Imports oidc-provider once. Its module prints "Unsupported runtime" on Node 20 while the
 * emulator works there (CI still runs the tests on Node 20): that single line is filtered out of
 * `console.warn` during the import, everything else oidc-provider says still shows.
 */
export function loadOidcProviderModule(): Promise<OidcProviderModule> {
  loading ??= (async () => {
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].includes('oidc-provider WARNING: Unsupported runtime')) return;
      warn.apply(console, args);
    };
    try {
      return await import('oidc-provider');
    } finally {
      console.warn = warn;
    }
  })();
  return loading;
}

/** oidc-provider's `Provider` class (see {@link loadOidcProviderModule}). */
export async function loadOidcProvider(): Promise<typeof Provider> {
  return (await loadOidcProviderModule()).default;
}
