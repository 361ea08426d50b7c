import { githubValidate } from './handler.ts'

Deno.serve(githubValidate)
