import { updateEnvironmentConfig } from './handler.ts'

Deno.serve(updateEnvironmentConfig)
