import { spawn } from 'node:child_process'
import { supabaseCliBinary } from './binaries.ts'

// `npm run supabase -- <args>` runs the Supabase CLI installed with the project.
const child = spawn(supabaseCliBinary(), process.argv.slice(2), { stdio: 'inherit' })
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
