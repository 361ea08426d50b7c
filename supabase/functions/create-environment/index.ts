import { createEnvironment } from './handler.ts'

Deno.serve(createEnvironment)
