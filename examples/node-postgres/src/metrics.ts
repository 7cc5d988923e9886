import { PELM_EVENT_TYPES, type PelmEvent } from '@acme/pelm-server'

/** The one label an event adds besides its type; never the user id (one series per user). */
function detail(event: PelmEvent): [string, string] | undefined {
  switch (event.type) {
    case 'exchange.failed':
      return ['code', event.code]
    case 'connection.status_changed':
      return ['status', event.status]
    case 'rate_limited':
      return ['route', event.route]
    case 'connect_token.created':
      return ['mode', event.mode]
    default:
      return undefined
  }
}

const labelValue = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')

/**
 * Counts the server's events as one Prometheus counter, `pelm_events_total`, labelled by event
 * type (and the error code, status, route or mode where the event has one), and renders them in
 * the text exposition format (version 0.0.4) with no dependency. Every type starts at 0, so a
 * dashboard sees each series before its first event.
 */
export function eventMetrics() {
  const counts = new Map<string, number>(
    PELM_EVENT_TYPES.map((type) => [`type="${labelValue(type)}"`, 0]),
  )
  return {
    record(event: PelmEvent) {
      const extra = detail(event)
      const labels = `type="${labelValue(event.type)}"${extra ? `,${extra[0]}="${labelValue(extra[1])}"` : ''}`
      counts.set(labels, (counts.get(labels) ?? 0) + 1)
    },
    render(): string {
      const lines = [
        '# HELP pelm_events_total Pelm Connect server events, by type.',
        '# TYPE pelm_events_total counter',
        ...[...counts].map(([labels, count]) => `pelm_events_total{${labels}} ${count}`),
      ]
      return `${lines.join('\n')}\n`
    },
  }
}
