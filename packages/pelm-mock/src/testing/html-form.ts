/**
 * A `<form>` of a Connect page, as a browser would submit it.
 *
 * @example
 * ```ts
 * import { connectDriver } from '@acme/pelm-mock/testing'
 *
 * const page = await connectDriver().load(connectUrl)
 * const form = page.forms.find((candidate) => candidate.action.endsWith('/utility'))
 * form?.radios.utility // ['pge', 'sce', …]
 * ```
 */
export interface HtmlForm {
  action: string
  method: string
  /** Every named input except radios and checkboxes, with its `value` (or ''). */
  fields: Record<string, string>
  /** The values of each radio group. */
  radios: Record<string, string[]>
  /** The buttons' visible text. */
  buttons: string[]
}

const entities: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', '#39': "'" }

/** Text as the sandbox's markup escapes it (hono/jsx), unescaped. */
export function decodeEntities(text: string): string {
  return text.replace(/&(amp|quot|lt|gt|#39);/g, (_match, name: string) => entities[name] ?? '')
}

/** The attributes of one start tag, values decoded. */
function parseAttributes(tag: string): Record<string, string> {
  const attributes: Record<string, string> = {}
  for (const match of tag.matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) {
    const [, name, value] = match
    if (name) attributes[name] = decodeEntities(value ?? '')
  }
  return attributes
}

/** Every start tag of an element in the HTML, as attribute maps. */
function findTags(html: string, element: string): Record<string, string>[] {
  const pattern = new RegExp(`<${element}\\b([^>]*)>`, 'g')
  return [...html.matchAll(pattern)].map((match) => parseAttributes(match[1] ?? ''))
}

/**
 * The forms of a page the sandbox rendered. A small parser for the sandbox's own markup (double
 * quoted attributes, no nested forms), not for HTML in general.
 */
export function parseForms(html: string): HtmlForm[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].map((match) => {
    const form = parseAttributes(match[1] ?? '')
    const body = match[2] ?? ''
    const fields: Record<string, string> = {}
    const radios: Record<string, string[]> = {}
    for (const input of findTags(body, 'input')) {
      if (!input.name) continue
      if (input.type === 'radio')
        radios[input.name] = [...(radios[input.name] ?? []), input.value ?? '']
      else fields[input.name] = input.value ?? ''
    }
    const buttons = [...body.matchAll(/<button\b[^>]*>([\s\S]*?)<\/button>/g)].map((button) =>
      decodeEntities((button[1] ?? '').replace(/<[^>]+>/g, '')).trim(),
    )
    return { action: form.action ?? '', method: form.method ?? 'get', fields, radios, buttons }
  })
}
