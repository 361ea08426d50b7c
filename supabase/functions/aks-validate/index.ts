import { aksValidate } from './handler.ts'

Deno.serve(aksValidate)
