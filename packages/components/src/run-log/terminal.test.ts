import { expect } from '@open-wc/testing';
import { MAX_SAMPLES, Terminal, type TermLine } from './terminal.ts';

function run(chunks: string[], stream: 'stdout' | 'stderr' = 'stdout'): TermLine[] {
  const lines: TermLine[] = [];
  const t = new Terminal(stream, (line) => lines.push(line));
  chunks.forEach((c, i) => t.write(c, 1000 + i, i));
  return lines;
}
const texts = (lines: TermLine[]) => lines.map((l) => l.text);

describe('Terminal', () => {
  it('ends lines at \\n and overwrites after \\r, as a terminal shows it', () => {
    expect(texts(run(['one\ntwo\n', 'abcdef\rXY\n', 'last']))).to.deep.equal([
      'one',
      'two',
      'XYcdef',
      'last',
    ]);
  });

  it('keeps a progress bar that redraws a thousand times as one line', () => {
    const chunks = Array.from(
      { length: 1000 },
      (_, i) => `\r${String(i / 10).padStart(5)}%|${'█'.repeat(i % 20)}`,
    );
    const lines = run([...chunks, '\ndone\n']);
    expect(lines).to.have.length(2);
    expect(lines[0]!.text.startsWith(' 99.9%|')).to.equal(true);
    expect(lines[0]!.redraws).to.equal(999);
    const samples = lines[0]!.samples;
    expect(samples.length).to.be.within(MAX_SAMPLES / 2, MAX_SAMPLES);
    // Evenly spread over the whole run, oldest first.
    expect(samples[0]!.time).to.be.below(1000 + 100);
    expect(samples.at(-1)!.time).to.be.above(1000 + 800);
  });

  it('reads the same whatever way the chunks split, even inside escapes and surrogate pairs', () => {
    const stream =
      'a\x1b[31mred\x1b[0m \x1b]8;;https://example.org\x1b\\link\x1b]8;;\x1b\\ 😀\r\x1b[2Kb\x1b[38;2;1;2;3mrgb\x1b[0m\n' +
      'x\x1b[Ay\x1b]0;title\x07z';
    const whole = run([stream]);
    for (let cut = 1; cut < stream.length; cut++) {
      const split = run([stream.slice(0, cut), stream.slice(cut)]);
      expect(texts(split), `cut at ${cut}`).to.deep.equal(texts(whole));
      expect(
        split.map((l) => l.segments()),
        `cut at ${cut}`,
      ).to.deep.equal(whole.map((l) => l.segments()));
    }
    // Up from the second line lands on the first at the same column: y and z overwrite it.
    expect(texts(whole)).to.deep.equal(['byzb', 'x']);
  });

  it('moves up and erases lines the way tqdm draws nested bars', () => {
    const draw = (outer: number, inner: number) => `\router ${outer}/2\n\r  inner ${inner}/3\x1b[A`;
    const lines = run([draw(0, 0), draw(0, 1), draw(0, 2), draw(1, 3), '\x1b[2K\r final\n\n']);
    expect(texts(lines)).to.deep.equal([' final', '  inner 3/3']);
    expect(lines[1]!.redraws).to.equal(3);
    expect(lines[0]!.redraws).to.equal(4);
  });

  it('applies SGR styles: 16, 256 and true colours, bold, dim, italic, underline, inverse', () => {
    const [line] = run([
      '\x1b[1;31mA\x1b[22;2;3mB\x1b[0;4;38;5;196mC\x1b[24;7;48;2;10;20;30mD\x1b[27;39;49;92mE\x1b[38:2::1:2:3mF\x1b[mG',
    ]);
    const seg = line!.segments().map((s) => [s.text, s.style]);
    const pick = (i: number) => seg[i]![1] as unknown as Record<string, unknown>;
    expect(seg.map((s) => s[0])).to.deep.equal(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
    expect(pick(0)).to.include({ fg: 'var(--athanor-ansi-1)', bold: true });
    expect(pick(1)).to.include({
      fg: 'var(--athanor-ansi-1)',
      bold: false,
      dim: true,
      italic: true,
    });
    expect(pick(2)).to.include({ fg: 'rgb(255,0,0)', underline: true, bold: false });
    expect(pick(3)).to.include({ bg: 'rgb(10,20,30)', inverse: true, underline: false });
    expect(pick(4)).to.include({ fg: 'var(--athanor-ansi-10)', bg: undefined, inverse: false });
    expect(pick(5)).to.include({ fg: 'rgb(1,2,3)' });
    expect(seg[6]![1]).to.equal(undefined);
  });

  it('links OSC 8 targets only when they are http or https', () => {
    const [line] = run([
      '\x1b]8;;https://a.example/x;y\x1b\\ok\x1b]8;;\x1b\\ \x1b]8;id=1;file:///etc/passwd\x07no\x1b]8;;\x07 \x1b]8;;javascript:alert(1)\x1b\\js\x1b]8;;\x1b\\',
    ]);
    const links = line!.segments().map((s) => [s.text, s.href]);
    expect(links).to.deep.equal([
      ['ok', 'https://a.example/x;y'],
      [' no js', undefined],
    ]);
  });

  it('removes every other escape sequence instead of showing it', () => {
    const [line] = run([
      '\x1b[?25l\x1b(B\x1b=\x1b]0;a title\x07\x1bP1$r\x1b\\\x1b[6nplain\x1b[?25h\x07\x00',
    ]);
    expect(line!.text).to.equal('plain');
  });

  it('keeps the two streams apart, each with its own cursor', () => {
    const lines: TermLine[] = [];
    const out = new Terminal('stdout', (l) => lines.push(l));
    const err = new Terminal('stderr', (l) => lines.push(l));
    err.write('\r 10%', 1, 1);
    out.write('printed\n', 2, 2);
    err.write('\r 20%', 3, 3);
    expect(lines.map((l) => [l.stream, l.text])).to.deep.equal([
      ['stderr', ' 20%'],
      ['stdout', 'printed'],
    ]);
  });

  it('takes a 10 MB line in one chunk', () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const [line] = run([`${big}\n`]);
    expect(line!.text.length).to.equal(big.length);
    expect(line!.segments()).to.have.length(1);
  });
});
