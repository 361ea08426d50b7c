-- Commit statuses back to GitHub (issue 15): every status change of a run that has a commit and belongs to a
-- project with a connected repository queues a GitHub commit status (pending while queued, running or waiting
-- for approval; success, failure, or error when cancelled), under one context per pipeline
-- ("opzenix/<pipeline>") so branch protection can require it. The scheduler's engine-tick sends them in order
-- with the organization's GitHub token (claim_github_statuses / finish_github_status, service role) and records
-- the outcome; members read the queue. Runs written finished (the seed's history) queue nothing.

create table public.github_commit_statuses (
  id bigint generated always as identity primary key,
  project_id uuid not null references public.projects (id) on delete cascade,
  execution_id uuid not null references public.executions (id) on delete cascade,
  github_integration_id uuid not null references public.github_integrations (id) on delete cascade, -- the repository
  sha text not null check (sha ~ '^[0-9a-f]{7,40}$'),
  state text not null check (state in ('pending', 'success', 'failure', 'error')), -- GitHub's commit status states
  context text not null, -- opzenix/<pipeline name>: one line per pipeline on the commit
  description text not null check (length(description) <= 140),
  delivery text not null default 'queued' check (delivery in ('queued', 'sending', 'sent', 'failed')),
  attempts integer not null default 0,
  error text, -- why GitHub refused it, or why it could not be sent
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index github_commit_statuses_due_idx on public.github_commit_statuses (id) where delivery in ('queued', 'sending');
create index github_commit_statuses_execution_idx on public.github_commit_statuses (execution_id, id);
create index github_commit_statuses_project_idx on public.github_commit_statuses (project_id, created_at desc);

alter table public.github_commit_statuses enable row level security;
create policy "Members can read the commit statuses of their runs"
on public.github_commit_statuses for select to authenticated using ((select private.is_project_member(project_id)));

/** Queues the commit status a run's new status means (runs without a commit or a connected repository: none). */
create or replace function public.queue_github_commit_status()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  _integration uuid;
  _repository text;
  _pipeline text;
  _state text;
  _description text;
begin
  if new.commit_sha is null or (tg_op = 'UPDATE' and new.status is not distinct from old.status)
    or (tg_op = 'INSERT' and new.status not in ('queued', 'running')) then
    return null;
  end if;
  -- The repository the run builds: its source node's, else the project's only active integration.
  select coalesce(n -> 'config' ->> 'repository', n -> 'data' -> 'config' ->> 'repository') into _repository
  from jsonb_array_elements(coalesce(new.graph -> 'nodes', '[]'::jsonb)) n
  where coalesce(n ->> 'kind', n ->> 'type') = 'source' limit 1;
  select i.id into _integration from public.github_integrations i
  where i.project_id = new.project_id and i.is_active
    and (_repository is null or lower(i.repository_owner || '/' || i.repository_name) = lower(_repository))
  order by i.created_at limit 1;
  if _integration is null then
    return null;
  end if;
  select f.name into _pipeline from public.flow_templates f where f.id = new.flow_template_id;
  _state := case new.status::text when 'success' then 'success' when 'warning' then 'success' when 'failed' then 'failure'
    when 'cancelled' then 'error' else 'pending' end;
  _description := case new.status::text
    when 'queued' then 'Queued' when 'running' then 'Running' when 'paused' then 'Waiting for approval'
    when 'success' then 'Passed' when 'warning' then 'Passed with warnings'
    when 'failed' then left(coalesce('Failed: ' || new.error_message, 'Failed'), 140)
    when 'cancelled' then 'Cancelled' else new.status::text end;
  insert into public.github_commit_statuses (project_id, execution_id, github_integration_id, sha, state, context, description)
  values (new.project_id, new.id, _integration, new.commit_sha, _state, left('opzenix/' || coalesce(_pipeline, new.name), 255), _description);
  return null;
end
$$;
revoke execute on function public.queue_github_commit_status() from public, anon, authenticated;
create trigger executions_github_commit_status after insert or update of status on public.executions
for each row execute function public.queue_github_commit_status();

/**
 * Takes up to _limit statuses due to be sent (queued, or left sending by a worker that died over a minute ago),
 * oldest first and never two of one run at once, with what sending needs: repository, organization, run.
 */
create or replace function public.claim_github_statuses(_limit integer default 20)
returns table (id bigint, execution_id uuid, organization_id uuid, repository_owner text, repository_name text, sha text,
  state text, context text, description text)
language sql security definer
set search_path = ''
as $$
  with due as (
    select s.id from public.github_commit_statuses s
    where (s.delivery = 'queued' or (s.delivery = 'sending' and s.created_at < now() - interval '1 minute'))
      and not exists (select 1 from public.github_commit_statuses e where e.execution_id = s.execution_id and e.id < s.id
        and e.delivery in ('queued', 'sending'))
    order by s.id limit _limit for update skip locked
  )
  update public.github_commit_statuses s set delivery = 'sending', attempts = s.attempts + 1
  from due, public.github_integrations i, public.projects p
  where s.id = due.id and i.id = s.github_integration_id and p.id = s.project_id
  returning s.id, s.execution_id, p.organization_id, i.repository_owner, i.repository_name, s.sha, s.state, s.context, s.description
$$;

/** Records how sending went: sent, or failed with GitHub's (or our) reason. */
create or replace function public.finish_github_status(_id bigint, _sent boolean, _error text default null)
returns void
language sql security definer
set search_path = ''
as $$
  update public.github_commit_statuses set delivery = case when _sent then 'sent' else 'failed' end,
    sent_at = case when _sent then now() end, error = left(_error, 1000)
  where id = _id
$$;
revoke execute on function public.claim_github_statuses(integer), public.finish_github_status(bigint, boolean, text) from public, anon, authenticated;
grant execute on function public.claim_github_statuses(integer), public.finish_github_status(bigint, boolean, text) to service_role;
