// The README convention of the consumer test: an HTML comment `<!-- consumer: server/pelm.ts -->`
// right before a fenced code block says "this block is that file of the consumer app". The
// comment is invisible on GitHub and on the npm page; the block stays what readers copy.
import { posix } from 'node:path'

const markerPattern = /^\s*<!--\s*consumer:\s*(\S+)\s*-->\s*$/
const fencePattern = /^\s{0,3}(`{3,}|~{3,})/

/** Thrown for a marker the runner cannot use; `message` says where and how to fix it. */
export class ReadmeBlockError extends Error {
  name = 'ReadmeBlockError'
}

function checkPath(file, where) {
  const normal = posix.normalize(file)
  if (posix.isAbsolute(file) || normal.startsWith('..') || normal !== file) {
    throw new ReadmeBlockError(
      `${where}: the consumer file "${file}" must be a plain relative path inside the app, e.g. server/pelm.ts`,
    )
  }
}

/**
 * The marked blocks of one Markdown text: `[{ file, code, source, marker, line }]`: `marker` is
 * the README line of the marker, `line` that of the block's first code line (so a compiler
 * error maps back to the README).
 * `source` names the README in messages, e.g. `packages/pelm-server/README.md`.
 */
export function readmeBlocks(markdown, source) {
  const lines = markdown.split('\n')
  const blocks = []
  for (let index = 0; index < lines.length; index++) {
    const file = markerPattern.exec(lines[index])?.[1]
    if (!file) continue
    const where = `${source}:${index + 1}`
    checkPath(file, where)
    let start = index + 1
    while (start < lines.length && lines[start].trim() === '') start++
    const fence = fencePattern.exec(lines[start] ?? '')?.[1]
    if (!fence) {
      throw new ReadmeBlockError(
        `${where}: <!-- consumer: ${file} --> must be followed by a fenced code block`,
      )
    }
    let end = start + 1
    while (end < lines.length && !lines[end].trim().startsWith(fence)) end++
    if (end >= lines.length) {
      throw new ReadmeBlockError(`${where}: the code block for ${file} is never closed`)
    }
    blocks.push({
      file,
      code: `${lines.slice(start + 1, end).join('\n')}\n`,
      source,
      marker: index + 1,
      line: start + 2,
    })
    index = end
  }
  return blocks
}

/**
 * Gathers the blocks of several READMEs (`[{ markdown, source }]`) into one Map by file. Throws
 * one error listing every file marked more than once.
 */
export function collectReadmeBlocks(readmes) {
  const byFile = new Map()
  const problems = []
  for (const { markdown, source } of readmes) {
    for (const block of readmeBlocks(markdown, source)) {
      const earlier = byFile.get(block.file)
      if (earlier) {
        problems.push(
          `${block.file} is marked twice: ${earlier.source}:${earlier.marker} and ${block.source}:${block.marker}`,
        )
      }
      byFile.set(block.file, block)
    }
  }
  if (problems.length > 0) throw new ReadmeBlockError(problems.join('\n'))
  return byFile
}

/**
 * Rewrites compiler output so that a position in a file that came from a README also names the
 * README line, e.g. `server/pelm.ts(12,5): error …` →
 * `packages/pelm-server/README.md:51 (server/pelm.ts:12:5): error …`.
 */
export function mapToReadmes(output, blocks) {
  return output.replace(/^([^\s(]+)\((\d+),(\d+)\)(: .*)$/gm, (whole, file, line, column, rest) => {
    const block = blocks.get(file)
    if (!block) return whole
    return `${block.source}:${block.line + Number(line) - 1} (${file}:${line}:${column})${rest}`
  })
}
