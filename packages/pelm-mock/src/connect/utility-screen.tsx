/** @jsxImportSource hono/jsx */
import { errorAttributes, FieldErrorMessage, TextField } from './field'
import type { ScreenProps } from './screen-props'
import { searchUtilities } from './utility-search'

/** Utility selection: a server-side search (a GET form) and the matching utilities as radios. */
export function UtilityScreen({ urls, query, errors }: ScreenProps) {
  const utilities = searchUtilities(query)
  const searching = query.trim() !== ''
  return (
    <>
      <h1>Select your utility</h1>
      <p class="lead">Choose the company that sends your electricity or gas bill.</p>
      <search>
        <form method="get" action={urls.page} class="search">
          <TextField
            name="q"
            label="Search utilities"
            type="search"
            value={query}
            autocomplete="off"
          />
          <button type="submit" class="button button-secondary">
            Search
          </button>
        </form>
      </search>
      {searching && (
        <p role="status">
          {utilities.length === 0
            ? `No utilities match “${query.trim()}”.`
            : `${utilities.length} of the utilities match “${query.trim()}”.`}{' '}
          <a href={urls.page}>Show all utilities</a>
        </p>
      )}
      {utilities.length > 0 && (
        <form method="post" action={urls.utility}>
          <input type="hidden" name="q" value={query} />
          <fieldset>
            <legend class="visually-hidden">Utility</legend>
            <FieldErrorMessage name="utility" error={errors.utility} />
            <div class="options">
              {utilities.map((utility) => (
                <label class="option">
                  <input
                    type="radio"
                    name="utility"
                    value={utility.slug}
                    {...errorAttributes('utility', errors.utility)}
                  />
                  <span>
                    <span class="option-name">{utility.name}</span>
                    <span class="option-meta">
                      {utility.state} · {utility.meterTypes.map(meterLabel).join(' and ')}
                    </span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <button type="submit" class="button button-primary">
            Continue
          </button>
        </form>
      )}
    </>
  )
}

function meterLabel(type: 'ELECTRIC' | 'GAS'): string {
  return type === 'ELECTRIC' ? 'Electricity' : 'Gas'
}
