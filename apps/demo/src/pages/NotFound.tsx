import { PageTitle } from '../components/PageTitle'
import { Link } from '../router'

export function NotFound() {
  return (
    <div className="page-narrow card">
      <PageTitle title="Page not found" />
      <p className="lead">There is nothing at this address.</p>
      <Link href="/" className="button button-primary">
        Go to Homewatt
      </Link>
    </div>
  )
}
