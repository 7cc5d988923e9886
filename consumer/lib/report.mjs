// The figures the consumer test prints: how many lines of README code the integration took, on
// the server and in the client, next to what the READMEs claim about it.

/** Lines of code in a block: every line but blank ones and whole-line comments. */
export function codeLines(code) {
  return code.split('\n').filter((line) => {
    const trimmed = line.trim()
    return (
      trimmed !== '' &&
      !trimmed.startsWith('//') &&
      !trimmed.startsWith('*') &&
      !trimmed.startsWith('/*')
    )
  }).length
}

/**
 * Sums the README blocks by side (`server/…` files, `src/…` files): `{ server, client }`, each
 * `{ lines, files: [{ file, lines, source }] }`.
 */
export function integrationSize(blocks) {
  const sides = { server: { lines: 0, files: [] }, client: { lines: 0, files: [] } }
  for (const [file, block] of blocks) {
    const side = file.startsWith('server/') ? sides.server : sides.client
    const lines = codeLines(block.code)
    side.lines += lines
    side.files.push({ file, lines, source: block.source })
  }
  return sides
}

/**
 * Sentences of the READMEs (`[{ markdown, source }]`) that claim a number of lines, outside
 * code blocks: `[{ source, line, text }]`.
 */
export function lineCountClaims(readmes) {
  const claims = []
  for (const { markdown, source } of readmes) {
    let inCode = false
    markdown.split('\n').forEach((text, index) => {
      if (/^\s{0,3}(```|~~~)/.test(text)) inCode = !inCode
      else if (!inCode && /\b\d+\s+lines?\b/i.test(text)) {
        claims.push({ source, line: index + 1, text: text.trim() })
      }
    })
  }
  return claims
}

/** The report's lines, ready to print. */
export function formatReport({ size, claims }) {
  const side = (name, { lines, files }) =>
    `  ${name}: ${lines} lines of README code (${files.map((f) => `${f.file} ${f.lines}`).join(', ') || 'none'})`
  const out = [
    'integration written from the README quick starts (lines of code: no blank or comment lines):',
    side('server', size.server),
    side('client', size.client),
  ]
  if (claims.length === 0) out.push('  README claim: none (no README states a line count)')
  for (const claim of claims)
    out.push(`  README claim, ${claim.source}:${claim.line}: ${claim.text}`)
  return out
}
