import { createTestExecution } from './handler.ts'

Deno.serve(createTestExecution)
