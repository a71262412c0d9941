/**
 * Our copy of TypeBox's code-point counter (the validator's one run-time guard) counts exactly as
 * TypeBox's does, and as the string iterator does: over plain text, astral characters, lone and
 * reversed surrogates, and random UTF-16.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Guard } from 'typebox/guard';
import { CodePointCount } from '../src/code-points.ts';

const SAMPLES = [
  '',
  'run-1',
  'naïve café',
  '日本語のログ',
  '🚀 launch',
  '👩‍🔬 lab 🧪🧪',
  '\uD83D', // a lone high surrogate
  '\uDE80', // a lone low surrogate
  '\uDE80\uD83D', // the pair reversed
  'a\uD83D\uD83D\uDE80b', // a high, then a pair
];

describe('CodePointCount', () => {
  it('counts like TypeBox and the string iterator on chosen text', () => {
    for (const text of SAMPLES) {
      assert.equal(CodePointCount(text), Guard.CodePointCount(text), JSON.stringify(text));
      assert.equal(CodePointCount(text), [...text].length, JSON.stringify(text));
    }
  });

  it('counts like TypeBox on random UTF-16, surrogates included', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    // Units drawn mostly from the surrogate blocks, where the two could disagree.
    const unit = () => (next() % 4 === 0 ? next() % 0x10000 : 0xd800 + (next() % 0x800));
    for (let round = 0; round < 2_000; round += 1) {
      const text = String.fromCharCode(...Array.from({ length: next() % 12 }, unit));
      assert.equal(CodePointCount(text), Guard.CodePointCount(text), JSON.stringify(text));
      assert.equal(CodePointCount(text), [...text].length, JSON.stringify(text));
    }
  });
});
