-- AI insights (issue 14): every analysis of a run (rule-based or by a model) is stored with what was sent, what
-- came back, the model and its token counts, who asked and when, readable by the run's project members. Rows are
-- written only by the edge functions (through begin_ai_analysis, which also enforces the per-user and
-- per-organization rate limits in one locked transaction, and by the service role when the answer is complete),
-- so a member cannot forge an answer or a token count. Also the private bucket that caches spoken audio.

create table public.ai_analyses (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  project_id uuid not null references public.projects (id) on delete cascade,
  execution_id uuid references public.executions (id) on delete cascade, -- the run asked about (run, telemetry)
  node_id text, -- the run node asked about; null: the whole run
  flow_template_id uuid references public.flow_templates (id) on delete cascade, -- the pipeline explained (config)
  environment_id uuid references public.environments (id) on delete cascade, -- the environment analysed (telemetry, config)
  -- run: ai-insights; telemetry: ai-telemetry-analysis; config: explain-config
  kind text not null default 'run' check (kind in ('run', 'telemetry', 'config')),
  analyzer text not null check (analyzer in ('rule-based', 'model')), -- rule-based: no model configured, the offline analyzer answered
  model text, -- the model's name as configured (AI_MODEL); null for rule-based
  status text not null default 'running' check (status in ('running', 'complete', 'failed')),
  prompt jsonb, -- the chat messages sent to the model, after redaction; null for rule-based
  answer text, -- the model's whole answer (or the rule-based summary)
  findings jsonb not null default '[]'::jsonb check (jsonb_typeof(findings) = 'array'), -- the offline analyzer's findings
  error text, -- why a model answer failed (timeout, the model's error), for the reader
  prompt_tokens integer check (prompt_tokens >= 0), -- as the model reported them (usage); null when it did not
  completion_tokens integer check (completion_tokens >= 0),
  total_tokens integer check (total_tokens >= 0),
  requested_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  -- Exactly one subject: a run (its node optional), a pipeline or an environment, as the kind allows.
  constraint ai_analyses_one_subject check (
    num_nonnulls(execution_id, flow_template_id, environment_id) = 1
    and (node_id is null or execution_id is not null)
    and (kind <> 'run' or execution_id is not null)
    and (kind <> 'telemetry' or flow_template_id is null)
    and (kind <> 'config' or execution_id is null))
);
comment on table public.ai_analyses is 'Analyses of runs by the offline analyzer or a model: prompt, answer, model, tokens, who and when. Written by edge functions only.';

create index ai_analyses_execution_idx on public.ai_analyses (execution_id, created_at desc);
create index ai_analyses_project_idx on public.ai_analyses (project_id);
create index ai_analyses_flow_template_idx on public.ai_analyses (flow_template_id, created_at desc);
create index ai_analyses_environment_idx on public.ai_analyses (environment_id, created_at desc);
create index ai_analyses_user_recent_idx on public.ai_analyses (requested_by, created_at);
create index ai_analyses_org_recent_idx on public.ai_analyses (organization_id, created_at);

alter table public.ai_analyses enable row level security;

create policy "Members can read their projects' analyses"
on public.ai_analyses for select to authenticated
using ((select private.is_project_member(project_id)));

revoke insert, update, delete, truncate on public.ai_analyses from anon, authenticated;

-- The limits: how many analyses one person, and one organization, may ask for in a rolling hour.
create or replace function private.ai_rate_limits()
returns table (per_user integer, per_organization integer, window_seconds integer)
language sql immutable
set search_path = ''
as $$ select 30, 200, 3600 $$;
revoke execute on function private.ai_rate_limits() from public, anon, authenticated, service_role;

-- Opens an analysis row for _user_id (already authenticated by the edge function) about one subject (a run and
-- optionally its node, a pipeline, or an environment) after checking, in the database, that they are a member of
-- its project and under both rate limits. Refusals: PT404 (no such subject, or not a member), PT400 (not exactly
-- one subject), PT429 (over a limit; detail is JSON {scope, limit, retry_after_seconds}).
create or replace function public.begin_ai_analysis(
  _user_id uuid, _kind text, _execution_id uuid, _node_id text, _flow_template_id uuid, _environment_id uuid,
  _analyzer text, _model text
)
returns uuid
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  _project uuid;
  _org uuid;
  _limits record;
  _used integer;
  _oldest timestamptz;
  _wait numeric;
  _id uuid;
begin
  if num_nonnulls(_execution_id, _flow_template_id, _environment_id) <> 1 then
    raise exception 'Ask about one run, pipeline or environment' using errcode = 'PT400';
  end if;
  _project := coalesce(
    (select e.project_id from public.executions e where e.id = _execution_id),
    (select f.project_id from public.flow_templates f where f.id = _flow_template_id),
    (select v.project_id from public.environments v where v.id = _environment_id));
  select p.organization_id into _org from public.projects p where p.id = _project;
  if _org is null or not exists (
    select 1 from public.organization_members m where m.organization_id = _org and m.user_id = _user_id
  ) then
    raise exception 'No such %, or you are not a member of its project',
      case when _execution_id is not null then 'run' when _flow_template_id is not null then 'pipeline' else 'environment' end
      using errcode = 'PT404';
  end if;
  if _node_id is not null and not exists (
    select 1 from public.execution_nodes n where n.execution_id = _execution_id and n.node_id = _node_id
  ) then
    raise exception 'The run has no node "%"', _node_id using errcode = 'PT404';
  end if;

  -- One organization's analyses are counted one at a time, so two concurrent requests cannot both squeeze in.
  perform pg_advisory_xact_lock(hashtextextended('ai_analyses:' || _org::text, 0));
  select * into _limits from private.ai_rate_limits();

  select count(*), min(created_at) into _used, _oldest from public.ai_analyses
  where requested_by = _user_id and created_at > now() - make_interval(secs => _limits.window_seconds);
  if _used >= _limits.per_user then
    _wait := ceil(extract(epoch from _oldest + make_interval(secs => _limits.window_seconds) - now()));
    raise exception 'You have asked for % analyses in the last hour, the most one person may; try again in % minutes',
      _limits.per_user, ceil(_wait / 60)::int
      using errcode = 'PT429', detail = json_build_object('scope', 'user', 'limit', _limits.per_user, 'retry_after_seconds', _wait)::text;
  end if;

  select count(*), min(created_at) into _used, _oldest from public.ai_analyses
  where organization_id = _org and created_at > now() - make_interval(secs => _limits.window_seconds);
  if _used >= _limits.per_organization then
    _wait := ceil(extract(epoch from _oldest + make_interval(secs => _limits.window_seconds) - now()));
    raise exception 'Your organization has asked for % analyses in the last hour, the most it may; try again in % minutes',
      _limits.per_organization, ceil(_wait / 60)::int
      using errcode = 'PT429', detail = json_build_object('scope', 'organization', 'limit', _limits.per_organization, 'retry_after_seconds', _wait)::text;
  end if;

  insert into public.ai_analyses (organization_id, project_id, execution_id, node_id, flow_template_id, environment_id, kind, analyzer, model, requested_by)
  values (_org, _project, _execution_id, _node_id, _flow_template_id, _environment_id, _kind, _analyzer, _model, _user_id)
  returning id into _id;
  return _id;
end
$$;
revoke execute on function public.begin_ai_analysis(uuid, text, uuid, text, uuid, uuid, text, text) from public, anon, authenticated;
grant execute on function public.begin_ai_analysis(uuid, text, uuid, text, uuid, uuid, text, text) to service_role;

-- Spoken audio from elevenlabs-tts, keyed by the hash of voice and text; written and read by the function only.
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('tts-cache', 'tts-cache', false, 5242880, array['audio/mpeg'])
on conflict (id) do nothing;
