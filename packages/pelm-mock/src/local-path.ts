/** Paths as the sandbox sees them: without the base URL's path, wherever the app is mounted. */
export interface LocalPath {
  (path: string): string
  basePath: string
}

/** The {@link LocalPath} of a sandbox whose base URL has this path (`/` or e.g. `/sandbox`). */
export function pathWithin(baseUrlPath: string): LocalPath {
  const basePath = baseUrlPath.replace(/\/+$/, '')
  const local = (path: string) =>
    basePath && (path === basePath || path.startsWith(`${basePath}/`))
      ? path.slice(basePath.length) || '/'
      : path
  return Object.assign(local, { basePath })
}
