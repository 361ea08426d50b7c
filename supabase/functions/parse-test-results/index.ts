import { parseTestResults } from './handler.ts'

Deno.serve(parseTestResults)
