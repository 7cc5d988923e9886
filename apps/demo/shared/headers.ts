/**
 * The header the React app sends with every API call: the id of the user its page shows
 * (URI-encoded). The server refuses a call whose user is not the one signed in now (409
 * `session_changed`): someone signed in as another person in another tab.
 */
export const SESSION_USER_HEADER = 'x-homewatt-user'
