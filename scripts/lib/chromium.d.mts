/** The Chromium binary: `CHROMIUM_PATH`, or Debian's. */
export declare const chromiumPath: string
/** Launch flags: headless, no sandbox (CI runs as root), and no background network traffic. */
export declare const chromiumArgs: string[]
