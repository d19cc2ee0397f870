/** Output width every table of the project CLIs fits in (a terminal, a CI log, a README code block). */
export const MAX_COLUMNS = 100;

/** `1 stack`, `2 stacks`, `0 queues`; irregular plurals as the third argument. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/**
 * A plain text table: columns padded to their widest cell, the last column wrapped so no line is
 * longer than `width` (default 100). Right-aligns the columns listed in `right`.
 */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], options: { width?: number; right?: readonly number[]; indent?: string } = {}): string {
  const width = options.width ?? MAX_COLUMNS;
  const indent = options.indent ?? '';
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const fixed = widths.slice(0, -1).reduce((a, b) => a + b + 2, indent.length);
  const lastWidth = Math.max(12, width - fixed);
  widths[widths.length - 1] = Math.min(widths[widths.length - 1], lastWidth);
  const line = (r: readonly string[]): string[] => {
    const lastCells = wrap(r[r.length - 1] ?? '', lastWidth);
    return lastCells.map((cell, k) =>
      indent +
      r
        .slice(0, -1)
        .map((c) => (k > 0 ? '' : c))
        .map((c, i) => (options.right?.includes(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
        .concat(cell)
        .join('  ')
        .trimEnd(),
    );
  };
  const sep = indent + widths.map((w) => '-'.repeat(w)).join('  ');
  return [...line(header), sep, ...rows.flatMap(line)].join('\n');
}

/** Splits text at spaces into lines of at most `width` characters (a longer word gets a line of its own). */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current && current.length + 1 + word.length > width) {
      out.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  out.push(current);
  return out;
}

/**
 * A horizontal bar chart in text: one line per item, `label  ####....  value`, scaled to the largest
 * value, fitting `width` columns (default 100).
 */
export function barChart(items: readonly { label: string; value: number; text?: string }[], options: { width?: number; indent?: string } = {}): string {
  const width = options.width ?? MAX_COLUMNS;
  const indent = options.indent ?? '';
  const labelWidth = Math.min(46, Math.max(0, ...items.map((i) => i.label.length)));
  const texts = items.map((i) => i.text ?? String(i.value));
  const textWidth = Math.max(0, ...texts.map((t) => t.length));
  const barWidth = Math.max(10, width - indent.length - labelWidth - textWidth - 4);
  const max = Math.max(0, ...items.map((i) => i.value));
  return items
    .map((item, k) => {
      const n = max > 0 ? Math.round((item.value / max) * barWidth) : 0;
      const label = item.label.length > labelWidth ? `${item.label.slice(0, labelWidth - 1)}…` : item.label.padEnd(labelWidth);
      return `${indent}${label}  ${'#'.repeat(n).padEnd(barWidth)}  ${texts[k].padStart(textWidth)}`;
    })
    .join('\n');
}
