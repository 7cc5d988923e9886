// A Pelm that answers at once, in-process: the breakdown measures the handlers, not the sandbox.

const user = (id) => ({
  id,
  utility: { id: 'pge', full_name: 'Pacific Gas and Electric' },
  utility_username: `login-of-${id}@bench.example`,
  credentials_valid: true,
})

/** Answers Create connect token, the code exchange and Get user, whatever the input. */
async function answer(input, init) {
  const url = new URL(input instanceof Request ? input.url : input)
  const method = init?.method ?? (input instanceof Request ? input.method : 'GET')
  if (url.pathname === '/auth/connect-token') {
    return Response.json({ connect_token: 'ct_bench', expires_in: 1800 })
  }
  if (url.pathname === '/auth/token') {
    return Response.json({ access_token: `at_${crypto.randomUUID()}`, refresh_token: 'r' })
  }
  if (url.pathname.startsWith('/users/') && method === 'GET') {
    return Response.json(user(decodeURIComponent(url.pathname.slice('/users/'.length))))
  }
  return Response.json({ error_code: 'not_found', error_message: 'no such route' }, { status: 404 })
}

export const instantUpstream = {
  apiUrl: 'http://pelm.localhost',
  connectUrl: 'http://pelm.localhost/connect',
  credentials: { clientId: 'bench', secret: 'bench' },
  fetch: answer,
}
