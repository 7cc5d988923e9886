// Links in a packed README that break on the npm page: the README is shown without the rest of
// the repository, so a relative link may only point at a file inside the tarball.
import { posix } from 'node:path'

/** Replaces fenced code blocks and inline code spans with blanks, keeping line numbers. */
function withoutCode(markdown) {
  let fence
  return markdown
    .split('\n')
    .map((line) => {
      const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1]
      if (fence) {
        if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined
        return ''
      }
      if (marker) {
        fence = marker
        return ''
      }
      return line.replace(/(`+)[^`]*?\1/g, '')
    })
    .join('\n')
}

/** The link targets of a Markdown text outside code: `[{ url, line }]`. */
export function markdownLinks(markdown) {
  const patterns = [
    /\]\(\s*<?([^)\s>]+)>?(?:\s+["'(][^)]*)?\)/g, // [text](url) and ![alt](url)
    /^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?/gm, // [ref]: url
    /\b(?:href|src)\s*=\s*["']([^"']+)["']/gi, // <a href="…">, <img src="…">
  ]
  const text = withoutCode(markdown)
  const links = []
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      const line = text.slice(0, match.index).split('\n').length
      links.push({ url: match[1], line })
    }
  }
  return links.sort((a, b) => a.line - b.line)
}

/** `git+https://github.com/o/r.git` → `https://github.com/o/r/blob/main/`. */
function blobBase(repository) {
  const url = typeof repository === 'string' ? repository : repository?.url
  const match = url && /github\.com[/:]([^/]+\/[^/]+?)(?:\.git)?$/.exec(url)
  return match ? `https://github.com/${match[1]}/blob/main/` : undefined
}

/**
 * What is wrong with the links of a package's README as packed: relative links that leave the
 * package (`../../examples`), root-relative ones (`/docs`, which npm resolves against its own
 * site), and relative links to a file the tarball does not hold. `files` are the tarball's
 * paths; `manifest` gives the repository, to suggest the absolute URL to use instead.
 * Returns messages; none when every link works.
 */
export function readmeLinkProblems(markdown, { files, manifest, readme = 'README.md' }) {
  const packed = new Set(files)
  const base = blobBase(manifest.repository)
  const directory = manifest.repository?.directory ?? ''
  const problems = []
  for (const { url, line } of markdownLinks(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('#') || url.startsWith('//')) continue
    const where = `${manifest.name} ${readme}:${line}`
    const path = decodeURI(url.replace(/[?#].*$/, ''))
    if (path.startsWith('/')) {
      problems.push(`${where}: ${url} is root-relative; on the npm page it points into npmjs.com`)
      continue
    }
    const target = posix.normalize(posix.join(posix.dirname(readme), path)).replace(/\/$/, '')
    if (target === '..' || target.startsWith('../')) {
      const inRepo = posix.normalize(posix.join(directory, posix.dirname(readme), path))
      const instead = base && !inRepo.startsWith('../') ? `; link ${base}${inRepo} instead` : ''
      problems.push(
        `${where}: ${url} leaves the package, so it is broken on the npm page${instead}`,
      )
      continue
    }
    const isPackedDir = [...packed].some((file) => file.startsWith(`${target}/`))
    if (target !== '.' && !packed.has(target) && !isPackedDir) {
      problems.push(`${where}: ${url} points at ${target}, which is not in the tarball`)
    }
  }
  return problems
}
