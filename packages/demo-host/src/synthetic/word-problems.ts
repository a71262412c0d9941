import { between, pick } from './random.ts';
import type { Random } from './random.ts';

/**
 * Grade-school maths word problems in the style of GSM8K, made from templates so every answer
 * is really the answer. `slips` are the numbers a model that takes a wrong turn part-way
 * tends to give (an intermediate result, a step left out), so wrong answers look like real ones.
 */
export interface WordProblem {
  question: string;
  answer: number;
  /** Reasoning steps the problem needs: more steps, harder. */
  steps: number;
  slips: number[];
}

const NAMES = [
  'Amara',
  'Bilal',
  'Chen',
  'Daniela',
  'Eitan',
  'Farah',
  'Goran',
  'Hana',
  'Isak',
  'Jaya',
  'Kofi',
  'Lucía',
  'Mateo',
  'Nia',
  'Oskar',
  'Priya',
] as const;

/** Fractions in lowest terms, as a problem would state them. */
const FRACTIONS: readonly [[number, number], ...[number, number][]] = [
  [1, 3],
  [2, 3],
  [1, 4],
  [3, 4],
  [1, 5],
  [2, 5],
  [3, 5],
  [1, 6],
  [5, 6],
];

type Template = (rand: Random, name: string) => WordProblem;

const TEMPLATES: readonly [Template, ...Template[]] = [
  (rand, name) => {
    const [packs, per, given] = [between(rand, 3, 12), between(rand, 6, 24), between(rand, 5, 30)];
    return {
      question: `${name} buys ${packs} packs of pencils with ${per} pencils in each pack. ${name} gives ${given} pencils to classmates. How many pencils are left?`,
      answer: packs * per - given,
      steps: 2,
      slips: [packs * per, packs * per + given, packs + per - given],
    };
  },
  (rand) => {
    const [s1, h1, s2, h2] = [
      between(rand, 40, 90),
      between(rand, 2, 5),
      between(rand, 50, 120),
      between(rand, 1, 4),
    ];
    return {
      question: `A train travels at ${s1} km/h for ${h1} hours, then at ${s2} km/h for ${h2} hours. How many kilometres does it travel in total?`,
      answer: s1 * h1 + s2 * h2,
      steps: 3,
      slips: [s1 * h1, (s1 + s2) * (h1 + h2), s1 * h1 + s2],
    };
  },
  (rand, name) => {
    const [wage, hours, weeks, bike] = [
      between(rand, 9, 25),
      between(rand, 6, 20),
      between(rand, 2, 8),
      between(rand, 80, 400),
    ];
    const earned = wage * hours * weeks;
    return {
      question: `${name} earns $${wage} an hour and works ${hours} hours a week. After ${weeks} weeks, ${name} spends $${bike} on a bike. How many dollars are left?`,
      answer: earned - bike,
      steps: 3,
      slips: [earned, wage * hours - bike, wage * weeks * hours + bike],
    };
  },
  (rand) => {
    const [dozens, price, unsold] = [
      between(rand, 2, 15),
      between(rand, 2, 6),
      pick(rand, [10, 15, 20, 25, 40]),
    ];
    const loaves = dozens * 20;
    const sold = (loaves * (100 - unsold)) / 100;
    return {
      question: `A bakery bakes ${loaves} loaves a day and sells them for $${price} each. ${unsold}% of the loaves go unsold. How many dollars does the bakery make in a day?`,
      answer: sold * price,
      steps: 3,
      slips: [loaves * price, sold, ((loaves * unsold) / 100) * price],
    };
  },
  (rand) => {
    const [f, d] = pick(rand, FRACTIONS);
    const students = 2 * d * between(rand, 2, 5);
    const rest = students - (students * f) / d;
    return {
      question: `There are ${students} students in a class. ${f}/${d} of them play football and half of the rest play chess. How many students play chess?`,
      answer: rest / 2,
      steps: 3,
      slips: [rest, (students * f) / d / 2, students / 2],
    };
  },
  (rand, name) => {
    const [rows, cols, yieldPer, box] = [
      between(rand, 3, 9),
      between(rand, 4, 12),
      between(rand, 5, 15),
      pick(rand, [6, 8, 10, 12]),
    ];
    const tomatoes = rows * cols * yieldPer;
    return {
      question: `${name} plants ${rows} rows of ${cols} tomato plants. Each plant gives ${yieldPer} tomatoes, packed in boxes of ${box}. How many full boxes can ${name} fill?`,
      answer: Math.floor(tomatoes / box),
      steps: 3,
      slips: [tomatoes, Math.ceil(tomatoes / box) + 1, Math.floor((rows * cols) / box)],
    };
  },
  (rand, name) => {
    const [price, off, count] = [
      100 * between(rand, 2, 9),
      pick(rand, [10, 20, 25, 30]),
      between(rand, 2, 4),
    ];
    const paid = count * price * (1 - off / 100);
    const bills = Math.ceil(paid / 100) + between(rand, 0, 2);
    return {
      question: `A phone costs $${price} and is ${off}% off in a sale. ${name} buys ${count} of them and pays with ${bills} $100 bills. How many dollars of change does ${name} get?`,
      answer: bills * 100 - paid,
      steps: 4,
      slips: [paid, bills * 100 - count * price, bills * 100 - price * (1 - off / 100)],
    };
  },
  (rand, name) => {
    const [monday, fewer] = [between(rand, 12, 45), between(rand, 3, 10)];
    return {
      question: `${name} reads ${monday} pages on Monday, twice as many on Tuesday, and ${fewer} fewer than Tuesday on Wednesday. How many pages does ${name} read in the three days?`,
      answer: monday + 2 * monday + (2 * monday - fewer),
      steps: 3,
      slips: [monday + 2 * monday, monday * 3 - fewer, monday + 2 * monday + fewer],
    };
  },
];

/** `count` problems, the same for the same `rand` state. */
export function wordProblems(rand: Random, count: number): WordProblem[] {
  return Array.from({ length: count }, () => pick(rand, TEMPLATES)(rand, pick(rand, NAMES)));
}
