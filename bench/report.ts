/**
 * What a benchmark section reports: rows for the table (a figure, and the
 * target it is held to) and figures for the closing JSON line.
 */

export interface Target {
  /** How the target reads, e.g. `≤ 5 ms`. */
  text: string;
  met: boolean;
}

export interface Row {
  label: string;
  value: string;
  target?: Target;
}

export interface SectionResult {
  /** The section's key in the JSON line. */
  key: string;
  name: string;
  rows: Row[];
  /** Every figure of the section, for the JSON line. */
  figures: Record<string, unknown>;
  /** Why something could not be measured, or what a figure means. */
  notes?: string[];
}

export const atMost = (value: number, bound: number, unit = ''): Target => ({
  text: `≤ ${bound}${unit}`,
  met: value <= bound,
});
export const atLeast = (value: number, bound: number, unit = ''): Target => ({
  text: `≥ ${bound}${unit}`,
  met: value >= bound,
});
export const exactly = (value: number, want: number): Target => ({
  text: `= ${want}`,
  met: value === want,
});

/** A number for people: 3 significant digits, thousands separated. */
export function fmt(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs === 0) return '0';
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(abs)));
  return value.toFixed(Math.min(decimals, 4));
}

export const ms = (value: number): string => `${fmt(value)} ms`;
export const ratio = (value: number): string => `${fmt(value)}×`;

function pad(text: string, width: number): string {
  // Han characters take two columns in a terminal.
  const columns = [...text].reduce(
    (n, ch) =>
      n +
      (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 2
        : 1),
    0,
  );
  return text + ' '.repeat(Math.max(0, width - columns));
}

/** The sections as one readable table (plain text, fixed columns). */
export function formatTable(sections: readonly SectionResult[]): string {
  const labelWidth =
    Math.max(20, ...sections.flatMap((s) => s.rows.map((r) => r.label.length))) + 2;
  const valueWidth =
    Math.max(12, ...sections.flatMap((s) => s.rows.map((r) => r.value.length))) + 2;
  const lines: string[] = [];
  for (const section of sections) {
    lines.push(
      '',
      `== ${section.name} ${'='.repeat(Math.max(0, labelWidth + valueWidth + 12 - section.name.length))}`,
    );
    for (const row of section.rows) {
      const target = row.target ? `${row.target.met ? '✓' : '✗'} target ${row.target.text}` : '';
      lines.push(`  ${pad(row.label, labelWidth)}${pad(row.value, valueWidth)}${target}`.trimEnd());
    }
    for (const note of section.notes ?? []) lines.push(`  note: ${note}`);
  }
  return lines.join('\n');
}

/** Every target row, for the summary at the end; an indented row is named with the row it belongs to. */
export function targets(
  sections: readonly SectionResult[],
): Array<{ section: string; label: string; value: string; target: Target }> {
  return sections.flatMap((s) => {
    let parent = '';
    return s.rows.flatMap((r) => {
      const indented = r.label.startsWith(' ');
      if (!indented) parent = r.label;
      const label = indented ? `${parent} · ${r.label.trim()}` : r.label;
      return r.target ? [{ section: s.key, label, value: r.value, target: r.target }] : [];
    });
  });
}
