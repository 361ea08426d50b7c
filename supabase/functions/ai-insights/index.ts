import { aiInsights } from './handler.ts'

Deno.serve(aiInsights)
