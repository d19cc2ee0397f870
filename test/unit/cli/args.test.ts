import { barChart, count, helpText, intOption, parseCommand, textTable, type CommandSpec } from '@tap/cli';

const SPEC = {
  name: 'pnpm demo',
  summary: 'A demo command. '.repeat(10).trim(),
  options: {
    dir: { type: 'string', value: '<dir>', description: 'where to look' },
    json: { type: 'boolean', description: 'machine-readable' },
    stack: { type: 'string', value: '<name>', description: 'a stack', multiple: true },
  },
} as const satisfies CommandSpec;

describe('@tap/cli: one parser for every project command', () => {
  it('parses values, switches, repeated options and --opt=value', () => {
    const { values, help } = parseCommand(SPEC, ['--dir=out', '--json', '--stack', 'a', '--stack', 'b']);
    expect({ values, help }).toEqual({ values: { dir: 'out', json: true, stack: ['a', 'b'] }, help: false });
    expect(parseCommand(SPEC, ['-h']).help).toBe(true);
  });

  it('rejects an unknown option, a missing value and a stray argument, naming them', () => {
    expect(() => parseCommand(SPEC, ['--frobnicate'])).toThrow("unknown option '--frobnicate'");
    expect(() => parseCommand(SPEC, ['--dir'])).toThrow(/--dir/);
    expect(() => parseCommand(SPEC, ['extra'])).toThrow("unexpected argument 'extra'");
    expect(() => intOption('four', 'runs')).toThrow('--runs: "four" is not a whole number');
    expect(intOption('4', 'runs', { min: 1 })).toBe(4);
  });

  it('--help lists every option within 100 columns', () => {
    const text = helpText(SPEC);
    for (const flag of ['--dir <dir>', '--json', '--stack <name>', '-h, --help']) expect(text).toContain(flag);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('counts are grammatical', () => {
    expect([count(0, 'stack'), count(1, 'stack'), count(2, 'stack'), count(1, 'entry', 'entries'), count(3, 'entry', 'entries')]).toEqual(['0 stacks', '1 stack', '2 stacks', '1 entry', '3 entries']);
  });

  it('tables and bar charts fit 100 columns', () => {
    const long = 'word '.repeat(60).trim();
    const table = textTable(['a', 'b', 'notes'], [['x', 'y', long], ['xx', 'yy', 'short']], { indent: '  ' });
    for (const line of table.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    expect(table.split('\n').length).toBeGreaterThan(4);
    const chart = barChart([{ label: 'NAT gateways', value: 98.55 }, { label: 'KMS keys', value: 4 }]);
    for (const line of chart.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    expect(chart.split('\n')[0]).toMatch(/^NAT gateways +#{20,} +98\.55$/);
  });
});
