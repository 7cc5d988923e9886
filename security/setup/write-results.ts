import { afterAll, afterEach, beforeEach, expect } from 'vitest'
import { createdHarnesses } from '../harness/app'
import { accessTokenNeedles, findSecrets, secretNeedles } from '../harness/secrets'
import { record, testOutcomes, writeResults } from '../harness/tally'

// Runs in every test file of the project: counts its tests, scans every answer and log event of
// the apps it built for secrets, and writes its tally when it ends.
beforeEach(({ task, onTestFailed }) => {
  onTestFailed(() => void testOutcomes.failed.push(task.name))
})
afterEach(() => {
  testOutcomes.run += 1
})
afterAll(() => {
  const harnesses = createdHarnesses()
  if (harnesses.length > 0) {
    let scanned = 0
    let found = 0
    for (const h of harnesses) {
      const needles = [...secretNeedles(h.secrets), ...accessTokenNeedles(h.issuedTokens())]
      const texts = [
        ...h.responses.map((answer) => `${answer.headers}\n${answer.body}`),
        ...h.events.map((event) => JSON.stringify(event)),
        ...h.serverEvents.map((event) => JSON.stringify(event)),
      ]
      scanned += texts.length
      found += texts.filter((text) => findSecrets(text, needles).length > 0).length
    }
    record({
      category: 'secrets',
      name: 'every answer, log event and server event of the suite',
      scanned,
      found,
    })
  }
  const testPath = expect.getState().testPath
  if (testPath) writeResults(testPath)
})
