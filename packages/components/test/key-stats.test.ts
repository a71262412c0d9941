/**
 * Result statistics: exact below the limit, within the sketch's bound above it, stable moments,
 * honest kinds, bounded top strings and sparklines, and memory that stops growing.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KeyStats, LOG_SCALE_SPAN, ResultStats, kindOf } from '../src/result-stats/key-stats.ts';
import { DDSketch } from '../src/result-stats/ddsketch.ts';
import { random } from './log-runs.ts';

/** A standard normal draw (Box–Muller). */
const normal = (rand: () => number) => () =>
  Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());

/** Type-7 quantile of a sorted array, the reference. */
function reference(sorted: number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

const relErr = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

const DISTRIBUTIONS: Record<string, (rand: () => number) => () => number> = {
  uniform: (r) => () => 10 + 90 * r(),
  normal: (r) => {
    const z = normal(r);
    return () => 50 + 5 * z();
  },
  lognormal: (r) => {
    const z = normal(r);
    return () => Math.exp(1.5 * z());
  },
  exponential: (r) => () => -Math.log(1 - r()) * 200,
  negative: (r) => {
    const z = normal(r);
    return () => -1000 - 100 * Math.abs(z());
  },
  pareto: (r) => () => 1 / Math.pow(1 - r(), 1 / 1.2),
};

/** How many of `values` fall in each of 10 bins, by their position (0..1) along the axis. */
function binCounts(values: readonly number[], position: (x: number) => number): number[] {
  const counts = new Array<number>(10).fill(0);
  for (const x of values) counts[Math.min(9, Math.floor(position(x) * 10))]! += 1;
  return counts;
}

/** Each count within `tolerance` (a fraction) of the expected one. */
function assertCounts(counts: readonly number[], expected: readonly number[], tolerance: number) {
  expected.forEach((want, i) => {
    assert.ok(Math.abs(counts[i]! - want) <= tolerance * want, `bin ${i}: ${counts[i]} vs ${want}`);
  });
}

describe('KeyStats numbers', () => {
  it('quantiles are exact up to the limit, compared with a sorted reference', () => {
    for (const [name, make] of Object.entries(DISTRIBUTIONS)) {
      const draw = make(random(7));
      const stats = new KeyStats('x', { exactLimit: 5000 });
      const all: number[] = [];
      for (let i = 0; i < 5000; i++) {
        const x = draw();
        all.push(x);
        stats.add(x);
        // Reads in between exercise the sort-and-merge of pending values.
        if (i % 997 === 0) stats.numeric();
      }
      all.sort((a, b) => a - b);
      const s = stats.numeric()!;
      assert.equal(s.exact, true, name);
      assert.equal(s.count, 5000);
      assert.equal(s.min, all[0]);
      assert.equal(s.max, all.at(-1));
      assert.equal(s.p50, reference(all, 0.5), name);
      assert.equal(s.p95, reference(all, 0.95), name);
      for (const q of [0, 0.01, 0.25, 0.99, 1]) assert.equal(stats.quantile(q), reference(all, q));
    }
  });

  it('past the limit, p50 and p95 are within 1 % of the true value for several distributions', () => {
    for (const [name, make] of Object.entries(DISTRIBUTIONS)) {
      const draw = make(random(11));
      const stats = new KeyStats('x', { exactLimit: 1000 });
      const all: number[] = [];
      for (let i = 0; i < 100_000; i++) {
        const x = draw();
        all.push(x);
        stats.add(x);
      }
      all.sort((a, b) => a - b);
      const s = stats.numeric()!;
      assert.equal(s.exact, false, name);
      assert.ok(relErr(s.p50, reference(all, 0.5)) < 0.01, `${name} p50 ${s.p50}`);
      assert.ok(relErr(s.p95, reference(all, 0.95)) < 0.01, `${name} p95 ${s.p95}`);
      assert.equal(s.min, all[0]);
      assert.equal(s.max, all.at(-1));
    }
  });

  it('the sketch keeps its relative bound across zero and on both signs', () => {
    const sketch = new DDSketch(0.005);
    const values: number[] = [];
    const rand = random(3);
    for (let i = 0; i < 20_000; i++) {
      const x = (rand() - 0.3) * 1e4;
      values.push(x);
      sketch.add(x);
    }
    for (let i = 0; i < 500; i++) {
      values.push(0);
      sketch.add(0);
    }
    values.sort((a, b) => a - b);
    for (const q of [0.01, 0.1, 0.2, 0.5, 0.8, 0.95, 0.999]) {
      const want = values[Math.floor(q * (values.length - 1))]!;
      assert.ok(
        relErr(sketch.quantile(q), want) <= 0.0051,
        `q ${q}: ${sketch.quantile(q)} ${want}`,
      );
    }
  });

  it('Welford mean and sample σ stay accurate where the naive sums cancel', () => {
    const stats = new KeyStats('x');
    const offset = 1e9;
    const deviations = [4, 7, 13, 16];
    for (let i = 0; i < 10_000; i++) stats.add(offset + deviations[i % 4]!);
    // True: mean offset + 10, sample variance over n = 10,000 of deviations ±6, ±3.
    const n = 10_000;
    const trueSd = Math.sqrt(((36 + 9 + 9 + 36) / 4) * (n / (n - 1)));
    const s = stats.numeric()!;
    assert.ok(Math.abs(s.mean - (offset + 10)) < 1e-5);
    assert.ok(relErr(s.stddev, trueSd) < 1e-9, `welford ${s.stddev}`);
    // The textbook one-pass formula loses it here: the reason for Welford.
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const x = offset + deviations[i % 4]!;
      sum += x;
      sumSq += x * x;
    }
    const naive = Math.sqrt(Math.max(0, (sumSq - (sum * sum) / n) / (n - 1)));
    assert.ok(relErr(naive, trueSd) > 0.01, `naive ${naive}`);
  });

  it('σ of one value is 0; non-finite numbers are counted as null and ignored by the summary', () => {
    const stats = new KeyStats('x');
    stats.add(3);
    assert.equal(stats.numeric()!.stddev, 0);
    stats.add(NaN);
    stats.add(Infinity);
    assert.deepEqual(stats.numeric(), { ...stats.numeric()!, count: 1, min: 3, max: 3, mean: 3 });
    assert.equal(stats.kinds.null, 2);
    assert.equal(stats.count, 3);
  });

  it('the histogram has fixed edges over [min, max] and counts every number', () => {
    for (const limit of [100_000, 500]) {
      const stats = new KeyStats('x', { exactLimit: limit });
      const rand = random(5);
      const all: number[] = [];
      for (let i = 0; i < 20_000; i++) {
        const x = rand() * 100;
        all.push(x);
        stats.add(x);
      }
      const { edges, counts } = stats.histogram(10);
      assert.equal(edges.length, 11);
      assert.equal(counts.length, 10);
      assert.equal(edges[0], Math.min(...all));
      assert.equal(edges[10], Math.max(...all));
      assert.equal(
        counts.reduce((a, b) => a + b, 0),
        20_000,
      );
      // Each bin of a uniform sample holds ~10 %; the sketch moves at most its bins' edges.
      const expected = binCounts(all, (x) => (x - edges[0]!) / (edges[10]! - edges[0]!));
      assertCounts(counts, expected, limit > 20_000 ? 0 : 0.1);
    }
  });

  it('bins a heavy tail by ratio, exact and sketched alike', () => {
    for (const limit of [100_000, 500]) {
      const stats = new KeyStats('latency_ms', { exactLimit: limit });
      const rand = random(9);
      const all: number[] = [];
      // Heavy-tailed, 1 ms to ~1 min: equal widths would put nearly all of it in the first bin.
      for (let i = 0; i < 20_000; i++) {
        const x = Math.exp(rand() * Math.log(60_000));
        all.push(x);
        stats.add(x);
      }
      const { edges, counts, scale } = stats.histogram(10);
      assert.equal(scale, 'log');
      assert.equal(edges[0], Math.min(...all));
      assert.equal(edges[10], Math.max(...all));
      // Equal ratios: each edge is the same multiple of the one before.
      const step = edges[1]! / edges[0]!;
      for (let i = 1; i < 10; i++) assert.ok(Math.abs(edges[i + 1]! / edges[i]! - step) < 1e-9);
      assert.equal(
        counts.reduce((a, b) => a + b, 0),
        20_000,
      );
      // Log-uniform values fill the bins of equal ratio evenly (~10 % each).
      const span = Math.log(edges[10]! / edges[0]!);
      const expected = binCounts(all, (x) => Math.log(x / edges[0]!) / span);
      assertCounts(counts, expected, limit > 20_000 ? 0 : 0.1);
      for (const count of counts) assert.ok(count > 1_500, `a bin holds ${count}`);
    }
  });

  it('bins values of extreme range without overflow, exact and sketched', () => {
    const ranges = [
      [1e-200, 1e-198, 1e200], // hi / lo overflows
      [5e-324, 1e-300, 1], // a subnormal
      [-1.7e308, 0, 1.7e308], // hi - lo overflows
    ];
    for (const values of ranges) {
      for (const limit of [100_000, 2]) {
        const stats = new KeyStats('x', { exactLimit: limit });
        for (const x of values) stats.add(x);
        const { edges, counts } = stats.histogram(8);
        assert.ok(
          edges.every((e) => Number.isFinite(e)),
          `${values} (${limit}): edges ${edges}`,
        );
        assert.ok(
          edges.every((e, i) => i === 0 || e > edges[i - 1]!),
          `${values}: increasing edges ${edges}`,
        );
        assert.equal(
          counts.reduce((a, c) => a + c, 0),
          values.length,
          `${values} (${limit}): counts ${counts}`,
        );
      }
    }
  });

  it('keeps equal widths for a spread, a narrow span, or zero and negative values', () => {
    // Heavy-tailed (geometric) values, except where said: only the first case is binned by ratio.
    const geometric = (lo: number, hi: number) =>
      Array.from({ length: 101 }, (_, i) => lo * (hi / lo) ** (i / 100));
    const cases: [string, number[], 'log' | 'linear'][] = [
      ['heavy tail over six decades', geometric(1, 1e6), 'log'],
      ['a uniform spread from near zero', geometric(1, 1e6).map((_, i) => 0.001 + i), 'linear'],
      ['a span under LOG_SCALE_SPAN', geometric(1, LOG_SCALE_SPAN * 0.99), 'linear'],
      ['a zero among them', [0, ...geometric(1, 1e6)], 'linear'],
      ['a negative value among them', [-5, ...geometric(1, 1e6)], 'linear'],
    ];
    for (const [name, values, scale] of cases) {
      const stats = new KeyStats('x');
      for (const x of values) stats.add(x);
      assert.equal(stats.histogram(10).scale, scale, name);
    }
  });

  it('a constant series gets one full bin, not zero-width bins', () => {
    const stats = new KeyStats('x');
    for (let i = 0; i < 5; i++) stats.add(2);
    const { edges, counts } = stats.histogram(5);
    assert.ok(edges[0]! < 2 && edges[5]! > 2);
    assert.deepEqual(counts, [0, 0, 5, 0, 0]);
  });
});

describe('KeyStats sparkline', () => {
  it('keeps every value while short, then at most sparklinePoints, in arrival order', () => {
    const stats = new KeyStats('x', { sparklinePoints: 40 });
    for (let i = 0; i < 40; i++) stats.add(i);
    assert.deepEqual(
      stats.sparkline(),
      Array.from({ length: 40 }, (_, i) => i),
    );
    for (let i = 40; i < 100_000; i++) {
      stats.add(i);
      if (i % 4999 === 0) assert.ok(stats.sparkline().length <= 40);
    }
    const line = stats.sparkline();
    assert.ok(line.length >= 20 && line.length <= 40, String(line.length));
    // A rising series stays rising, from its first to its last value.
    for (let i = 1; i < line.length; i++) assert.ok(line[i]! > line[i - 1]!);
    assert.equal(line[0], 0);
    assert.equal(line.at(-1), 99_999);
  });

  it('gives bands of low, high and mean per bucket, means exact', () => {
    const stats = new KeyStats('x', { sparklinePoints: 20 });
    for (let i = 0; i < 20; i++) stats.add(i);
    assert.equal(stats.sparklineBands().width, 1);
    assert.deepEqual(stats.sparklineBands().mean, stats.sparkline());
    for (let i = 20; i < 1000; i++) stats.add(i);
    const { width, min, max, mean } = stats.sparklineBands();
    assert.ok(width > 1 && mean.length <= 10, `${width} ${mean.length}`);
    assert.equal(mean.length, Math.ceil(1000 / width));
    for (let b = 0; b < mean.length; b++) {
      const last = Math.min(1000, (b + 1) * width) - 1;
      assert.equal(min[b], b * width);
      assert.equal(max[b], last);
      assert.equal(mean[b], (b * width + last) / 2);
    }
  });

  it('keeps single spikes that averaging would flatten', () => {
    const stats = new KeyStats('x', { sparklinePoints: 20 });
    for (let i = 0; i < 10_000; i++) stats.add(i === 1234 ? 1000 : i === 7777 ? -1000 : 0);
    const line = stats.sparkline();
    assert.ok(line.length <= 20);
    assert.equal(Math.max(...line), 1000);
    assert.equal(Math.min(...line), -1000);
    assert.ok(line.indexOf(1000) < line.indexOf(-1000), 'spike before dip, as they came');
  });
});

describe('KeyStats kinds', () => {
  it('infers kinds from values and counts mixed keys honestly', () => {
    assert.equal(kindOf(1.5), 'number');
    assert.equal(kindOf(false), 'boolean');
    assert.equal(kindOf(''), 'string');
    assert.equal(kindOf(null), 'null');
    assert.equal(kindOf([]), 'structured');
    assert.equal(kindOf({}), 'structured');
    const stats = new KeyStats('m');
    assert.equal(stats.dominantKind, undefined);
    for (let i = 0; i < 120; i++) stats.add(i);
    for (const v of ['n/a', 'n/a', 'err']) stats.add(v);
    stats.add(null);
    stats.add({ a: 1 });
    stats.add(true);
    assert.equal(stats.count, 126);
    assert.deepEqual(stats.kinds, { number: 120, boolean: 1, string: 3, null: 1, structured: 1 });
    assert.equal(stats.dominantKind, 'number');
    assert.equal(stats.mixed, true);
    assert.deepEqual(stats.presentKinds.slice(0, 2), ['number', 'string']);
    assert.equal(stats.numeric()!.count, 120);
    assert.deepEqual(stats.topStrings(), [
      { value: 'n/a', count: 2 },
      { value: 'err', count: 1 },
    ]);
    assert.deepEqual(stats.booleans(), { true: 1, false: 0 });
    assert.deepEqual(stats.latestStructured, { a: 1 });
    assert.equal(stats.latest, true);
  });

  it('booleans give true and false counts; non-numeric keys have no numeric summary', () => {
    const stats = new KeyStats('b');
    for (let i = 0; i < 10; i++) stats.add(i % 5 !== 0);
    assert.deepEqual(stats.booleans(), { true: 8, false: 2 });
    assert.equal(stats.numeric(), undefined);
    assert.deepEqual(stats.histogram(), { edges: [], counts: [], scale: 'linear' });
    assert.deepEqual(stats.sparkline(), []);
    assert.equal(stats.dominantKind, 'boolean');
  });

  it('version changes on every add, the summary only then', () => {
    const stats = new KeyStats('v');
    stats.add(1);
    const a = stats.numeric();
    assert.equal(stats.numeric(), a);
    stats.add(2);
    assert.equal(stats.version, 2);
    assert.notEqual(stats.numeric(), a);
  });
});

describe('KeyStats strings', () => {
  it('exact top values while few distinct, then bounded and approximate, heavy hitters kept', () => {
    const stats = new KeyStats('s', { topStrings: 5 });
    for (let i = 0; i < 50; i++) stats.add(`v${i % 10}`);
    assert.equal(stats.stringsApproximate, false);
    assert.equal(stats.distinctStrings, 10);
    assert.equal(stats.topStrings(3).length, 3);
    assert.equal(stats.topStrings(3)[0]!.count, 5);

    const many = new KeyStats('s', { topStrings: 5 });
    const rand = random(9);
    for (let i = 0; i < 200_000; i++) {
      const r = rand();
      many.add(r < 0.2 ? 'gpt' : r < 0.3 ? 'claude' : r < 0.35 ? 'llama' : `id-${i}`);
    }
    assert.equal(many.stringsApproximate, true);
    assert.ok(many.footprint.strings <= 80, `counters ${many.footprint.strings}`);
    const top = many.topStrings(3);
    assert.deepEqual(
      top.map((t) => t.value),
      ['gpt', 'claude', 'llama'],
    );
    // Space-Saving overestimates by at most total / counters.
    assert.ok(Math.abs(top[0]!.count - 40_000) < 200_000 / 80 + 1000);
  });
});

describe('KeyStats memory', () => {
  it('internal sizes stop growing past the limits', () => {
    const stats = new KeyStats('x', { exactLimit: 2000, sparklinePoints: 60 });
    const draw = DISTRIBUTIONS.lognormal!(random(1));
    const sizes: string[] = [];
    for (let i = 1; i <= 400_000; i++) {
      stats.add(draw());
      if (i % 100_000 === 0) sizes.push(JSON.stringify(stats.footprint));
    }
    assert.equal(new Set(sizes).size, 1, sizes.join(' '));
    const f = stats.footprint;
    assert.equal(f.exactValues, 0, 'the exact buffer is dropped past its limit');
    assert.ok(f.sketchBins <= 4 * 2048);
    assert.ok(stats.sparkline().length <= 60);
  });

  it('a sketch over a range wider than its bins collapses the lowest and stays bounded', () => {
    const sketch = new DDSketch(0.01, 64);
    for (let e = -300; e <= 300; e += 0.5) sketch.add(Math.pow(10, e));
    assert.ok(sketch.capacity <= 2 * 64);
    // The top stays within the bound even though the lowest magnitudes collapsed.
    const q = sketch.quantile(1);
    assert.ok(relErr(q, 1e300) <= 0.0101);
  });
});

describe('ResultStats', () => {
  it('keeps keys in first-seen order and routes each value to its key', () => {
    const all = new ResultStats();
    all.add('b', 1);
    all.add('a', 'x');
    all.add('b', 2);
    assert.deepEqual(all.keys(), ['b', 'a']);
    assert.equal(all.get('b')!.count, 2);
    assert.equal(all.get('a')!.dominantKind, 'string');
    assert.equal(all.get('c'), undefined);
    assert.equal(all.version, 3);
    assert.equal(all.size, 2);
  });
});
