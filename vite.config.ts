import tailwindcss from '@tailwindcss/vite'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// `npm start` serves this config through stack/app.ts, which adds the running stack's URL and anon key.
// `vite build` reads VITE_SUPABASE_URL and VITE_SUPABASE_ANON_KEY from the environment or a .env file;
// a build can also be pointed at a project at serve time through window.__OPZENIX_CONFIG__ (see src/lib/env.ts).
export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: { host: '127.0.0.1', port: 5173 },
  build: { outDir: 'dist', sourcemap: true },
})
