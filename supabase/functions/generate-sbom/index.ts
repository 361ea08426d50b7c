import { generateSbom } from './handler.ts'

Deno.serve(generateSbom)
