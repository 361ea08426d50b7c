import { registryValidate } from './handler.ts'

Deno.serve(registryValidate)
