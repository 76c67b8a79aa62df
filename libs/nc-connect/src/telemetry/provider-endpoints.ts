/** What a request to the provider was for, as the `nc_connect.endpoint` attribute says. */
export type ProviderEndpoint = 'discovery' | 'token' | 'userinfo' | 'jwks' | 'introspection' | 'other';

const DISCOVERY_PATH = '/.well-known/openid-configuration';

/** The parts of the discovery document that name the endpoints the library calls. */
interface EndpointMetadata {
  token_endpoint?: string;
  userinfo_endpoint?: string;
  jwks_uri?: string;
  introspection_endpoint?: string;
}

/** The URL without its query string or fragment (where codes and states live). */
export function withoutQuery(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/** Tells which endpoint a provider URL is, once discovery has named them. */
export class ProviderEndpoints {
  private readonly known = new Map<string, ProviderEndpoint>();

  /** Learns the endpoints of a discovery document. */
  learn(metadata: EndpointMetadata): void {
    const names: Array<[string | undefined, ProviderEndpoint]> = [
      [metadata.token_endpoint, 'token'],
      [metadata.userinfo_endpoint, 'userinfo'],
      [metadata.jwks_uri, 'jwks'],
      [metadata.introspection_endpoint, 'introspection'],
    ];
    for (const [url, name] of names) {
      if (typeof url === 'string' && URL.canParse(url)) this.known.set(withoutQuery(new URL(url)), name);
    }
  }

  nameOf(url: URL): ProviderEndpoint {
    if (url.pathname.endsWith(DISCOVERY_PATH)) return 'discovery';
    return this.known.get(withoutQuery(url)) ?? 'other';
  }
}
