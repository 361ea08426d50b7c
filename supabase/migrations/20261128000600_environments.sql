-- Environments are rows, not spellings: one per project and key, ordered along the promotion chain, with the
-- approvals and strategy a deploy into them needs. Locks, freeze windows, configs and secret references
-- hang off them. Everything else names an environment by environment_id, never by free text.

create table public.environments (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects (id) on delete cascade,
  key text not null check (key ~ '^[a-z][a-z0-9_-]*$'), -- stable identifier used in URLs and branch mappings
  display_name text not null,
  tier public.environment_tier not null,
  position integer not null check (position >= 0), -- place in the promotion chain, 0 first
  required_approvals integer not null default 0 check (required_approvals between 0 and 50),
  deploy_strategy public.deploy_strategy not null default 'rolling',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (project_id, key),
  unique (project_id, position) deferrable initially deferred, -- reordering swaps positions inside one transaction
  unique (id, project_id) -- target of (environment_id, project_id) foreign keys
);
create index environments_project_id_idx on public.environments (project_id);

create table public.environment_locks (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null,
  environment_id uuid not null unique,
  is_locked boolean not null default false,
  required_role public.app_role not null default 'admin', -- who may still deploy (break-glass, audited)
  lock_reason text,
  locked_by uuid references auth.users (id) on delete set null,
  locked_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (environment_id, project_id) references public.environments (id, project_id) on delete cascade
);
create index environment_locks_project_id_idx on public.environment_locks (project_id);

create table public.freeze_windows (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects (id) on delete cascade,
  environment_id uuid, -- null: every environment of the project
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  reason text not null,
  required_role public.app_role not null default 'admin', -- who may still deploy during the window
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ends_at > starts_at),
  foreign key (environment_id, project_id) references public.environments (id, project_id) on delete cascade
);
create index freeze_windows_project_id_idx on public.freeze_windows (project_id, starts_at, ends_at);
create index freeze_windows_environment_id_idx on public.freeze_windows (environment_id);

create table public.environment_configs (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null,
  environment_id uuid not null unique,
  variables jsonb not null default '{}'::jsonb, -- plain, non-secret settings
  secrets_ref text[] not null default '{}', -- secret_references.ref_key values the environment needs; never values
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (environment_id, project_id) references public.environments (id, project_id) on delete cascade
);
create index environment_configs_project_id_idx on public.environment_configs (project_id);

create table public.secret_references (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects (id) on delete cascade,
  environment_id uuid,
  ref_key text not null, -- the name code asks for, e.g. DATABASE_URL
  provider text not null check (provider in ('supabase_vault', 'edge_function_secret', 'azure_key_vault', 'aws_secrets_manager', 'github_actions')),
  external_name text, -- where the provider keeps the value (vault secret name, key vault URI); never the value
  scope text not null default 'project' check (scope in ('project', 'environment', 'pipeline')),
  description text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (project_id, ref_key),
  foreign key (environment_id, project_id) references public.environments (id, project_id) on delete cascade
);
create index secret_references_environment_id_idx on public.secret_references (environment_id);

create trigger environments_updated_at before update on public.environments
for each row execute function public.update_updated_at_column();
create trigger environment_locks_updated_at before update on public.environment_locks
for each row execute function public.update_updated_at_column();
create trigger freeze_windows_updated_at before update on public.freeze_windows
for each row execute function public.update_updated_at_column();
create trigger environment_configs_updated_at before update on public.environment_configs
for each row execute function public.update_updated_at_column();
create trigger secret_references_updated_at before update on public.secret_references
for each row execute function public.update_updated_at_column();

create trigger environments_audit after insert or update or delete on public.environments
for each row execute function audit.log_change();
create trigger environment_locks_audit after insert or update or delete on public.environment_locks
for each row execute function audit.log_change();
create trigger freeze_windows_audit after insert or update or delete on public.freeze_windows
for each row execute function audit.log_change();
create trigger environment_configs_audit after insert or update or delete on public.environment_configs
for each row execute function audit.log_change();
create trigger secret_references_audit after insert or update or delete on public.secret_references
for each row execute function audit.log_change();

alter table public.environments enable row level security;
alter table public.environment_locks enable row level security;
alter table public.freeze_windows enable row level security;
alter table public.environment_configs enable row level security;
alter table public.secret_references enable row level security;

create policy "Members can read their projects' environments"
on public.environments for select to authenticated
using ((select public.is_project_member(project_id)));
create policy "Organization admins can create environments"
on public.environments for insert to authenticated
with check ((select public.project_role_at_least(project_id, 'admin')));
create policy "Organization admins can update environments"
on public.environments for update to authenticated
using ((select public.project_role_at_least(project_id, 'admin')))
with check ((select public.project_role_at_least(project_id, 'admin')));
create policy "Organization admins can delete environments"
on public.environments for delete to authenticated
using ((select public.project_role_at_least(project_id, 'admin')));

create policy "Members can read environment locks"
on public.environment_locks for select to authenticated
using ((select public.is_project_member(project_id)));
create policy "Organization admins can create environment locks"
on public.environment_locks for insert to authenticated
with check ((select public.project_role_at_least(project_id, 'admin')));
create policy "Organization admins can lock and unlock environments"
on public.environment_locks for update to authenticated
using ((select public.project_role_at_least(project_id, 'admin')))
with check ((select public.project_role_at_least(project_id, 'admin')));
create policy "Organization admins can delete environment locks"
on public.environment_locks for delete to authenticated
using ((select public.project_role_at_least(project_id, 'admin')));

create policy "Members can read freeze windows"
on public.freeze_windows for select to authenticated
using ((select public.is_project_member(project_id)));
create policy "Organization admins can schedule freeze windows"
on public.freeze_windows for insert to authenticated
with check ((select public.project_role_at_least(project_id, 'admin')));
create policy "Organization admins can change freeze windows"
on public.freeze_windows for update to authenticated
using ((select public.project_role_at_least(project_id, 'admin')))
with check ((select public.project_role_at_least(project_id, 'admin')));
create policy "Organization admins can cancel freeze windows"
on public.freeze_windows for delete to authenticated
using ((select public.project_role_at_least(project_id, 'admin')));

create policy "Members can read environment configs"
on public.environment_configs for select to authenticated
using ((select public.is_project_member(project_id)));
create policy "Organization admins can create environment configs"
on public.environment_configs for insert to authenticated
with check ((select public.project_role_at_least(project_id, 'admin')));
create policy "Organization admins can update environment configs"
on public.environment_configs for update to authenticated
using ((select public.project_role_at_least(project_id, 'admin')))
with check ((select public.project_role_at_least(project_id, 'admin')));
create policy "Organization admins can delete environment configs"
on public.environment_configs for delete to authenticated
using ((select public.project_role_at_least(project_id, 'admin')));

create policy "Members can read secret references"
on public.secret_references for select to authenticated
using ((select public.is_project_member(project_id)));
create policy "Organization admins can create secret references"
on public.secret_references for insert to authenticated
with check ((select public.project_role_at_least(project_id, 'admin')));
create policy "Organization admins can update secret references"
on public.secret_references for update to authenticated
using ((select public.project_role_at_least(project_id, 'admin')))
with check ((select public.project_role_at_least(project_id, 'admin')));
create policy "Organization admins can delete secret references"
on public.secret_references for delete to authenticated
using ((select public.project_role_at_least(project_id, 'admin')));
