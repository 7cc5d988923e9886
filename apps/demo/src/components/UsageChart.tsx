import { scaleBand, scaleLinear } from '@visx/scale'
import { Bar } from '@visx/shape'
import { useId, useState } from 'react'
import type { UsageBody, UsageSeries } from '../../shared/types'
import { formatShortDate, formatUsage, formatUsageAmount } from '../format'

const WIDTH = 420
const HEIGHT = 180
const MARGIN = { top: 20, right: 4, bottom: 22, left: 40 }
const LABELS: Record<UsageSeries['type'], string> = { ELECTRIC: 'Electricity', GAS: 'Gas' }
/** Axis labels fit the 40 px margin whatever the scale: `0.5`, `40`, `250K`, `1.5M`. */
const tickLabel = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 })

/** The sentence a screen reader (and everyone) reads instead of the bars. */
export function usageSummary(series: UsageSeries): string {
  const first = series.days[0]
  const last = series.days.at(-1)
  if (!first || !last) return `${LABELS[series.type]}: no readings in the last weeks.`
  const total = series.days.reduce((sum, day) => sum + day.usage, 0)
  const peak = series.days.reduce((top, day) => (day.usage > top.usage ? day : top), first)
  const range = ` (${formatShortDate(first.date)} – ${formatShortDate(last.date)})`
  return (
    `${LABELS[series.type]}: ${formatUsage(total, series.unit)} over the last ${series.days.length} days${range}, ` +
    `${formatUsage(total / Math.max(series.days.length, 1), series.unit)} a day on average; ` +
    `highest on ${formatShortDate(peak.date)} (${formatUsage(peak.usage, series.unit)}).`
  )
}

/**
 * One meter type's bars: a day each, a gridline per tick, a date under each week's start. A day
 * below zero (a home with solar panels that sent more to the grid than it drew: Pelm reports net
 * use) is a bar down from the zero line.
 */
function Bars({ series, labelId }: { series: UsageSeries; labelId: string }) {
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom
  const x = scaleBand({
    domain: series.days.map((day) => day.date),
    range: [0, innerWidth],
    padding: 0.25,
  })
  const usages = series.days.map((day) => day.usage)
  const y = scaleLinear({
    domain: [Math.min(...usages, 0), Math.max(...usages, 1)],
    range: [innerHeight, 0],
    nice: true,
  })
  const zero = y(0)
  return (
    <svg
      className="usage-svg"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-labelledby={labelId}
      preserveAspectRatio="xMidYMid meet"
    >
      <title>{`${LABELS[series.type]} per day, in ${series.unit}`}</title>
      <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
        {y.ticks(3).map((tick) => (
          <g key={tick} className="usage-tick">
            <line x1={0} x2={innerWidth} y1={y(tick)} y2={y(tick)} />
            <text x={-6} y={y(tick)} dy="0.32em" textAnchor="end">
              {tickLabel.format(tick)}
            </text>
          </g>
        ))}
        {series.days.map((day, index) => {
          const end = y(day.usage)
          return (
            <g key={day.date}>
              <Bar
                className={`usage-bar usage-bar-${series.type.toLowerCase()}`}
                x={x(day.date)}
                y={Math.min(end, zero)}
                width={x.bandwidth()}
                height={Math.abs(zero - end)}
              >
                <title>{`${formatShortDate(day.date)}: ${formatUsage(day.usage, series.unit)}`}</title>
              </Bar>
              {index % 7 === 0 && (
                <text
                  className="usage-date"
                  x={(x(day.date) ?? 0) + x.bandwidth() / 2}
                  y={innerHeight + 15}
                  textAnchor="middle"
                >
                  {formatShortDate(day.date)}
                </text>
              )}
            </g>
          )
        })}
        <text className="usage-unit" x={-6} y={-13} textAnchor="end">
          {series.unit}
        </text>
      </g>
    </svg>
  )
}

function UsageTable({ usage, id }: { usage: UsageBody; id: string }) {
  const dates = usage.series[0]?.days.map((day) => day.date) ?? []
  return (
    <div className="table-wrap" id={id}>
      <table className="usage-table">
        <caption>
          Daily use, {formatShortDate(usage.from)} – {formatShortDate(usage.to)}
        </caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {usage.series.map((series) => (
              <th key={series.type} scope="col" className="amount">
                {LABELS[series.type]} ({series.unit})
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {dates.map((date, index) => (
            <tr key={date}>
              <th scope="row">{formatShortDate(date)}</th>
              {usage.series.map((series) => (
                <td key={series.type} className="amount">
                  {formatUsageAmount(series.days[index]?.usage)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/**
 * The last four weeks of electricity and gas use of one account, one small bar chart per meter
 * type (their units differ), each described by a sentence, with a button that shows the numbers
 * as a table instead.
 */
export function UsageChart({ usage }: { usage: UsageBody }) {
  const [asTable, setAsTable] = useState(false)
  const id = useId()
  if (usage.series.length === 0) return <p className="muted">This account has no meter readings.</p>
  return (
    <section className="usage" aria-labelledby={`${id}-title`}>
      <div className="usage-header">
        <h4 id={`${id}-title`} className="usage-title">
          Daily use, last 4 weeks
        </h4>
        <button
          type="button"
          className="button button-ghost button-small"
          aria-expanded={asTable}
          aria-controls={`${id}-table`}
          onClick={() => setAsTable(!asTable)}
        >
          {asTable ? 'Show as chart' : 'Show as table'}
        </button>
      </div>
      {asTable ? (
        <UsageTable usage={usage} id={`${id}-table`} />
      ) : (
        <div className="usage-figures">
          {usage.series.map((series) => (
            <figure key={series.type} className="usage-figure">
              <Bars series={series} labelId={`${id}-${series.type}`} />
              <figcaption id={`${id}-${series.type}`} className="usage-caption">
                {usageSummary(series)}
              </figcaption>
            </figure>
          ))}
        </div>
      )}
    </section>
  )
}
