import assert from 'node:assert/strict'
import { test } from 'node:test'
import { markdownLinks, readmeLinkProblems } from './readme-links.mjs'

const manifest = {
  name: '@acme/pelm-server',
  repository: {
    type: 'git',
    url: 'git+https://github.com/acme/pelm-connect-toolkit.git',
    directory: 'packages/pelm-server',
  },
}
const files = ['README.md', 'LICENSE', 'package.json', 'dist/index.js', 'docs/flow.png']

test('finds inline, image, reference and HTML links with their line numbers', () => {
  const markdown = [
    'See [the suite](../../runtimes/README.md "title") and ![flow](docs/flow.png).',
    '<a href="https://pelm.com">Pelm</a> <img src="./docs/flow.png">',
    '[ref]: ../../examples',
  ].join('\n')
  assert.deepEqual(markdownLinks(markdown), [
    { url: '../../runtimes/README.md', line: 1 },
    { url: 'docs/flow.png', line: 1 },
    { url: 'https://pelm.com', line: 2 },
    { url: './docs/flow.png', line: 2 },
    { url: '../../examples', line: 3 },
  ])
})

test('ignores links inside fenced code blocks and inline code', () => {
  const markdown = [
    '```md',
    '[a](../../x)',
    '```',
    'Use `[b](../../y)` here.',
    '~~~',
    '[c](/z)',
    '~~~',
  ].join('\n')
  assert.deepEqual(markdownLinks(markdown), [])
})

test('a relative link leaving the package fails, naming the absolute URL to use', () => {
  const problems = readmeLinkProblems('Tested by the [suite](../../runtimes/README.md).', {
    files,
    manifest,
  })
  assert.deepEqual(problems, [
    '@acme/pelm-server README.md:1: ../../runtimes/README.md leaves the package, so it is broken ' +
      'on the npm page; link https://github.com/acme/pelm-connect-toolkit/blob/main/runtimes/README.md instead',
  ])
})

test('root-relative links and links to files missing from the tarball fail', () => {
  const problems = readmeLinkProblems('[a](/docs/x.md)\n[b](src/index.ts)\n[c](dist/)', {
    files,
    manifest,
  })
  assert.equal(problems.length, 2)
  assert.match(problems[0], /README\.md:1: \/docs\/x\.md is root-relative/)
  assert.match(
    problems[1],
    /README\.md:2: src\/index\.ts points at src\/index\.ts, which is not in/,
  )
})

test('absolute URLs, anchors and packed files pass', () => {
  const markdown =
    '[gh](https://github.com/acme/pelm-connect-toolkit/blob/main/examples/README.md) ' +
    '[top](#quick-start) [mail](mailto:a@b.c) ![img](./docs/flow.png#x) [license](LICENSE)'
  assert.deepEqual(readmeLinkProblems(markdown, { files, manifest }), [])
})
