import { explainConfig } from './handler.ts'

Deno.serve(explainConfig)
