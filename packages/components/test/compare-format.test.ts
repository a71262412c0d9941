/**
 * How the comparison writes figures, deltas and previews.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  describeStructured,
  formatFigure,
  formatPercent,
  formatSigned,
  preview,
} from '../src/run-compare/compare-format.ts';

describe('compare format', () => {
  it('writes figures to four significant digits, tiny and huge ones with an exponent', () => {
    assert.equal(formatFigure(0.412345), '0.4123');
    assert.equal(formatFigure(1024), '1,024');
    assert.equal(formatFigure(3e-4), '3e-4');
    assert.equal(formatFigure(1.25e-7), '1.25e-7');
    assert.equal(formatFigure(123.456), '123.5');
    assert.equal(formatFigure(2.5e12), '2,500,000,000,000');
    assert.equal(formatFigure(2.55e12 + 0.5), '2.55e+12');
    assert.equal(formatFigure(0), '0');
  });

  it('signs deltas and percentages', () => {
    assert.equal(formatSigned(0.0123), '+0.0123');
    assert.equal(formatSigned(-3), '−3');
    assert.equal(formatSigned(0), '±0');
    assert.equal(formatPercent(0.031), '+3.1%');
    assert.equal(formatPercent(-0.125), '−12.5%');
    assert.equal(formatPercent(2.5), '+250%');
    assert.equal(formatPercent(0), '±0%');
  });

  it('cuts previews and describes containers', () => {
    assert.equal(preview({ a: 'x'.repeat(100) }, 10), '{"a":"xxx…');
    assert.equal(preview([1, 2]), '[1,2]');
    assert.equal(describeStructured({ a: 1, b: 2 }), 'object · 2 keys');
    assert.equal(describeStructured([1]), 'array · 1 item');
  });
});
