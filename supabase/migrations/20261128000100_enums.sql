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
