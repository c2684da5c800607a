import { describe, expect, it } from 'vitest';
import { clip, closestName, didYouMean, docsUrl } from '../src/index.js';

describe('closestName', () => {
  const commands = ['next', 'status', 'inspect', 'check', 'init', 'brief', 'handoff', 'graph'];
  it.each([
    ['nxt', 'next'],
    ['chekc', 'check'],
    ['STATUS', 'status'],
    ['handof', 'handoff'],
    ['frobnicate', undefined],
    ['x', undefined],
    ['', undefined],
  ])('%j → %j', (typed, expected) => {
    expect(closestName(typed, commands)).toBe(expected);
  });

  it('compares what `key` keeps, and prefers the nearest', () => {
    const options = ['-C', '--cwd', '--color', '--no-color'];
    expect(closestName('--C', options, (o) => o.replace(/^-+/, ''))).toBe('-C');
    expect(closestName('--colour', options, (o) => o.replace(/^-+/, ''))).toBe('--color');
    expect(closestName('-x', ['-f', '-c'], (o) => o.replace(/^-+/, ''))).toBeUndefined();
  });

  it('gives no suggestion for a name too long to be a typo', () => {
    expect(closestName('a'.repeat(10_000), ['a'])).toBeUndefined();
  });

  it('didYouMean phrases it', () => {
    expect(didYouMean('nxt', ['next'])).toBe('; did you mean "next"?');
    expect(didYouMean('zzz', ['next'])).toBe('');
  });
});

describe('clip', () => {
  it('keeps short text and marks cut text with …', () => {
    expect(clip('short', 5)).toBe('short');
    expect(clip('longer text', 7)).toBe('longer…');
    expect(clip('longer text', 7)).toHaveLength(7);
  });
});

describe('docsUrl', () => {
  it('links a page of the documentation in the repository', () => {
    expect(docsUrl('formats/state.md')).toBe('https://github.com/govern-dev/govern/blob/main/docs/formats/state.md');
  });
});
