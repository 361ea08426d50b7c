/**
 * Where the app finds its Supabase project: `window.__OPZENIX_CONFIG__` when the server that hosts a build
 * injects it (one build, many projects), else the values baked in by Vite (`npm start`, or a build with
 * VITE_SUPABASE_URL / VITE_SUPABASE_ANON_KEY set).
 */
interface RuntimeConfig {
  supabaseUrl?: string
  supabaseAnonKey?: string
}

declare global {
  interface Window {
    __OPZENIX_CONFIG__?: RuntimeConfig
  }
}

const runtime: RuntimeConfig = (typeof window !== 'undefined' && window.__OPZENIX_CONFIG__) || {}

export const env = {
  supabaseUrl: required('VITE_SUPABASE_URL', runtime.supabaseUrl ?? import.meta.env.VITE_SUPABASE_URL),
  supabaseAnonKey: required('VITE_SUPABASE_ANON_KEY', runtime.supabaseAnonKey ?? import.meta.env.VITE_SUPABASE_ANON_KEY),
}

function required(name: string, value: string | undefined): string {
  if (!value) throw new Error(`${name} is not set: run the app with \`npm start\`, or set it before \`vite build\`.`)
  return value
}
