-- Environment permissions (…000300) enforced where runs start and approvals are decided:
-- - a run started by a person needs run on every environment it targets: its own environment_id and each
--   environment a deploy or rollback step of its graph acts on. A before-insert trigger on executions checks
--   it, so pipeline-execute (engine_create_execution, service role), reruns and smoke tests (as the caller) all
--   meet it, with the decision's sentence;
-- - a vote on a request gating an environment needs approve there: a deny refuses any vote, an allow lets the
--   member vote whatever the request's allowed_roles say, and with neither allowed_roles decides as before.

/** The first refusal of run for the environments a run targets (null when every one allows it). */
create or replace function private.run_refusal(_user_id uuid, _project_id uuid, _environment_id uuid, _graph jsonb)
returns text
language sql stable security definer
set search_path = ''
as $$
  select d.reason
  from public.environments e
  cross join lateral private.environment_decision(_user_id, e.id, 'run') d
  where e.project_id = _project_id and not d.allowed
    and (e.id = _environment_id or e.key in (
      select n -> 'data' -> 'config' ->> 'environment'
      from jsonb_array_elements(case when jsonb_typeof(_graph -> 'nodes') = 'array' then _graph -> 'nodes' else '[]'::jsonb end) n
      where n ->> 'type' in ('deploy', 'rollback')))
  order by e.position
  limit 1
$$;
revoke execute on function private.run_refusal(uuid, uuid, uuid, jsonb) from public, anon, authenticated, service_role;

create or replace function public.check_run_permission()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  _refusal text;
begin
  -- Runs nobody started (webhook pushes through branch mappings an admin set up) have no person to check.
  if new.started_by is not null then
    _refusal := private.run_refusal(new.started_by, new.project_id, new.environment_id, new.graph);
    if _refusal is not null then
      raise exception '%', _refusal using errcode = 'insufficient_privilege';
    end if;
  end if;
  return new;
end
$$;
revoke execute on function public.check_run_permission() from public, anon, authenticated;
create trigger executions_check_run_permission before insert on public.executions
for each row execute function public.check_run_permission();

create or replace function public.check_approval_vote()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  _request public.approval_requests;
  _starter uuid;
  _role public.app_role;
  _grant record;
begin
  select * into _request from public.approval_requests r where r.id = new.approval_request_id for update;
  if not found then
    raise exception 'approval request % does not exist', new.approval_request_id using errcode = 'foreign_key_violation';
  end if;
  new.project_id := _request.project_id;
  if _request.status <> 'pending' then
    raise exception 'approval request is already %', _request.status using errcode = 'check_violation';
  end if;
  if _request.expires_at is not null and _request.expires_at <= now() then
    raise exception 'approval request expired at %', _request.expires_at using errcode = 'check_violation';
  end if;
  _starter := (select e.started_by from public.executions e where e.id = _request.execution_id);
  if new.vote = 'approve' and new.user_id = _starter and not _request.allow_self_approval then
    raise exception 'the run''s starter cannot approve their own request' using errcode = 'insufficient_privilege';
  end if;
  if _request.environment_id is not null then
    select d.source, d.reason into _grant
    from private.environment_decision(new.user_id, _request.environment_id, 'approve') d;
    if _grant.source in ('user_deny', 'team_deny') then
      raise exception '%', _grant.reason using errcode = 'insufficient_privilege';
    end if;
    if _grant.source in ('user_allow', 'team_allow') then
      return new;
    end if;
  end if;
  _role := private.member_role(private.project_org(_request.project_id), new.user_id);
  if _role is null or not (_role = any (_request.allowed_roles)) then
    raise exception 'role % may not vote on this request', coalesce(_role::text, 'non-member') using errcode = 'insufficient_privilege';
  end if;
  return new;
end
$$;
