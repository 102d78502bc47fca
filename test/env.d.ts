declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
    TELNYX_API_KEY: string;
    TELNYX_PUBLIC_KEY: string;
    SIMULATOR_PRIVATE_KEY: string;
    VAPID_PUBLIC_KEY: string;
    VAPID_PRIVATE_KEY: string;
    FUZZ_RUNS: string;
  }
}
