/** The Firefox binary: `FIREFOX_PATH`, or Debian's `firefox-esr`. */
export declare const firefoxPath: string
