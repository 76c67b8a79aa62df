/**
 * A browser without JavaScript for specs: fetch with `redirect: 'manual'` plus a cookie jar
 * (cookies keyed by name and path; every test server is on localhost).
 */
export class FakeBrowser {
  private readonly cookies = new Map<string, { name: string; value: string; path: string }>();

  /** One request, cookies sent and stored, redirects not followed. */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const { pathname } = new URL(url);
    const cookie = [...this.cookies.values()]
      .filter((c) => pathname === c.path || pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    const headers = new Headers(init.headers);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) this.store(line);
    return response;
  }

  /** POSTs an urlencoded form. */
  post(url: string, fields: Record<string, string>): Promise<Response> {
    return this.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /**
   * GETs `url` and follows redirects until a non-redirect answer or a redirect to a URL starting
   * with `stopAt` (the app's callback, which the fake browser does not call).
   */
  async navigate(url: string, stopAt?: string): Promise<{ response: Response; url: string }> {
    let current = url;
    for (let hops = 0; hops < 10; hops++) {
      const response = await this.request(current);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { response, url: current };
      current = new URL(location, current).href;
      await response.arrayBuffer();
      if (stopAt && current.startsWith(stopAt)) return { response, url: current };
    }
    throw new Error(`too many redirects from ${url}`);
  }

  private store(line: string): void {
    const [pair, ...attributes] = line.split(';').map((part) => part.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const attribute = (key: string) =>
      attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
    const path = attribute('path') ?? '/';
    const expires = attribute('expires');
    const expired =
      value === '' || attribute('max-age') === '0' || (expires !== undefined && Date.parse(expires) <= Date.now());
    if (expired) this.cookies.delete(`${name}|${path}`);
    else this.cookies.set(`${name}|${path}`, { name, value, path });
  }
}

/** The value of an `<input name="…" value="…">` in an HTML page. */
export function inputValue(html: string, name: string): string | undefined {
  const match = new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(html);
  return match?.[1];
}

/** The `action` of the first `<form>` whose action matches `pattern`. */
export function formAction(html: string, pattern: RegExp = /.*/): string | undefined {
  for (const match of html.matchAll(/<form[^>]*action="([^"]*)"/g)) {
    if (pattern.test(match[1])) return match[1].replace(/&amp;/g, '&');
  }
  return undefined;
}
