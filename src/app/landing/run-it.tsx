const DEPLOY_DOC = 'docs/deploying.md'

export function RunIt() {
  return (
    <section id="run-it" aria-labelledby="run-title" className="grid gap-6 md:grid-cols-2">
      <div className="flex flex-col gap-3">
        <h2 id="run-title" className="text-2xl font-semibold">Run it on your machine</h2>
        <p className="text-muted-foreground">
          Node 20 on Linux. Postgres 17, PostgREST, Deno and the rest arrive with npm; no Docker.
        </p>
        <pre className="overflow-x-auto rounded-md border bg-card p-4 text-sm"><code>{'npm ci\nnpm start'}</code></pre>
      </div>
      <div className="flex flex-col gap-3">
        <h3 className="text-2xl font-semibold">Deploy it to Supabase</h3>
        <p className="text-muted-foreground">
          The <code>supabase/</code> folder deploys to a hosted project unchanged; the app is static files. The steps are in{' '}
          <code>{DEPLOY_DOC}</code> in the repository.
        </p>
        <pre className="overflow-x-auto rounded-md border bg-card p-4 text-sm"><code>{'npm run supabase -- db push --remote\nnpm run supabase -- functions deploy'}</code></pre>
      </div>
    </section>
  )
}
