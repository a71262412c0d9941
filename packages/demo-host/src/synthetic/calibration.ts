import { round } from './random.ts';

/**
 * How well stated confidences match how often a model is right, the way evaluation reports put
 * it: accuracy, expected calibration error over equal-width bins, Brier score.
 */

/** One answer: how sure the model said it was, and whether it was right. */
export interface Graded {
  confidence: number;
  correct: boolean;
}

/** One confidence bin of a reliability diagram; empty bins are left out. */
export interface CalibrationBin {
  /** Lower and upper edge of the bin (the last bin includes 1). */
  range: [number, number];
  count: number;
  accuracy: number;
  mean_confidence: number;
}

/** Calibration of one set of answers. */
export interface Calibration {
  n: number;
  accuracy: number;
  mean_confidence: number;
  /** Expected calibration error: the count-weighted mean |accuracy - confidence| over the bins. */
  ece: number;
  brier: number;
  bins: CalibrationBin[];
}

/** Calibration of `answers` (non-empty) over `binCount` equal-width confidence bins. */
export function calibrate(answers: readonly Graded[], binCount = 10): Calibration {
  const sums = Array.from({ length: binCount }, () => ({ count: 0, right: 0, confidence: 0 }));
  let right = 0;
  let confidence = 0;
  let brier = 0;
  for (const answer of answers) {
    const bin = sums[Math.min(binCount - 1, Math.floor(answer.confidence * binCount))]!;
    const hit = answer.correct ? 1 : 0;
    bin.count += 1;
    bin.right += hit;
    bin.confidence += answer.confidence;
    right += hit;
    confidence += answer.confidence;
    brier += (answer.confidence - hit) ** 2;
  }
  const n = answers.length;
  let ece = 0;
  const bins: CalibrationBin[] = [];
  for (const [index, sum] of sums.entries()) {
    if (sum.count === 0) continue;
    ece += (sum.count / n) * Math.abs(sum.right / sum.count - sum.confidence / sum.count);
    bins.push({
      range: [round(index / binCount, 2), round((index + 1) / binCount, 2)],
      count: sum.count,
      accuracy: round(sum.right / sum.count, 4),
      mean_confidence: round(sum.confidence / sum.count, 4),
    });
  }
  return {
    n,
    accuracy: round(right / n, 4),
    mean_confidence: round(confidence / n, 4),
    ece: round(ece, 4),
    brier: round(brier / n, 4),
    bins,
  };
}
