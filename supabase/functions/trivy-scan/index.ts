import { trivyScan } from './handler.ts'

Deno.serve(trivyScan)
