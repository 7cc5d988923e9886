/** The form posts of a Connect session, each the name of a path under the session's page. */
export const flowActions = ['terms', 'utility', 'credentials', 'mfa', 'retry', 'exit'] as const

export type FlowAction = (typeof flowActions)[number]

export type FlowUrls = { page: string } & Record<FlowAction, string>

export function isFlowAction(value: string): value is FlowAction {
  return (flowActions as readonly string[]).includes(value)
}

/** The URLs of a session's pages; `basePath` is where the Connect pages are mounted. */
export function flowUrls(basePath: string, sessionId: string): FlowUrls {
  const page = `${basePath}/flow/${encodeURIComponent(sessionId)}`
  const actions = Object.fromEntries(flowActions.map((action) => [action, `${page}/${action}`]))
  return { page, ...(actions as Record<FlowAction, string>) }
}
