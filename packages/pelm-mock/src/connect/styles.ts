/** The pages' colours; {@link contrastPairs} lists which sit on which. */
export const palette = {
  ink: '#111827',
  muted: '#4b5563',
  line: '#d1d5db',
  field: '#6b7280',
  brand: '#0b6b4f',
  brandDark: '#08553f',
  tint: '#ecfdf5',
  danger: '#b42318',
  focus: '#1d4ed8',
  page: '#f3f4f6',
  card: '#ffffff',
  notice: '#f9fafb',
  badge: '#fef3c7',
  badgeInk: '#78350f',
} as const

type Colour = keyof typeof palette

/** Text (4.5:1) and focus-ring or field-border (3:1) colours, with the background they sit on. */
export const contrastPairs: readonly [foreground: Colour, background: Colour, minimum: number][] = [
  ['ink', 'card', 4.5],
  ['ink', 'page', 4.5],
  ['ink', 'tint', 4.5],
  ['muted', 'card', 4.5],
  ['muted', 'page', 4.5],
  ['muted', 'notice', 4.5],
  ['danger', 'card', 4.5],
  ['card', 'brand', 4.5],
  ['card', 'brandDark', 4.5],
  ['brandDark', 'card', 4.5],
  ['badgeInk', 'badge', 4.5],
  ['focus', 'card', 3],
  ['focus', 'page', 3],
  ['field', 'card', 3],
]

/**
 * The pages' only stylesheet, inlined so the sandbox serves no assets. Every focusable element
 * shows a visible focus ring.
 */
export const connectStyles = `
*,*::before,*::after{box-sizing:border-box}
:root{--ink:${palette.ink};--muted:${palette.muted};--line:${palette.line};--field:${palette.field};
--brand:${palette.brand};--brand-dark:${palette.brandDark};--tint:${palette.tint};--danger:${palette.danger};
--focus:${palette.focus};
font-family:ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
color:var(--ink);background:${palette.page};line-height:1.5}
body{margin:0;min-height:100vh;display:flex;flex-direction:column;align-items:center;padding:2rem 1rem}
.topbar{width:100%;max-width:28rem;display:flex;align-items:center;justify-content:space-between;margin-bottom:1rem}
.brand{display:flex;align-items:center;gap:.5rem;font-weight:700;font-size:1.05rem}
.brand-mark{width:1.75rem;height:1.75rem;border-radius:.5rem;background:var(--brand);color:#fff;
display:grid;place-items:center;font-size:.95rem}
.badge{font-size:.75rem;font-weight:700;letter-spacing:.04em;text-transform:uppercase;padding:.2rem .6rem;
border-radius:999px;background:${palette.badge};color:${palette.badgeInk};border:1px solid #f59e0b}
.card{width:100%;max-width:28rem;background:${palette.card};border:1px solid var(--line);border-radius:1rem;
padding:2rem;box-shadow:0 10px 30px rgb(17 24 39 / 8%)}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 .5rem}
h2{font-size:1rem;margin:0 0 .5rem}
p{margin:0 0 1rem}
a{color:var(--brand-dark);font-weight:600}
.lead{color:var(--muted)}
.steps{display:flex;gap:.5rem;list-style:none;margin:0 0 .25rem;padding:0}
.step{flex:1;border-top:4px solid var(--line);padding-top:.35rem;font-size:.8rem;color:var(--muted)}
.step[data-state=complete]{border-color:var(--brand)}
.step[data-state=current]{border-color:var(--brand);color:var(--ink);font-weight:700}
.step-count{font-size:.8rem;color:var(--muted);margin-bottom:1.5rem}
.field{margin-bottom:1rem}
label,.label{display:block;font-weight:600;margin-bottom:.25rem}
input[type=text],input[type=password],input[type=search]{width:100%;font:inherit;padding:.6rem .75rem;
border:1px solid var(--field);border-radius:.5rem;background:#fff;color:var(--ink)}
input[aria-invalid=true],.option:has(input[aria-invalid=true]){border-color:var(--danger)}
.field-error{color:var(--danger);font-size:.9rem;font-weight:600;margin:.35rem 0 .5rem}
.button{display:inline-flex;justify-content:center;align-items:center;width:100%;font:inherit;font-weight:700;
padding:.7rem 1rem;border-radius:.5rem;border:1px solid transparent;cursor:pointer;text-decoration:none}
.button-primary{background:var(--brand);color:#fff}
.button-primary:hover{background:var(--brand-dark)}
.button-secondary{background:#fff;color:var(--ink);border-color:var(--field)}
.button-secondary:hover{background:${palette.notice}}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.search{display:flex;gap:.5rem;align-items:flex-end;margin-bottom:1rem}
.search .field{flex:1;margin:0}
.search .button{width:auto}
fieldset{border:1px solid transparent;border-radius:.75rem;margin:0 0 1rem;padding:0}
.options{display:grid;gap:.5rem}
.option{display:flex;gap:.75rem;align-items:center;border:1px solid var(--line);border-radius:.75rem;
padding:.75rem 1rem;cursor:pointer;font-weight:400;margin:0}
.option:hover{border-color:var(--brand)}
.option:has(input:checked){border-color:var(--brand);background:var(--tint)}
.option input{width:1.1rem;height:1.1rem;accent-color:var(--brand)}
.option-name{display:block;font-weight:600}
.option-meta{display:block;font-size:.85rem;color:var(--muted)}
.notice{background:${palette.notice};border:1px solid var(--line);border-radius:.75rem;padding:1rem;font-size:.9rem}
.notice dl{margin:0;display:grid;gap:.5rem}
.notice dt{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-weight:600}
.notice dd{margin:0;color:var(--muted)}
.points{padding-left:1.25rem;margin:0 0 1.5rem}
.points li{margin-bottom:.35rem}
.fine-print{font-size:.85rem;color:var(--muted)}
.error-code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85rem;color:var(--muted)}
.actions{display:grid;gap:.75rem}
.exit{margin-top:1rem;padding-top:1rem;border-top:1px solid var(--line)}
.footnote{max-width:28rem;text-align:center;font-size:.8rem;color:var(--muted);margin-top:1.5rem}
.visually-hidden{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;
clip:rect(0 0 0 0);white-space:nowrap;border:0}
@media (prefers-reduced-motion:no-preference){.button,.option{transition:background-color .15s,border-color .15s}}
`
