import type Provider from 'oidc-provider';

let loading: Promise<typeof Provider> | undefined;

/**
 * Imports oidc-provider once. Its module prints "Unsupported runtime" on Node 20 while the
 * emulator works there (the project supports Node >= 20.19): that single line is filtered out of
 * `console.warn` during the import, everything else oidc-provider says still shows.
 */
export function loadOidcProvider(): Promise<typeof Provider> {
  loading ??= (async () => {
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].includes('oidc-provider WARNING: Unsupported runtime')) return;
      warn.apply(console, args);
    };
    try {
      return (await import('oidc-provider')).default;
    } finally {
      console.warn = warn;
    }
  })();
  return loading;
}
