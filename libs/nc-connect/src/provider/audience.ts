/** Whether a token's `aud` (a string or a list of them) names one of `ids`. */
export function audienceIncludes(aud: unknown, ids: readonly string[]): boolean {
  const list: unknown[] = Array.isArray(aud) ? aud : [aud];
  return list.some((a) => typeof a === 'string' && ids.includes(a));
}
