import { rollbackDeployment } from './handler.ts'

Deno.serve(rollbackDeployment)
