import { rerunFromCheckpoint } from './handler.ts'

Deno.serve(rerunFromCheckpoint)
