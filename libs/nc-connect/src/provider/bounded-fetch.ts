/** The most a provider answer may weigh; NC Connect's largest (a JWKS) is a few kilobytes. */
export const MAX_PROVIDER_RESPONSE_BYTES = 1024 * 1024;

/** A provider answered more than {@link MAX_PROVIDER_RESPONSE_BYTES}. */
export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLargeError';
}

/**
 * `fetch` that refuses provider answers over `maxBytes` instead of buffering them whole, for
 * openid-client's and jose's `customFetch`.
 */
export function boundedFetch(maxBytes = MAX_PROVIDER_RESPONSE_BYTES) {
  // The options are passed through untouched; openid-client's and jose's option types both fit.
  return async (url: string, init?: object): Promise<Response> => {
    const response = await fetch(url, init as RequestInit);
    if (!response.body) return response;
    const declared = Number(response.headers.get('content-length'));
    const tooLarge = () => new ResponseTooLargeError(`${new URL(url).pathname} answered more than ${maxBytes} bytes`);
    if (declared > maxBytes) {
      await response.body.cancel();
      throw tooLarge();
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
    const copy = new Response(Buffer.concat(chunks), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    // A constructed Response has no URL; keep the real one for the error messages that name it.
    return Object.defineProperty(copy, 'url', { value: response.url });
  };
}
