-- Engine state the first schema did not hold, and the legal status changes enforced in the database (the
-- same tables as supabase/functions/_shared/pipeline/statuses.ts), so no client or bug can move a node or a
-- run backwards whatever path it takes.

alter table public.executions add column if not exists version text;
comment on column public.executions.version is 'What deploy nodes ship unless a node names its own: a tag, a sha, or <pipeline>-<yyyymmdd>-<id>';

alter table public.execution_nodes add column if not exists log_lines_written integer not null default 0
  check (log_lines_written >= 0);
comment on column public.execution_nodes.log_lines_written is 'How many of a simulated step''s configured log lines the engine has streamed so far';

create index if not exists execution_state_events_node_idx on public.execution_state_events (execution_id, node_id);

-- pending → running|waiting|skipped|cancelled; running → success|failed|warning|cancelled;
-- waiting → success|failed|cancelled; (queued is the database's extra "handed to the engine" state).
create or replace function public.check_node_transition()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.status is distinct from old.status and not (
    (old.status = 'pending' and new.status in ('queued', 'running', 'waiting', 'skipped', 'cancelled'))
    or (old.status = 'queued' and new.status in ('running', 'waiting', 'skipped', 'cancelled'))
    or (old.status = 'running' and new.status in ('success', 'failed', 'warning', 'cancelled'))
    or (old.status = 'waiting' and new.status in ('success', 'failed', 'cancelled'))
  ) then
    raise exception 'node % cannot go from % to %', old.node_id, old.status, new.status using errcode = 'check_violation';
  end if;
  return new;
end
$$;
revoke execute on function public.check_node_transition() from public, anon, authenticated;

create trigger execution_nodes_legal_status before update of status on public.execution_nodes
for each row execute function public.check_node_transition();

-- queued → running|cancelled; running → paused|finished|cancelled; paused → running|finished|cancelled.
-- Runs before executions_status (trigger names fire in order), so an illegal change leaves no event.
create or replace function public.check_execution_transition()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.status is distinct from old.status and not (
    (old.status in ('idle', 'queued') and new.status in ('queued', 'running', 'cancelled'))
    or (old.status = 'running' and new.status in ('paused', 'success', 'warning', 'failed', 'cancelled'))
    or (old.status = 'paused' and new.status in ('running', 'success', 'warning', 'failed', 'cancelled'))
  ) then
    raise exception 'execution % cannot go from % to %', old.id, old.status, new.status using errcode = 'check_violation';
  end if;
  return new;
end
$$;
revoke execute on function public.check_execution_transition() from public, anon, authenticated;

create trigger executions_legal_status before update of status on public.executions
for each row execute function public.check_execution_transition();

-- As before, plus the actor: the engine acts as service_role (no auth.uid()), so it names the person it
-- acts for (who cancelled) in the transaction setting opzenix.transition_actor.
create or replace function public.track_execution_status()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.status is distinct from old.status then
    if old.status in ('success', 'warning', 'failed', 'cancelled') then
      raise exception 'execution % is already %', old.id, old.status using errcode = 'check_violation';
    end if;
    if new.status in ('success', 'warning', 'failed', 'cancelled') and new.finished_at is null then
      new.finished_at := now();
    end if;
    if new.status = 'running' and new.started_at is null then
      new.started_at := now();
    end if;
    insert into public.execution_state_events (execution_id, project_id, old_state, new_state, reason, actor_id)
    values (new.id, new.project_id, old.status::text, new.status::text,
      nullif(current_setting('opzenix.transition_reason', true), ''),
      coalesce(auth.uid(), nullif(current_setting('opzenix.transition_actor', true), '')::uuid));
  end if;
  return new;
end
$$;
revoke execute on function public.track_execution_status() from public, anon, authenticated;
