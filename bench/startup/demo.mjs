// Start-up: the demo server's bundle (apps/demo server/main.ts); it prints a banner once it
// listens with its app built, which the parent takes as ready.
import { pathToFileURL } from 'node:url'

const started = performance.now()
await import(pathToFileURL(process.argv[2]).href)
console.log(`BENCH_IMPORTED ${JSON.stringify({ imported: performance.now() - started })}`)
