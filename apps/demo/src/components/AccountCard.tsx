import type { AccountView, MeterView } from '../../shared/types'
import { formatDate, formatMoney, formatPeriod } from '../format'
import { useUsage } from '../hooks/useUsage'
import { describeError } from '../messages'
import { Icon } from './Icon'
import { Spinner } from './Spinner'
import { UsageChart } from './UsageChart'

const meterLabel = (meter: MeterView) =>
  meter.type === 'GAS' ? 'Gas' : meter.type === 'ELECTRIC' ? 'Electricity' : 'Meter'

function Usage({ connectionId, accountId }: { connectionId: string; accountId: string }) {
  const usage = useUsage(connectionId, accountId)
  if (usage.isPending) {
    return (
      <p role="status" className="loading-line">
        <Spinner /> Loading the daily use…
      </p>
    )
  }
  if (usage.isError) {
    return (
      <p className="muted">
        The daily use could not be loaded. {describeError(usage.error)}{' '}
        <button type="button" className="link-button" onClick={() => void usage.refetch()}>
          Try again
        </button>
      </p>
    )
  }
  return <UsageChart usage={usage.data} />
}

/** One account (one property): address, meters, its daily use and its latest bills. */
export function AccountCard({
  account,
  connectionId,
}: {
  account: AccountView
  connectionId: string
}) {
  const titleId = `account-${account.id}`
  return (
    <article className="card account" aria-labelledby={titleId}>
      <header className="account-header">
        <span className="account-icon">
          <Icon name="home" />
        </span>
        <div>
          <h3 id={titleId} className="card-title">
            {account.address ?? 'Account'}
          </h3>
          {account.accountNumber && <p className="muted">Account number {account.accountNumber}</p>}
        </div>
      </header>

      <ul className="meters" aria-label="Meters">
        {account.meters.map((meter) => (
          <li key={meter.id} className={`meter meter-${meter.type?.toLowerCase() ?? 'other'}`}>
            <Icon name={meter.type === 'GAS' ? 'flame' : 'bolt'} />
            {meterLabel(meter)}
            {meter.meterNumber && <span className="meter-number">#{meter.meterNumber}</span>}
          </li>
        ))}
      </ul>

      <div className="account-body">
        <Usage connectionId={connectionId} accountId={account.id} />
        <LatestBills account={account} />
      </div>
    </article>
  )
}

function LatestBills({ account }: { account: AccountView }) {
  return account.latestBills.length === 0 ? (
    <p className="muted">No bills yet.</p>
  ) : (
    <div className="table-wrap">
      <table className="bills">
        <caption>Latest bills</caption>
        <thead>
          <tr>
            <th scope="col">Billing period</th>
            <th scope="col" className="statement">
              Statement
            </th>
            <th scope="col">Due</th>
            <th scope="col" className="amount">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {account.latestBills.map((bill) => (
            <tr key={bill.id}>
              <td>{formatPeriod(bill.periodStart, bill.periodEnd)}</td>
              <td className="statement">
                {bill.statementDate ? formatDate(bill.statementDate) : '—'}
              </td>
              <td>{bill.dueDate ? formatDate(bill.dueDate) : '—'}</td>
              <td className="amount">{formatMoney(bill.amountDue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
