/** Settings from the environment. Unset Pelm settings point at the local sandbox (`npm run sandbox`). */
export function readConfig(env: NodeJS.ProcessEnv) {
  const required = (name: string) => {
    const value = env[name]
    if (!value) throw new Error(`Set ${name} (see examples/node-postgres/README.md).`)
    return value
  }
  const apiUrl = env.PELM_API_URL ?? 'http://127.0.0.1:4010'
  return {
    clientId: env.PELM_CLIENT_ID ?? 'sandbox_client_id',
    secret: env.PELM_SECRET ?? 'sandbox_secret',
    apiUrl,
    connectUrl: env.PELM_CONNECT_URL ?? `${apiUrl}/connect`,
    redirectUri: env.REDIRECT_URI ?? 'http://localhost:5173/pelm/callback',
    cookieSecret: required('COOKIE_SECRET'),
    databaseUrl: required('DATABASE_URL'),
    tokenKey: required('TOKEN_KEY'),
    redisUrl: env.REDIS_URL,
    hostname: env.HOST ?? '127.0.0.1',
    port: Number(env.PORT ?? 3000),
  }
}
