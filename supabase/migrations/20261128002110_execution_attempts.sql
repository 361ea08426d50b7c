-- Reruns: a failed or cancelled run can be run again from a checkpoint, as a new execution that links to the
-- one it reruns and counts attempts. The database fills in the attempt number and refuses a second rerun of
-- the same run, a rerun across projects, and a rerun of a run that has not failed or been cancelled.

alter table public.executions
  add column rerun_of_id uuid references public.executions (id) on delete set null, -- the attempt this one reruns
  add column attempt integer not null default 1 check (attempt >= 1), -- 1 for a first run, n + 1 for a rerun of attempt n
  add column rerun_from_node_id text; -- the checkpoint node the rerun started from
comment on column public.executions.rerun_of_id is 'The execution this one reruns (its previous attempt)';
comment on column public.executions.attempt is '1 for a first run, n + 1 for a rerun of attempt n (set by the database)';
comment on column public.executions.rerun_from_node_id is 'The checkpoint node a rerun started from; nodes up to it reuse the previous attempt''s results';

-- One rerun per run: retrying twice would double every effect after the checkpoint.
create unique index executions_rerun_of_id_idx on public.executions (rerun_of_id);

create or replace function public.number_execution_attempt()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  _previous public.executions;
begin
  if new.rerun_of_id is null then
    new.attempt := 1;
    return new;
  end if;
  select * into _previous from public.executions e where e.id = new.rerun_of_id;
  if not found or _previous.project_id <> new.project_id then
    raise exception 'execution % is not a run of this project', new.rerun_of_id using errcode = 'foreign_key_violation';
  end if;
  if _previous.status not in ('failed', 'cancelled') then
    raise exception 'only a failed or cancelled run can be rerun; this one is %', _previous.status using errcode = 'check_violation';
  end if;
  new.attempt := _previous.attempt + 1;
  new.trigger_source := 'rerun';
  return new;
end
$$;
revoke execute on function public.number_execution_attempt() from public, anon, authenticated;

create trigger executions_attempt before insert on public.executions
for each row execute function public.number_execution_attempt();

-- Attempt links are history: nobody repoints them afterwards.
create or replace function public.keep_execution_attempt()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if (new.rerun_of_id, new.attempt, new.rerun_from_node_id) is distinct from (old.rerun_of_id, old.attempt, old.rerun_from_node_id)
    and not (new.rerun_of_id is null and old.rerun_of_id is not null and new.attempt = old.attempt) -- on delete set null
  then
    raise exception 'an execution''s attempt and rerun link cannot change' using errcode = 'check_violation';
  end if;
  return new;
end
$$;
revoke execute on function public.keep_execution_attempt() from public, anon, authenticated;

create trigger executions_attempt_fixed before update of rerun_of_id, attempt, rerun_from_node_id on public.executions
for each row execute function public.keep_execution_attempt();
