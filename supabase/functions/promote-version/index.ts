import { promoteVersion } from './handler.ts'

Deno.serve(promoteVersion)
