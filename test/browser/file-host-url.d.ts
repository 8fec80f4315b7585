declare module '@chatdrop/test-file-host' {
  /** The file host the test run started on another loopback port (`scripts/wtr-file-host-plugin.mjs`), e.g. `http://127.0.0.1:40124`. */
  export const fileHostUrl: string;
}
