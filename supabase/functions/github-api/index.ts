import { githubApi } from './handler.ts'

Deno.serve(githubApi)
