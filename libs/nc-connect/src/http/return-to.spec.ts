import { describe, expect, it } from '@jest/globals';
import { sanitizeReturnTo } from './return-to.js';

describe('sanitizeReturnTo', () => {
  it.each([
    ['/profile', '/profile'],
    ['/profile?tab=2#top', '/profile?tab=2#top'],
    ['/démarches/en cours', '/d%C3%A9marches/en%20cours'],
    ['/search?q=a%2Fb', '/search?q=a%2Fb'],
    ['/', '/'],
  ])('keeps the same-origin path %s', (input, expected) => {
    expect(sanitizeReturnTo(input)).toBe(expected);
  });

  it.each([
    'https://evil.example/',
    '//evil.example',
    '///evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/%2F%2Fevil.example',
    '%2F%2Fevil.example',
    '/%5Cevil.example',
    '/%252F%252Fevil.example',
    '/.//evil.example/phish',
    '/%2e//evil.example',
    '/a/..//evil.example',
    '/..//evil.example',
    '/%2e%2e//evil.example/x',
    '/%2e/%2fevil.com',
    '/%2E%2E%2F%2E%2E%2F/evil',
    '/a/%2e%2e/%2f%2fevil.example',
    '/./\\evil.example',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '/\r\nSet-Cookie: x=1',
    '/%0d%0aSet-Cookie:%20x=1',
    '/\tevil',
    '/%E0%A4%A',
    'profile',
    '',
    `/${'a'.repeat(2048)}`,
  ])('turns %j into /', (input) => {
    expect(sanitizeReturnTo(input)).toBe('/');
  });

  it.each([[undefined], [null], [42], [['/a', '/b']], [{ path: '/a' }]])('turns a non-string %j into /', (input) => {
    expect(sanitizeReturnTo(input)).toBe('/');
  });
});

/** A deterministic pseudo-random generator (mulberry32), so that every run checks the same cases. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '/',
  '//',
  '\\',
  '.',
  '..',
  '%2e',
  '%2E',
  '%2f',
  '%2F',
  '%5c',
  '%5C',
  '%25',
  '%252f',
  '%09',
  'evil.example',
  ':',
  '@',
  '?',
  '#',
  'a',
  'é',
  '%',
];
const BASE = 'http://app.invalid';

/** What a decoding, normalising, redirecting proxy would make of `location`: its origin after `rounds` decodings. */
function originAfter(location: string, rounds: number): string | undefined {
  let current = location;
  for (let round = 0; round < rounds; round++) {
    try {
      current = decodeURIComponent(current);
    } catch {
      return undefined; // the proxy would refuse it
    }
  }
  if (current.startsWith('//') || current.includes('\\')) return 'elsewhere';
  return new URL(current, BASE).origin;
}

describe('sanitizeReturnTo, over 20,000 generated values', () => {
  it('never gives a value that decodes, once or more, and normalises to another origin', () => {
    const next = random(2026_12_01);
    const escaped: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const parts = Array.from(
        { length: 1 + Math.floor(next() * 8) },
        () => PIECES[Math.floor(next() * PIECES.length)],
      );
      const value = (next() < 0.8 ? '/' : '') + parts.join('');
      const kept = sanitizeReturnTo(value);
      for (let rounds = 0; rounds <= 3; rounds++) {
        const origin = originAfter(kept, rounds);
        if (origin !== undefined && origin !== BASE) escaped.push(`${value} -> ${kept} (${rounds} decodings)`);
      }
    }
    expect(escaped).toEqual([]);
  });
});
