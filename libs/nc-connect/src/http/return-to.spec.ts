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
