// Markdown for bench/RESULTS.md: a summary table, one section per benchmark, the machine.
import { format } from './stats.mjs'

export const verdict = (met) => (met === null ? 'no target' : met ? '**met**' : '**missed**')

export function table(headers, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n')
}

/** `12.3 ms (IQR 11.0–14.1, range 9.8–40.2, n=15)` */
export function spread(summary, digits, unit) {
  const f = (value) => format(value, digits)
  return `${f(summary.median)}${unit ? ` ${unit}` : ''} (IQR ${f(summary.q1)}–${f(summary.q3)}, range ${f(summary.min)}–${f(summary.max)}, n=${summary.n})`
}

export const ratio = (value) => format(value, 2)

/**
 * `sections`: `{ summary: row[], markdown }` from each benchmark's report function, where a row
 * is `[benchmark, ours, baseline, ratio, target, met]`.
 */
export function resultsDocument({ sections, machine, versions, runtime, date }) {
  const rows = sections.flatMap((section) =>
    section.summary.map((row) => [...row.slice(0, 5), verdict(row[5])]),
  )
  const machineRows = Object.entries(machine).map(([key, value]) => [key, String(value)])
  const versionRows = Object.entries(versions).map(([name, version]) => [`\`${name}\``, version])
  return `# Benchmarks

Written by \`npm run bench\` (\`bench/run.mjs\`) on ${date}; the whole run took ${runtime}.
Every figure is measured against its baseline in the same run, the two interleaved (A, B, B, A…)
so they share the machine's noise, after warm-up runs that are not counted. Figures are medians;
the spread is the interquartile range (IQR) and the range of the *n* repetitions. Ratios are
ours ÷ baseline (for rates: above 1 is faster; for times and sizes: below 1 is smaller).

## Summary

${table(['benchmark', 'ours', 'baseline', 'ratio', 'target', 'result'], rows)}

${sections.map((section) => section.markdown).join('\n\n')}

## Machine

${table(['', ''], machineRows)}

## Versions

${table(['package', 'version'], versionRows)}
`
}
