-- Approval policies (issue 11, Governance II): per environment, versioned rules that say who must approve a
-- deploy there. A version is a set of rules, each "N approvals from a group" (an organization role or
-- stronger, a team, or named people), arranged in levels that pass in order; switches for separation of
-- duties (the run's starter, the author of the commit being deployed), an expiry, and whether a change ticket
-- id and impact notes are required with an approve vote.
--
-- Every change is a new version (who, when, why); a request pins the version current when it was created, so
-- editing a policy never changes what an open request needs. Without a policy (or with a version that turns
-- it off) requests keep the environment's required_approvals from any allowed role, as before.
--
-- Decisions are the database's, under the request's row lock (taken by the vote trigger), once per vote:
-- - a vote is refused unless the voter is in a group of the level open now (later levels: refused until it
--   opens; votes are never held for a level that is not open), passes separation of duties, and brings the
--   ticket id / impact notes the policy asks for;
-- - the open level's approve votes are assigned to its rules by a maximum bipartite matching (each person
--   counts toward at most one rule; rule capacities are their N), recomputed on every vote, so a set of votes
--   that can satisfy the level always does, whatever order they came in and however groups overlap;
-- - when every rule of the level is full, the next level opens; after the last one the request is approved.

alter table public.executions
  add column commit_author_email text check (length(commit_author_email) <= 320);
comment on column public.executions.commit_author_email is
  'Email of the author of the commit the run builds (set by whoever starts it, e.g. from a push''s head_commit.author.email); approval policies can bar that person from approving';

create table public.approval_policy_versions (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null, -- the environment's organization, set by save_approval_policy
  project_id uuid not null,
  environment_id uuid not null,
  version integer not null check (version >= 1), -- 1, 2, 3… per environment; the highest is the current one
  active boolean not null default true, -- false: this version removes the policy (requests fall back to required_approvals)
  forbid_starter boolean not null default true, -- the run's starter may not approve
  forbid_commit_author boolean not null default true, -- the author of the commit being deployed may not approve
  expires_after interval check (expires_after between interval '1 minute' and interval '30 days'), -- a request expires this long after it opens
  require_ticket boolean not null default false, -- an approve vote must carry a change ticket id
  require_impact boolean not null default false, -- an approve vote must carry impact notes
  change_reason text not null check (length(btrim(change_reason)) between 1 and 500), -- why this version was made
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (environment_id, version),
  unique (id, project_id),
  foreign key (environment_id, project_id) references public.environments (id, project_id) on delete cascade
);
create index approval_policy_versions_project_id_idx on public.approval_policy_versions (project_id);
comment on table public.approval_policy_versions is
  'Each change of an environment''s approval policy (append-only); requests pin the version they were created under.';

create table public.approval_policy_rules (
  id uuid primary key default gen_random_uuid(),
  policy_version_id uuid not null,
  project_id uuid not null,
  level integer not null check (level between 1 and 5), -- levels pass in order: level 2 opens once every level-1 rule is met
  position integer not null, -- order inside the version (the matching tries rules in this order)
  name text not null check (length(btrim(name)) between 1 and 80), -- what the UI calls the group, e.g. "Security"
  required integer not null check (required between 1 and 20), -- approvals this rule needs
  role public.app_role, -- members with this organization role or a stronger one, or
  team_id uuid, -- members of this team (no foreign key: a deleted team leaves a rule nobody can meet, visibly), or
  user_ids uuid[], -- these people
  check (num_nonnulls(role, team_id, user_ids) = 1),
  check (user_ids is null or cardinality(user_ids) between 1 and 50),
  unique (policy_version_id, position),
  foreign key (policy_version_id, project_id) references public.approval_policy_versions (id, project_id) on delete cascade
);
create index approval_policy_rules_project_id_idx on public.approval_policy_rules (project_id);

alter table public.approval_requests
  add column policy_version_id uuid references public.approval_policy_versions (id),
  add column current_level integer, -- the level open for votes (policy requests)
  add column waiting_for text; -- what the request still needs, in words (written by the vote triggers)
comment on column public.approval_requests.policy_version_id is 'The approval policy version this request was created under (null: required_approvals from allowed_roles)';
create index approval_requests_policy_version_id_idx on public.approval_requests (policy_version_id);

alter table public.approval_votes
  add column level integer, -- the policy level open when the vote was cast
  add column rule_id uuid references public.approval_policy_rules (id) on delete set null, -- the rule this approval counts toward (matching), null when none
  add column ticket_id text check (length(ticket_id) <= 80), -- change ticket id given with the vote
  add column impact_notes text check (length(impact_notes) <= 2000); -- impact notes given with the vote

alter table public.approval_policy_versions enable row level security;
alter table public.approval_policy_rules enable row level security;
-- Written only by save_approval_policy (admins), never changed afterwards.
revoke insert, update, delete on public.approval_policy_versions, public.approval_policy_rules from anon, authenticated;

create policy "Members can read approval policy versions"
on public.approval_policy_versions for select to authenticated
using ((select private.is_project_member(project_id)));
create policy "Members can read approval policy rules"
on public.approval_policy_rules for select to authenticated
using ((select private.is_project_member(project_id)));

create trigger approval_policy_versions_audit after insert or update or delete on public.approval_policy_versions
for each row execute function audit.log_change();
create trigger approval_policy_rules_audit after insert or update or delete on public.approval_policy_rules
for each row execute function audit.log_change();

-- ---------------------------------------------------------------------------------------------------------
-- Groups and matching

/** Whether a user is in a rule's group (role or stronger, team member, or named). */
create or replace function private.approval_rule_has(_rule public.approval_policy_rules, _organization_id uuid, _user_id uuid)
returns boolean
language sql stable security definer
set search_path = ''
as $$
  select case
    when _rule.role is not null then coalesce(
      (select m.role <= _rule.role from public.organization_members m where m.organization_id = _organization_id and m.user_id = _user_id), false)
    when _rule.team_id is not null then exists (
      select 1 from public.team_members tm where tm.team_id = _rule.team_id and tm.organization_id = _organization_id and tm.user_id = _user_id)
    else _user_id = any (_rule.user_ids) and exists (
      select 1 from public.organization_members m where m.organization_id = _organization_id and m.user_id = _user_id)
  end
$$;

/**
 * Maximum bipartite matching of voters to rule slots (rule i has _capacities[i] slots), Kuhn's algorithm with
 * breadth-first augmenting paths: voters are taken in the order given (the order they voted), rules in the
 * order given (policy order). Returns, per voter, the rule it counts toward or null. Maximum, so the rules can
 * all be filled by these voters exactly when the result fills them: no order of votes leaves a satisfiable
 * level waiting.
 */
create or replace function private.approval_match(_voters uuid[], _rules uuid[], _capacities integer[], _organization_id uuid)
returns uuid[]
language plpgsql stable security definer
set search_path = ''
as $$
declare
  _m integer := coalesce(cardinality(_voters), 0);
  _k integer := coalesce(cardinality(_rules), 0);
  _eligible boolean[] := '{}'; -- (voter - 1) * k + rule
  _assigned integer[] := array_fill(0, array[greatest(_m, 1)]); -- rule index per voter, 0 = none
  _load integer[] := array_fill(0, array[greatest(_k, 1)]);
  _from integer[]; -- per rule: the voter that reached it in this search
  _queue integer[];
  _head integer;
  _rule integer;
  _voter integer;
  _previous integer;
  _left integer;
  _found integer;
  _rows public.approval_policy_rules[];
  _result uuid[] := '{}';
begin
  if _m = 0 or _k = 0 then
    return array_fill(null::uuid, array[_m]);
  end if;
  select array_agg(r order by o.ord) into _rows
  from unnest(_rules) with ordinality o(id, ord) join public.approval_policy_rules r on r.id = o.id;
  for _voter in 1.._m loop
    for _rule in 1.._k loop
      _eligible := _eligible || private.approval_rule_has(_rows[_rule], _organization_id, _voters[_voter]);
    end loop;
  end loop;

  for _voter in 1.._m loop
    _from := array_fill(0, array[_k]);
    _queue := '{}';
    for _rule in 1.._k loop
      if _eligible[(_voter - 1) * _k + _rule] then
        _from[_rule] := _voter;
        _queue := _queue || _rule;
      end if;
    end loop;
    _head := 1;
    _found := 0;
    while _head <= coalesce(cardinality(_queue), 0) and _found = 0 loop
      _rule := _queue[_head];
      _head := _head + 1;
      if _load[_rule] < _capacities[_rule] then
        _found := _rule;
      else
        -- The rule is full: try moving one of its voters to another rule that voter may count toward.
        for _other_voter in 1.._m loop
          if _assigned[_other_voter] = _rule then
            for _other_rule in 1.._k loop
              if _from[_other_rule] = 0 and _eligible[(_other_voter - 1) * _k + _other_rule] then
                _from[_other_rule] := _other_voter;
                _queue := _queue || _other_rule;
              end if;
            end loop;
          end if;
        end loop;
      end if;
    end loop;
    if _found > 0 then
      _load[_found] := _load[_found] + 1;
      _rule := _found;
      loop
        _previous := _from[_rule]; -- the voter who reached _rule moves into it
        _left := _assigned[_previous];
        _assigned[_previous] := _rule;
        exit when _previous = _voter;
        _rule := _left; -- the rule it left is taken by whoever reached that one
      end loop;
    end if;
  end loop;

  for _voter in 1.._m loop
    _result := _result || case when _assigned[_voter] = 0 then null else _rules[_assigned[_voter]] end;
  end loop;
  return _result;
end
$$;

/** What a pending policy request still needs, in words ("Level 1 of 2: Security (1 more)"), or null. */
create or replace function private.approval_waiting_for(_request_id uuid)
returns text
language sql stable security definer
set search_path = ''
as $$
  select case when r.status = 'pending' and r.policy_version_id is not null then
    format('Level %s of %s: %s', r.current_level,
      (select max(x.level) from public.approval_policy_rules x where x.policy_version_id = r.policy_version_id),
      (select string_agg(format('%s (%s more)', p.name, p.required - p.counted), ', ' order by p.position)
       from (select x.name, x.position, x.required,
               (select count(*) from public.approval_votes v where v.approval_request_id = r.id and v.rule_id = x.id)::integer as counted
             from public.approval_policy_rules x
             where x.policy_version_id = r.policy_version_id and x.level = r.current_level) p
       where p.counted < p.required))
  end
  from public.approval_requests r where r.id = _request_id
$$;

-- ---------------------------------------------------------------------------------------------------------
-- Saving a policy

/**
 * Saves a new version of an environment's approval policy (organization admins only) and returns it.
 * _policy: { active?, forbid_starter?, forbid_commit_author?, expires_after_minutes?, require_ticket?,
 * require_impact?, rules: [{ level, name?, required, role | team_id | user_ids }] }.
 */
create or replace function public.save_approval_policy(_environment_id uuid, _policy jsonb, _reason text)
returns public.approval_policy_versions
language plpgsql security definer
set search_path = ''
as $$
declare
  _env record;
  _version public.approval_policy_versions;
  _active boolean := coalesce((_policy ->> 'active')::boolean, true);
  _rules jsonb := coalesce(_policy -> 'rules', '[]'::jsonb);
  _rule jsonb;
  _levels integer[];
  _position integer := 0;
  _role public.app_role;
  _team uuid;
  _users uuid[];
  _name text;
  _required integer;
  _minutes integer := (_policy ->> 'expires_after_minutes')::integer;
begin
  select e.id, e.key, e.project_id, p.organization_id into _env
  from public.environments e join public.projects p on p.id = e.project_id where e.id = _environment_id
  for update of e;
  if not found or not public.org_role_at_least(_env.organization_id, 'admin') then
    raise exception 'Only organization admins can change approval policies' using errcode = 'insufficient_privilege';
  end if;
  if nullif(btrim(coalesce(_reason, '')), '') is null then
    raise exception 'Say why the policy changes' using errcode = 'check_violation';
  end if;
  if jsonb_typeof(_rules) <> 'array' then
    raise exception 'rules must be a list' using errcode = 'check_violation';
  end if;
  if _active and jsonb_array_length(_rules) = 0 then
    raise exception 'A policy needs at least one rule (save it inactive to remove it)' using errcode = 'check_violation';
  end if;
  if not _active then
    _rules := '[]'::jsonb;
  end if;
  select array_agg(distinct coalesce((r ->> 'level')::integer, 1) order by coalesce((r ->> 'level')::integer, 1)) into _levels
  from jsonb_array_elements(_rules) r;
  if _levels is not null and _levels <> (select array_agg(g order by g) from generate_series(1, cardinality(_levels)) g) then
    raise exception 'Levels must be numbered 1, 2, 3… without gaps' using errcode = 'check_violation';
  end if;
  if (select coalesce(sum((r ->> 'required')::integer), 0) from jsonb_array_elements(_rules) r) > 50 then
    raise exception 'A policy may ask for at most 50 approvals in all' using errcode = 'check_violation';
  end if;

  insert into public.approval_policy_versions (organization_id, project_id, environment_id, version, active,
    forbid_starter, forbid_commit_author, expires_after, require_ticket, require_impact, change_reason, created_by)
  values (_env.organization_id, _env.project_id, _env.id,
    coalesce((select max(v.version) from public.approval_policy_versions v where v.environment_id = _env.id), 0) + 1,
    _active, coalesce((_policy ->> 'forbid_starter')::boolean, true), coalesce((_policy ->> 'forbid_commit_author')::boolean, true),
    case when _minutes is not null then make_interval(mins => _minutes) end,
    coalesce((_policy ->> 'require_ticket')::boolean, false), coalesce((_policy ->> 'require_impact')::boolean, false),
    btrim(_reason), auth.uid())
  returning * into _version;

  for _rule in select r from jsonb_array_elements(_rules) r loop
    _position := _position + 1;
    _role := (_rule ->> 'role')::public.app_role;
    _team := (_rule ->> 'team_id')::uuid;
    _users := case when jsonb_typeof(_rule -> 'user_ids') = 'array'
      then (select array_agg(distinct u::uuid) from jsonb_array_elements_text(_rule -> 'user_ids') u) end;
    _required := coalesce((_rule ->> 'required')::integer, 1);
    if num_nonnulls(_role, _team, _users) <> 1 then
      raise exception 'Rule %: choose exactly one group (a role, a team or people)', _position using errcode = 'check_violation';
    end if;
    if _team is not null and not exists (select 1 from public.teams t where t.id = _team and t.organization_id = _env.organization_id) then
      raise exception 'Rule %: that team is not in this organization', _position using errcode = 'check_violation';
    end if;
    if _users is not null and exists (select 1 from unnest(_users) u where not exists (
        select 1 from public.organization_members m where m.organization_id = _env.organization_id and m.user_id = u)) then
      raise exception 'Rule %: everyone named must be a member of the organization', _position using errcode = 'check_violation';
    end if;
    if _users is not null and _required > cardinality(_users) then
      raise exception 'Rule %: asks for % approvals from % people', _position, _required, cardinality(_users) using errcode = 'check_violation';
    end if;
    _name := coalesce(nullif(btrim(_rule ->> 'name'), ''), case
      when _role = 'admin' then 'Admins' when _role = 'operator' then 'Operators' when _role = 'viewer' then 'Members'
      when _team is not null then (select t.name from public.teams t where t.id = _team)
      else 'Named approvers' end);
    insert into public.approval_policy_rules (policy_version_id, project_id, level, position, name, required, role, team_id, user_ids)
    values (_version.id, _env.project_id, coalesce((_rule ->> 'level')::integer, 1), _position, _name, _required, _role, _team, _users);
  end loop;
  return _version;
end
$$;

-- ---------------------------------------------------------------------------------------------------------
-- Requests and votes

-- A request starts pending and empty, inherits its project from the run, and pins its environment's current
-- policy version; without one it asks for at least what the environment requires, as before.
create or replace function public.prepare_approval_request()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  _policy public.approval_policy_versions;
begin
  new.project_id := (select e.project_id from public.executions e where e.id = new.execution_id);
  new.status := 'pending';
  new.approval_count := 0;
  new.resolved_at := null;
  new.policy_version_id := null;
  new.current_level := null;
  new.waiting_for := null;
  if new.environment_id is not null then
    select * into _policy from public.approval_policy_versions v
    where v.environment_id = new.environment_id order by v.version desc limit 1;
    if found and _policy.active then
      new.policy_version_id := _policy.id;
      new.current_level := 1;
      new.required_approvals := least(50, (select sum(r.required) from public.approval_policy_rules r where r.policy_version_id = _policy.id));
      if _policy.expires_after is not null then
        new.expires_at := least(coalesce(new.expires_at, 'infinity'::timestamptz), now() + _policy.expires_after);
      end if;
      new.waiting_for := format('Level 1 of %s: %s',
        (select max(r.level) from public.approval_policy_rules r where r.policy_version_id = _policy.id),
        (select string_agg(format('%s (%s more)', r.name, r.required), ', ' order by r.position)
         from public.approval_policy_rules r where r.policy_version_id = _policy.id and r.level = 1));
    else
      new.required_approvals := greatest(new.required_approvals,
        (select env.required_approvals from public.environments env where env.id = new.environment_id));
    end if;
  end if;
  return new;
end
$$;

/**
 * Why _user_id may not cast _vote on the request (code, sentence, SQLSTATE), or no row when they may. The
 * vote trigger and approval_request_explain both ask it, so the card says what the database would say.
 * With _explain the already-voted check runs (the trigger leaves it to the unique constraint) and the
 * ticket / impact checks do not (the card asks for them instead).
 */
create or replace function private.approval_vote_refusal(_request_id uuid, _user_id uuid, _vote public.approval_vote,
  _ticket text, _impact text, _explain boolean)
returns table (code text, message text, errcode text)
language plpgsql stable security definer
set search_path = ''
as $$
declare
  _request public.approval_requests;
  _policy public.approval_policy_versions;
  _run public.executions;
  _org uuid;
  _role public.app_role;
  _grant record;
  _here boolean;
  _later integer;
  _groups integer;
begin
  select * into _request from public.approval_requests r where r.id = _request_id;
  if not found then
    return query select 'missing', format('approval request %s does not exist', _request_id), '23503';
    return;
  end if;
  if _request.status <> 'pending' then
    return query select 'decided', format('approval request is already %s', _request.status), '23514';
    return;
  end if;
  if _request.expires_at is not null and _request.expires_at <= now() then
    return query select 'expired', format('approval request expired at %s', _request.expires_at), '23514';
    return;
  end if;
  select * into _run from public.executions e where e.id = _request.execution_id;
  _org := private.project_org(_request.project_id);
  _role := private.member_role(_org, _user_id);
  if _explain and exists (select 1 from public.approval_votes v where v.approval_request_id = _request_id and v.user_id = _user_id) then
    return query select 'already_voted', 'You have already voted on this request; each person votes once.', '23505';
    return;
  end if;

  if _request.policy_version_id is null then
    -- No policy: the request's own allowed_roles and allow_self_approval, and per-environment approve grants.
    if _vote = 'approve' and _user_id = _run.started_by and not _request.allow_self_approval then
      return query select 'starter', 'the run''s starter cannot approve their own request', '42501';
      return;
    end if;
    if _request.environment_id is not null then
      select d.source, d.reason into _grant from private.environment_decision(_user_id, _request.environment_id, 'approve') d;
      if _grant.source in ('user_deny', 'team_deny') then
        return query select 'denied', _grant.reason, '42501';
        return;
      end if;
      if _grant.source in ('user_allow', 'team_allow') then
        return;
      end if;
    end if;
    if _role is null or not (_role = any (_request.allowed_roles)) then
      return query select case when _role is null then 'not_member' else 'not_in_group' end,
        format('role %s may not vote on this request', coalesce(_role::text, 'non-member')), '42501';
    end if;
    return;
  end if;

  select * into _policy from public.approval_policy_versions v where v.id = _request.policy_version_id;
  if _role is null then
    return query select 'not_member', 'You are not a member of this project''s organization, so you cannot vote on its approvals.', '42501';
    return;
  end if;
  if _request.environment_id is not null then
    select d.source, d.reason into _grant from private.environment_decision(_user_id, _request.environment_id, 'approve') d;
    if _grant.source in ('user_deny', 'team_deny') then
      return query select 'denied', _grant.reason, '42501';
      return;
    end if;
  end if;
  if _vote = 'approve' and _policy.forbid_starter and _user_id = _run.started_by then
    return query select 'starter', 'the run''s starter cannot approve their own request (separation of duties)', '42501';
    return;
  end if;
  if _vote = 'approve' and _policy.forbid_commit_author and _run.commit_author_email is not null and exists (
      select 1 from auth.users u where u.id = _user_id and lower(u.email) = lower(_run.commit_author_email)) then
    return query select 'commit_author', 'You wrote the commit being deployed, so you cannot approve it (separation of duties).', '42501';
    return;
  end if;
  select bool_or(r.level = _request.current_level), min(r.level) filter (where r.level > _request.current_level), count(*)
  into _here, _later, _groups
  from public.approval_policy_rules r
  where r.policy_version_id = _policy.id and private.approval_rule_has(r, _org, _user_id);
  if _groups = 0 then
    return query select 'not_in_group', 'You are not in any group this approval policy counts.', '42501';
    return;
  end if;
  if _vote = 'reject' then
    return; -- anyone the policy counts, at any level, may stop the request
  end if;
  if not coalesce(_here, false) then
    if _later is not null then
      return query select 'level_not_reached', format('Your group votes at level %s, which opens once level %s has passed.', _later, _request.current_level), '42501';
    else
      return query select 'level_passed', format('Your group voted at an earlier level; the request is now at level %s.', _request.current_level), '42501';
    end if;
    return;
  end if;
  if not _explain and _vote = 'approve' then
    if _policy.require_ticket and nullif(btrim(coalesce(_ticket, '')), '') is null then
      return query select 'ticket_required', 'This policy needs a change ticket id with your approval.', '23514';
      return;
    end if;
    if _policy.require_impact and nullif(btrim(coalesce(_impact, '')), '') is null then
      return query select 'impact_required', 'This policy needs impact notes with your approval.', '23514';
      return;
    end if;
  end if;
end
$$;

create or replace function public.check_approval_vote()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  _request public.approval_requests;
  _refusal record;
begin
  -- The row lock serializes every vote on this request until this transaction ends (tally included).
  select * into _request from public.approval_requests r where r.id = new.approval_request_id for update;
  if not found then
    raise exception 'approval request % does not exist', new.approval_request_id using errcode = 'foreign_key_violation';
  end if;
  new.project_id := _request.project_id;
  new.level := _request.current_level;
  new.rule_id := null;
  new.ticket_id := nullif(btrim(new.ticket_id), '');
  new.impact_notes := nullif(btrim(new.impact_notes), '');
  select * into _refusal from private.approval_vote_refusal(new.approval_request_id, new.user_id, new.vote, new.ticket_id, new.impact_notes, false);
  if found then
    raise exception '%', _refusal.message using errcode = _refusal.errcode;
  end if;
  return new;
end
$$;

-- Runs after the vote is in, still holding the request's row lock taken by check_approval_vote.
create or replace function public.tally_approval_votes()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  _request public.approval_requests;
  _approvals integer;
  _vote_ids uuid[];
  _voters uuid[];
  _rules uuid[];
  _capacities integer[];
  _assigned uuid[];
  _full boolean;
  _last integer;
begin
  select * into _request from public.approval_requests r where r.id = new.approval_request_id;
  if _request.status <> 'pending' then
    return null;
  end if;
  if _request.policy_version_id is null then
    _approvals := (select count(*) from public.approval_votes v where v.approval_request_id = new.approval_request_id and v.vote = 'approve');
    update public.approval_requests r set
      approval_count = _approvals,
      status = case when new.vote = 'reject' then 'rejected'
                    when _approvals >= _request.required_approvals then 'approved'
                    else 'pending' end::public.approval_status,
      resolved_at = case when new.vote = 'reject' or _approvals >= _request.required_approvals then now() end
    where r.id = new.approval_request_id and r.status = 'pending';
    return null;
  end if;

  if new.vote = 'reject' then
    update public.approval_requests r set status = 'rejected', resolved_at = now(), waiting_for = null
    where r.id = new.approval_request_id and r.status = 'pending';
    return null;
  end if;

  -- The open level's approvals, in the order they were cast, matched to its rules in policy order.
  select array_agg(v.id order by v.created_at, v.id), array_agg(v.user_id order by v.created_at, v.id) into _vote_ids, _voters
  from public.approval_votes v
  where v.approval_request_id = _request.id and v.vote = 'approve' and v.level = _request.current_level;
  select array_agg(r.id order by r.position), array_agg(r.required order by r.position) into _rules, _capacities
  from public.approval_policy_rules r where r.policy_version_id = _request.policy_version_id and r.level = _request.current_level;
  _assigned := private.approval_match(_voters, _rules, _capacities, private.project_org(_request.project_id));
  update public.approval_votes v set rule_id = a.rule_id
  from unnest(_vote_ids, _assigned) a(vote_id, rule_id)
  where v.id = a.vote_id and v.rule_id is distinct from a.rule_id;

  _full := not exists (
    select 1 from unnest(_rules, _capacities) c(rule_id, capacity)
    where (select count(*) from unnest(_assigned) x where x = c.rule_id) < c.capacity);
  _last := (select max(r.level) from public.approval_policy_rules r where r.policy_version_id = _request.policy_version_id);
  update public.approval_requests r set
    approval_count = (select count(*) from public.approval_votes v where v.approval_request_id = r.id and v.rule_id is not null),
    current_level = case when _full and _request.current_level < _last then _request.current_level + 1 else _request.current_level end,
    status = case when _full and _request.current_level = _last then 'approved' else 'pending' end::public.approval_status,
    resolved_at = case when _full and _request.current_level = _last then now() end
  where r.id = _request.id and r.status = 'pending';
  update public.approval_requests r set waiting_for = private.approval_waiting_for(r.id) where r.id = _request.id;
  return null;
end
$$;
revoke execute on function public.prepare_approval_request(), public.check_approval_vote(), public.tally_approval_votes()
  from public, anon, authenticated;

-- ---------------------------------------------------------------------------------------------------------
-- Explaining a request

/**
 * Everything the approval card shows about one request, decided by the database: the pinned policy, each
 * rule's progress ("2 of 3 — needs Security (1 more)"), who voted when with what comment, ticket and notes,
 * which rule each approval counts toward, and whether the caller may vote (and if not, why). Project members
 * only.
 */
create or replace function public.approval_request_explain(_request_id uuid)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  _request public.approval_requests;
  _policy public.approval_policy_versions;
  _org uuid;
  _me uuid := auth.uid();
  _approve record;
  _reject record;
  _rules jsonb;
  _levels integer;
begin
  select * into _request from public.approval_requests r where r.id = _request_id;
  if not found or not private.is_project_member(_request.project_id) then
    raise exception 'There is no such approval request' using errcode = 'no_data_found';
  end if;
  _org := private.project_org(_request.project_id);
  select * into _policy from public.approval_policy_versions v where v.id = _request.policy_version_id;

  if _policy.id is not null then
    select max(r.level) into _levels from public.approval_policy_rules r where r.policy_version_id = _policy.id;
    select jsonb_agg(jsonb_build_object(
        'id', p.id, 'level', p.level, 'name', p.name, 'required', p.required, 'counted', p.counted,
        'missing', greatest(p.required - p.counted, 0),
        'state', case when p.counted >= p.required then 'met' when p.level = _request.current_level and _request.status = 'pending' then 'open'
                      when p.level < coalesce(_request.current_level, 1) then 'met' else 'waiting' end,
        'group', jsonb_build_object('kind', case when p.role is not null then 'role' when p.team_id is not null then 'team' else 'people' end,
          'role', p.role, 'team_id', p.team_id, 'user_ids', to_jsonb(p.user_ids),
          'members', (select count(*) from public.organization_members m where m.organization_id = _org and private.approval_rule_has(p.r, _org, m.user_id))),
        'includes_me', private.approval_rule_has(p.r, _org, _me),
        'summary', format('%s of %s', p.counted, p.required) || case when p.counted >= p.required then ' — met'
          else format(' — needs %s (%s more)', p.name, p.required - p.counted) end
      ) order by p.position)
    into _rules
    from (select x.*, x as r, (select count(*) from public.approval_votes v where v.approval_request_id = _request.id and v.rule_id = x.id)::integer as counted
          from public.approval_policy_rules x where x.policy_version_id = _policy.id) p;
  else
    _levels := 1;
    _rules := jsonb_build_array(jsonb_build_object(
      'id', null, 'level', 1, 'name', 'Approvers', 'required', _request.required_approvals, 'counted', _request.approval_count,
      'missing', greatest(_request.required_approvals - _request.approval_count, 0),
      'state', case when _request.approval_count >= _request.required_approvals then 'met' when _request.status = 'pending' then 'open' else 'waiting' end,
      'group', jsonb_build_object('kind', 'roles', 'roles', to_jsonb(_request.allowed_roles)),
      'includes_me', coalesce(private.member_role(_org, _me) = any (_request.allowed_roles), false),
      'summary', format('%s of %s', _request.approval_count, _request.required_approvals) ||
        case when _request.approval_count >= _request.required_approvals then ' — met'
        else format(' — needs %s more from %s', _request.required_approvals - _request.approval_count, array_to_string(_request.allowed_roles, ' or ')) end));
  end if;

  select * into _approve from private.approval_vote_refusal(_request.id, _me, 'approve', null, null, true);
  select * into _reject from private.approval_vote_refusal(_request.id, _me, 'reject', null, null, true);

  return jsonb_build_object(
    'request_id', _request.id,
    'status', _request.status,
    'expires_at', _request.expires_at,
    'current_level', coalesce(_request.current_level, 1),
    'levels', _levels,
    'waiting_for', _request.waiting_for,
    'policy', case when _policy.id is null then null else jsonb_build_object(
      'id', _policy.id, 'version', _policy.version, 'forbid_starter', _policy.forbid_starter,
      'forbid_commit_author', _policy.forbid_commit_author, 'require_ticket', _policy.require_ticket,
      'require_impact', _policy.require_impact, 'expires_after_minutes', extract(epoch from _policy.expires_after)::integer / 60,
      'change_reason', _policy.change_reason, 'created_at', _policy.created_at,
      'created_by_name', (select coalesce(pr.full_name, pr.email) from public.profiles pr where pr.id = _policy.created_by)) end,
    'rules', coalesce(_rules, '[]'::jsonb),
    'votes', coalesce((select jsonb_agg(jsonb_build_object(
        'user_id', v.user_id, 'name', coalesce(pr.full_name, pr.email, 'Someone outside your organization'),
        'vote', v.vote, 'comment', v.comment, 'ticket_id', v.ticket_id, 'impact_notes', v.impact_notes,
        'created_at', v.created_at, 'level', v.level, 'rule_id', v.rule_id, 'rule_name', x.name) order by v.created_at, v.id)
      from public.approval_votes v
      left join public.profiles pr on pr.id = v.user_id
      left join public.approval_policy_rules x on x.id = v.rule_id
      where v.approval_request_id = _request.id), '[]'::jsonb),
    'me', jsonb_build_object(
      'can_approve', _approve.code is null,
      'can_reject', _reject.code is null,
      'can_vote', _approve.code is null or _reject.code is null,
      'code', _approve.code,
      'reason', _approve.message,
      'needs_ticket', coalesce(_policy.require_ticket, false),
      'needs_impact', coalesce(_policy.require_impact, false))
  );
end
$$;

grant execute on function public.save_approval_policy(uuid, jsonb, text), public.approval_request_explain(uuid) to authenticated;
revoke execute on function private.approval_rule_has(public.approval_policy_rules, uuid, uuid),
  private.approval_match(uuid[], uuid[], integer[], uuid), private.approval_waiting_for(uuid),
  private.approval_vote_refusal(uuid, uuid, public.approval_vote, text, text, boolean)
  from public, anon, authenticated, service_role;
