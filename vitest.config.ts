import { defineConfig } from 'vitest/config'

// Integration tests each start a real stack (Postgres, PostgREST, Deno); two cores cannot run many at once.
export default defineConfig({
  test: {
    include: ['stack/**/*.test.ts', 'test/**/*.test.ts', 'src/**/*.test.{ts,tsx}', 'supabase/functions/**/*.test.ts', 'e2e/**/*.e2e.test.ts', 'bench/lib/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
})
