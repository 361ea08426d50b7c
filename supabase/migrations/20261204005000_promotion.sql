-- Promotion (issue 10, Governance I): the exact version that runs in one environment goes to the next one along
-- the promotion chain: same version tag, commit and artifact, no rebuild. promote-version starts a run whose
-- deploy step names the target and whose executions.promotion_of_version_id names the source version; the run
-- goes through the target's gates like any other (approval gate when it is protected, locks and freezes queue
-- it, the deploy guard checks deploy). When the deploy step records the deployment, the new version row copies
-- the source's commit and artifact and points back at it (promoted_from_id).
--
-- Rules, decided by private.promotion_problem both when a promotion is asked for (promotion_plan) and again
-- when its deploy step runs (the chain may have changed while it waited):
-- - forward only, to an active environment of the same project;
-- - to the next stage, unless the target allows skipping (environments.allow_skip_promotion);
-- - a source that runs something, which the target does not already run.
-- environment_promotion_status and release_matrix are what the board and the "what runs where" matrix read.

alter table public.environments
  add column allow_skip_promotion boolean not null default false;
comment on column public.environments.allow_skip_promotion is
  'Whether versions may be promoted into this environment from further back than the stage just before it';

alter table public.deployment_versions
  add column promoted_from_id uuid references public.deployment_versions (id) on delete set null;
create index deployment_versions_promoted_from_id_idx on public.deployment_versions (promoted_from_id);
comment on column public.deployment_versions.promoted_from_id is
  'The version of an earlier environment this one was promoted from (same tag, commit and artifact)';

alter table public.executions
  add column promotion_of_version_id uuid references public.deployment_versions (id) on delete set null;
create index executions_promotion_of_version_id_idx on public.executions (promotion_of_version_id);
comment on column public.executions.promotion_of_version_id is
  'A promotion run: the version it ships into its environment (set when the run starts, never changed)';

/** A promotion's source belongs to the run's project and is fixed for the run's life, whoever writes the row. */
create or replace function public.check_promotion_source()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' and new.promotion_of_version_id is distinct from old.promotion_of_version_id then
    raise exception 'a run''s promotion source cannot change' using errcode = 'check_violation';
  end if;
  if tg_op = 'INSERT' and new.promotion_of_version_id is not null and not exists (
      select 1 from public.deployment_versions v where v.id = new.promotion_of_version_id and v.project_id = new.project_id) then
    raise exception 'the version to promote is not in this project' using errcode = 'foreign_key_violation';
  end if;
  return new;
end
$$;
revoke execute on function public.check_promotion_source() from public, anon, authenticated;
create trigger executions_check_promotion_source before insert or update of promotion_of_version_id on public.executions
for each row execute function public.check_promotion_source();

/**
 * Why _version cannot be promoted into _to (null code when it can): a sentence for people, with a code that
 * says what kind of refusal it is (not_found, backwards, skips, archived, nothing, same).
 */
create or replace function private.promotion_problem(_version_id uuid, _to_environment_id uuid, out code text, out message text)
language plpgsql stable security definer
set search_path = ''
as $$
declare
  _version public.deployment_versions;
  _from public.environments;
  _to public.environments;
  _next public.environments;
begin
  select * into _version from public.deployment_versions v where v.id = _version_id;
  select * into _to from public.environments e where e.id = _to_environment_id;
  if _version.id is null or _to.id is null then
    code := 'not_found'; message := 'No such version or environment'; return;
  end if;
  select * into _from from public.environments e where e.id = _version.environment_id;
  if _from.project_id <> _to.project_id then
    code := 'backwards'; message := format('%s and %s are in different projects', _from.key, _to.key); return;
  end if;
  if _from.archived_at is not null or _to.archived_at is not null then
    code := 'archived';
    message := format('%s is archived: restore it before promoting', case when _to.archived_at is not null then _to.key else _from.key end);
    return;
  end if;
  if _to.position <= _from.position then
    code := 'backwards';
    message := format('Promotion goes forward along the chain, and %s comes before %s (to go back, roll back instead)', _to.key, _from.key);
    return;
  end if;
  select * into _next from public.environments e
  where e.project_id = _from.project_id and e.archived_at is null and e.position > _from.position
  order by e.position limit 1;
  if _next.id <> _to.id and not _to.allow_skip_promotion then
    code := 'skips';
    message := format('%s comes next after %s: promoting straight to %s would skip it, which %s does not allow (an admin can allow it in %s''s settings)',
      _next.key, _from.key, _to.key, _to.key, _to.key);
    return;
  end if;
end
$$;
revoke execute on function private.promotion_problem(uuid, uuid) from public, anon, service_role;
-- promotion_plan runs as the caller (so RLS hides what they cannot see) and asks this as them.
grant execute on function private.promotion_problem(uuid, uuid) to authenticated;

/**
 * What promoting into _to would ship, as the caller may see it: the source environment (_from, default the
 * stage before _to) and its current version, and whether the target needs an approval gate. Refuses with the
 * sentence: PT404 unknown (or invisible) environment, PT400 backwards or another project, PT409 a skip the
 * target does not allow, an archived environment, a source that runs nothing, a target that already runs it, a
 * promotion of it already under way; 42501 a caller who may not deploy there.
 */
create or replace function public.promotion_plan(_to_environment_id uuid, _from_environment_id uuid default null)
returns jsonb
language plpgsql stable security invoker
set search_path = ''
as $$
declare
  _to public.environments;
  _from public.environments;
  _version public.deployment_versions;
  _running public.deployment_versions;
  _problem record;
  _refusal text;
  _busy uuid;
begin
  select * into _to from public.environments e where e.id = _to_environment_id;
  if not found then
    raise exception 'No such environment, or you cannot see it' using errcode = 'PT404';
  end if;
  if _from_environment_id is null then
    select * into _from from public.environments e
    where e.project_id = _to.project_id and e.archived_at is null and e.position < _to.position
    order by e.position desc limit 1;
    if not found then
      raise exception '% is the first stage of the chain: nothing comes before it to promote', _to.key using errcode = 'PT400';
    end if;
  else
    select * into _from from public.environments e where e.id = _from_environment_id;
    if not found then
      raise exception 'No such source environment, or you cannot see it' using errcode = 'PT404';
    end if;
  end if;

  select * into _version from public.deployment_versions v where v.environment_id = _from.id and v.is_current;
  if not found then
    raise exception '% runs nothing yet, so there is nothing to promote from it', _from.key using errcode = 'PT409';
  end if;
  select * into _problem from private.promotion_problem(_version.id, _to.id);
  if _problem.code in ('backwards', 'not_found') then
    raise exception '%', _problem.message using errcode = 'PT400';
  elsif _problem.code is not null then
    raise exception '%', _problem.message using errcode = 'PT409';
  end if;
  select * into _running from public.deployment_versions v where v.environment_id = _to.id and v.is_current;
  if _running.version_tag = _version.version_tag then
    raise exception '% already runs %', _to.key, _version.version_tag using errcode = 'PT409';
  end if;
  select x.id into _busy from public.executions x
  where x.promotion_of_version_id = _version.id and x.environment_id = _to.id and x.status in ('queued', 'running', 'paused')
  limit 1;
  if found then
    raise exception '% is already being promoted to % (run %)', _version.version_tag, _to.key, _busy
      using errcode = 'PT409', detail = _busy::text;
  end if;
  _refusal := private.action_refusal(_to.id, 'deploy');
  if _refusal is not null then
    raise exception '%', _refusal using errcode = '42501';
  end if;

  return jsonb_build_object(
    'project_id', _to.project_id,
    'from', jsonb_build_object('id', _from.id, 'key', _from.key, 'display_name', _from.display_name),
    'to', jsonb_build_object('id', _to.id, 'key', _to.key, 'display_name', _to.display_name,
      'required_approvals', _to.required_approvals, 'deploy_strategy', _to.deploy_strategy,
      'needs_gate', _to.required_approvals > 0 or exists (
        select 1 from public.approval_policy_versions p where p.environment_id = _to.id and p.active
          and p.version = (select max(q.version) from public.approval_policy_versions q where q.environment_id = _to.id))),
    'version', jsonb_build_object('id', _version.id, 'version_tag', _version.version_tag, 'commit_sha', _version.commit_sha,
      'artifact_id', _version.artifact_id, 'deployed_at', _version.created_at),
    'replaces', case when _running.id is null then null else jsonb_build_object('id', _running.id, 'version_tag', _running.version_tag) end
  );
end
$$;
revoke execute on function public.promotion_plan(uuid, uuid) from public, anon;
grant execute on function public.promotion_plan(uuid, uuid) to authenticated;

/**
 * Per active environment of the project (RLS applies: the caller's view): the stage before it, what runs there
 * and here, the version waiting to be promoted here (the previous stage's, when it differs), how many versions
 * the previous stage received since the one running here ran there (null: this version never ran there), since
 * when, and a promotion into it under way.
 */
create or replace function public.environment_promotion_status(_project_id uuid)
returns table (environment_id uuid, previous_environment_id uuid, current_version_tag text,
  candidate_version_id uuid, candidate_version_tag text, candidate_deployed_at timestamptz,
  behind_by integer, behind_since timestamptz, promoting_execution_id uuid, promoting_version_tag text)
language sql stable security invoker
set search_path = ''
as $$
  with chain as (
    select e.id, lag(e.id) over (order by e.position) as previous_id
    from public.environments e where e.project_id = _project_id and e.archived_at is null
  ), current as (
    select v.environment_id, v.id, v.version_tag, v.created_at
    from public.deployment_versions v where v.project_id = _project_id and v.is_current
  )
  select c.id, c.previous_id, here.version_tag,
    case when prev.version_tag is distinct from here.version_tag then prev.id end,
    case when prev.version_tag is distinct from here.version_tag then prev.version_tag end,
    case when prev.version_tag is distinct from here.version_tag then prev.created_at end,
    behind.n, behind.since, flight.id, flight.version
  from chain c
  left join current here on here.environment_id = c.id
  left join current prev on prev.environment_id = c.previous_id
  left join lateral (
    -- The last time the version running here ran in the previous stage (or the beginning when nothing runs here).
    select case when here.id is null then '-infinity'::timestamptz
      else (select max(pv.created_at) from public.deployment_versions pv
            where pv.environment_id = c.previous_id and pv.version_tag = here.version_tag) end as mark
  ) seen on c.previous_id is not null
  left join lateral (
    select count(distinct pv.version_tag)::integer as n, min(pv.created_at) as since
    from public.deployment_versions pv
    where pv.environment_id = c.previous_id and pv.created_at > seen.mark
      and pv.version_tag is distinct from here.version_tag
  ) behind on seen.mark is not null
  left join lateral (
    select x.id, x.version from public.executions x
    where x.environment_id = c.id and x.promotion_of_version_id is not null and x.status in ('queued', 'running', 'paused')
    order by x.created_at desc limit 1
  ) flight on true
$$;
revoke execute on function public.environment_promotion_status(uuid) from public, anon;
grant execute on function public.environment_promotion_status(uuid) to authenticated;

/**
 * What runs where across an organization's active projects (RLS applies): one row per project and active
 * environment, with the current version, its commit, when it was deployed, whether it was promoted, and how far
 * behind the previous stage it is.
 */
create or replace function public.release_matrix(_organization_id uuid)
returns table (project_id uuid, project_name text, environment_id uuid, environment_key text, environment_name text,
  environment_position integer, tier public.environment_tier, version_tag text, commit_sha text, deployed_at timestamptz,
  promoted boolean, behind_by integer)
language sql stable security invoker
set search_path = ''
as $$
  select p.id, p.name, e.id, e.key, e.display_name, e.position, e.tier, v.version_tag, v.commit_sha, v.created_at,
    v.promoted_from_id is not null, s.behind_by
  from public.projects p
  join public.environments e on e.project_id = p.id and e.archived_at is null
  left join public.deployment_versions v on v.environment_id = e.id and v.is_current
  left join lateral (select st.behind_by from public.environment_promotion_status(p.id) st where st.environment_id = e.id) s on true
  where p.organization_id = _organization_id and p.archived_at is null
  order by p.name, e.position
$$;
revoke execute on function public.release_matrix(uuid) from public, anon;
grant execute on function public.release_matrix(uuid) to authenticated;

-- As in 20261204002040, plus promotion: a run with promotion_of_version_id checks the chain rules again (the
-- chain may have changed while it waited) and records the source's commit and artifact, pointing back at it.
create or replace function public.engine_record_deployment(_run public.executions, _node public.execution_nodes, _effect jsonb, _at timestamptz)
returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  _env public.environments;
  _request uuid;
  _deployment uuid;
  _detail text;
  _source public.deployment_versions;
  _source_key text;
  _problem record;
begin
  select * into _env from public.environments e where e.project_id = _run.project_id and e.key = _effect ->> 'environment'
  for update;
  if not found then
    perform public.engine_refuse(_node, format('environment %s does not exist in this project', _effect ->> 'environment'));
  end if;
  if _run.promotion_of_version_id is not null then
    select * into _source from public.deployment_versions v where v.id = _run.promotion_of_version_id;
    if not found then
      perform public.engine_refuse(_node, 'the version this run promotes no longer exists');
    end if;
    select * into _problem from private.promotion_problem(_source.id, _env.id);
    if _problem.code is not null then
      perform public.engine_refuse(_node, _problem.message);
    end if;
    select e.key into _source_key from public.environments e where e.id = _source.environment_id;
  end if;
  select r.id into _request from public.approval_requests r
  where r.execution_id = _run.id and r.environment_id = _env.id and r.status = 'approved'
  order by r.resolved_at desc nulls last limit 1;
  begin
    insert into public.deployments (project_id, environment_id, execution_id, approval_request_id, version, status,
      strategy, deployed_by, reason, started_at, finished_at)
    values (_run.project_id, _env.id, _run.id, _request, coalesce(_source.version_tag, _effect ->> 'version'), 'success',
      (_effect ->> 'strategy')::public.deploy_strategy, _run.started_by,
      case when _source.id is null then format('Deployed by run %s', _run.name)
        else format('Promoted from %s by run %s', _source_key, _run.name) end,
      coalesce(_node.started_at, _at), _at)
    returning id into _deployment;
  exception when insufficient_privilege or check_violation or foreign_key_violation then
    get stacked diagnostics _detail = pg_exception_detail;
    if _detail = 'environment_blocked' then
      raise exception '%', sqlerrm using errcode = 'OZ003', detail = _node.node_id;
    end if;
    perform public.engine_refuse(_node, sqlerrm);
  end;
  insert into public.deployment_versions (project_id, environment_id, deployment_id, artifact_id, version_tag, commit_sha, is_current, promoted_from_id)
  values (_run.project_id, _env.id, _deployment, _source.artifact_id, coalesce(_source.version_tag, _effect ->> 'version'),
    case when _source.id is null then _run.commit_sha else _source.commit_sha end, true, _source.id);
  perform public.engine_log(_node, case when _source.id is null
    then format('Deployed %s to %s (%s)', _effect ->> 'version', _env.key, _effect ->> 'strategy')
    else format('Promoted %s to %s (%s): commit %s, the artifact that runs in %s, no rebuild', _source.version_tag, _env.key,
      _effect ->> 'strategy', coalesce(left(_source.commit_sha, 7), 'unknown'), _source_key) end);
end
$$;

-- As in 20261128002060, plus the run's promotion source and the author of the commit it ships (separation of
-- duties: approval policies may refuse that person's approval).
create or replace function public.engine_create_execution(_execution jsonb, _nodes jsonb)
returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  _id uuid;
begin
  insert into public.executions (id, project_id, flow_template_id, name, flow_type, status, environment_id, graph,
    trigger_source, branch, commit_sha, started_by, version, promotion_of_version_id, commit_author_email)
  select coalesce(x.id, gen_random_uuid()), x.project_id, x.flow_template_id, x.name, coalesce(x.flow_type, 'cicd'), 'queued',
    x.environment_id, x.graph, coalesce(x.trigger_source, 'manual'), x.branch, x.commit_sha, x.started_by, x.version,
    x.promotion_of_version_id, x.commit_author_email
  from jsonb_to_record(_execution) as x (id uuid, project_id uuid, flow_template_id uuid, name text, flow_type public.flow_type,
    environment_id uuid, graph jsonb, trigger_source text, branch text, commit_sha text, started_by uuid, version text,
    promotion_of_version_id uuid, commit_author_email text)
  returning id into _id;

  insert into public.execution_nodes (execution_id, node_id, name, kind, config, status, attempt, started_at, finished_at, duration_ms, output)
  select _id, n.node_id, n.name, n.kind, coalesce(n.config, '{}'::jsonb), coalesce(n.status, 'pending'), coalesce(n.attempt, 1),
    n.started_at, n.finished_at,
    case when n.started_at is not null and n.finished_at is not null
      then greatest(0, (extract(epoch from n.finished_at - n.started_at) * 1000)::integer) end,
    n.output
  from jsonb_to_recordset(_nodes) as n (node_id text, name text, kind public.node_kind, config jsonb, status public.node_status,
    attempt integer, started_at timestamptz, finished_at timestamptz, output jsonb);
  return _id;
end
$$;

-- The "what runs where" matrix and the board follow environments being added, moved or archived live.
alter publication supabase_realtime add table public.environments;

-- As in 20261128002100, plus where a promoted version came from (its source's environment key).
create or replace view public.deployment_version_history with (security_invoker = true) as
select v.id, v.project_id, v.environment_id, v.deployment_id, v.version_tag, v.commit_sha, v.is_current, v.restored_from_id,
  d.deployed_by, d.reason, d.rollback_of_id, d.break_glass,
  v.created_at as live_from,
  lead(v.created_at) over w as live_until,
  coalesce(lead(v.created_at) over w, now()) - v.created_at as live_for,
  v.promoted_from_id,
  pe.key as promoted_from_key
from public.deployment_versions v
left join public.deployments d on d.id = v.deployment_id
left join public.deployment_versions pv on pv.id = v.promoted_from_id
left join public.environments pe on pe.id = pv.environment_id
window w as (partition by v.environment_id order by v.created_at, v.id);
