/** Where the app finds its Supabase project: the local stack under `npm start`, a hosted project in a build. */
export const env = {
  supabaseUrl: required('VITE_SUPABASE_URL', import.meta.env.VITE_SUPABASE_URL),
  supabaseAnonKey: required('VITE_SUPABASE_ANON_KEY', import.meta.env.VITE_SUPABASE_ANON_KEY),
}

function required(name: string, value: string | undefined): string {
  if (!value) throw new Error(`${name} is not set: run the app with \`npm start\`, or set it before \`vite build\`.`)
  return value
}
