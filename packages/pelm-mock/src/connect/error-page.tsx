/** @jsxImportSource hono/jsx */
import { Layout } from './layout'
import type { Problem } from './problems'

/** A dead end on purpose: it never links or redirects to a `redirect_uri`. */
export function ErrorPage({ problem }: { problem: Problem }) {
  return (
    <Layout title={problem.title} screen="error">
      <h1>{problem.title}</h1>
      <p class="lead">{problem.message}</p>
      <p class="error-code">Error code: {problem.code}</p>
    </Layout>
  )
}
