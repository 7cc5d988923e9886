// `npm run example -- <name>`: one example on its runtime against the offline sandbox, bundled and
// started exactly as the runtime suite does it. Ctrl-C stops both.
import { servePelmMock } from '@acme/pelm-mock'
import { cleanBundles } from './support/bundle'
import { exampleSettings } from './support/sandbox'
import { startTarget, targets } from './support/targets'

const exampleOf = (entry: string) => entry.split('/')[1] ?? entry
const names = targets.map((target) => exampleOf(target.entry))
const [name, port = '3000'] = process.argv.slice(2)
const target = targets.find((candidate) => exampleOf(candidate.entry) === name)
if (!target) {
  console.error(`Usage: npm run example -- <${names.join('|')}> [port]`)
  process.exit(1)
}

const sandbox = await servePelmMock({ port: 0 })
const settings = exampleSettings(sandbox)
const server = await startTarget(target, { ...settings, PORT: port })
const api = `${server.origin}/api/pelm`
console.log(`
${target.name}: examples/${name} serves ${api}
Sandbox Pelm: ${sandbox.apiUrl} (sign in to Connect as user@pelm.com / password)

  curl -i -X POST ${api}/connect-token -H 'x-demo-user: me' -H 'content-type: application/json' -d '{}'

Open the connectUrl it answers; Connect sends you back to ${settings.REDIRECT_URI}?code=…&state=…
(nothing listens there: copy code and state from the address bar), then, with the pelm_binding
cookie the first answer set:

  curl -i -X POST ${api}/exchange -H 'x-demo-user: me' -H 'content-type: application/json' \\
    -H 'cookie: pelm_binding=…' -d '{"code":"…","state":"…"}'
  curl ${api}/connections -H 'x-demo-user: me'
  curl -i -X DELETE ${api}/connections/<id> -H 'x-demo-user: me'
`)

const stop = async () => {
  await server.stop()
  await sandbox.close()
  await cleanBundles()
  process.exit(0)
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
