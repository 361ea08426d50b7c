import { azureValidate } from './handler.ts'

Deno.serve(azureValidate)
