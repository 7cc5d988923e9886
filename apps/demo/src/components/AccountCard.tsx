import type { AccountView, MeterView } from '../../shared/types'
import { formatDate, formatMoney, formatPeriod } from '../format'
import { Icon } from './Icon'

const meterLabel = (meter: MeterView) =>
  meter.type === 'GAS' ? 'Gas' : meter.type === 'ELECTRIC' ? 'Electricity' : 'Meter'

/** One account (one property): address, meters, and its latest bills. */
export function AccountCard({ account }: { account: AccountView }) {
  const titleId = `account-${account.id}`
  return (
    <article className="card account" aria-labelledby={titleId}>
      <header className="account-header">
        <span className="account-icon">
          <Icon name="home" />
        </span>
        <div>
          <h2 id={titleId} className="card-title">
            {account.address ?? 'Account'}
          </h2>
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

      {account.latestBills.length === 0 ? (
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
      )}
    </article>
  )
}
