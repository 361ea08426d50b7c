// Stands in for `jsr:@supabase/functions-js/edge-runtime.d.ts`, the types-only import of the CLI's function
// template, which cannot be fetched here and has nothing to run.
export {}
