import { healthCheck } from './handler.ts'

Deno.serve(healthCheck)
