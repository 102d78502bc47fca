declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
    /** The pinned clock's instant (ISO), '' when the real clock runs (test/clock.ts). */
    TEST_CLOCK: string;
    TELNYX_API_KEY: string;
    TELNYX_PUBLIC_KEY: string;
    SIMULATOR_PRIVATE_KEY: string;
    VAPID_PUBLIC_KEY: string;
    VAPID_PRIVATE_KEY: string;
    FUZZ_RUNS: string;
  }
}

/** A file's text, imported with Vite's `?raw` (the docs a test compares with the app). */
declare module '*.md?raw' {
  const text: string;
  export default text;
}
