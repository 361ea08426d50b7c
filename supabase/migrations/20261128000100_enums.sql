-- What these migrations rely on from Supabase (every hosted project has it; the local stack provides the same,
-- and test/data-model/cli-push.test.ts pushes them with the Supabase CLI onto a database with only that):
-- - roles anon, authenticated, service_role, and auth.users, auth.uid(), auth.role();
-- - storage.buckets, storage.objects, storage.foldername();
-- - extensions.digest() and extensions.gen_random_bytes() (pgcrypto, in schema extensions);
-- - the supabase_realtime publication (tables the UI watches are added to it).
-- Nothing else: no pg_cron, pg_net or Vault objects (docs/deploying.md adds the scheduled jobs by hand).

-- Enumerations shared by the whole schema. app_role is declared strongest first (admin < operator < viewer
-- in enum order), which the access helpers rely on to compare roles.

create type public.app_role as enum ('admin', 'operator', 'viewer');
create type public.approval_status as enum ('pending', 'approved', 'rejected', 'expired');
create type public.approval_vote as enum ('approve', 'reject');
create type public.execution_status as enum ('idle', 'queued', 'running', 'success', 'warning', 'failed', 'paused', 'cancelled');
-- A node waits for predecessors (pending), for the engine (queued), or for people/webhooks (waiting).
create type public.node_status as enum ('pending', 'queued', 'running', 'waiting', 'success', 'warning', 'failed', 'skipped', 'cancelled');
create type public.node_kind as enum ('simulated', 'github_workflow', 'approval', 'deploy', 'checkpoint', 'notify', 'wait');
create type public.flow_type as enum ('cicd', 'mlops', 'llmops', 'infrastructure', 'security');
create type public.deploy_strategy as enum ('rolling', 'canary', 'blue_green');
create type public.environment_tier as enum ('development', 'testing', 'staging', 'preproduction', 'production');
create type public.deployment_status as enum ('pending', 'in_progress', 'success', 'failed', 'rolled_back', 'cancelled');
create type public.connection_status as enum ('unknown', 'healthy', 'degraded', 'down');
create type public.log_level as enum ('debug', 'info', 'warn', 'error');
