declare module '@chatdrop/test-server' {
  /** The reference server the test run started, e.g. `http://127.0.0.1:40123`. */
  export const serverUrl: string;
}
