/** @jsxImportSource hono/jsx */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { ErrorPage } from './error-page'
import type { Problem } from './problems'
import { ScreenPage } from './screen-page'
import type { ScreenProps } from './screen-props'

export function renderProblem(c: Context, problem: Problem) {
  return c.html(<ErrorPage problem={problem} />, problem.status)
}

export function renderScreen(c: Context, props: ScreenProps, status: ContentfulStatusCode = 200) {
  return c.html(<ScreenPage {...props} />, status)
}
