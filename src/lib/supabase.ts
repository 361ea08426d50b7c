import { createClient } from '@supabase/supabase-js'
import type { Database } from '../integrations/supabase/types.ts'
import { AUTH_STORAGE_KEY } from './auth-storage.ts'
import { env } from './env.ts'

/** The app's one Supabase client, typed by the generated schema. */
export const supabase = createClient<Database>(env.supabaseUrl, env.supabaseAnonKey, {
  auth: { persistSession: true, autoRefreshToken: true, storageKey: AUTH_STORAGE_KEY },
})
