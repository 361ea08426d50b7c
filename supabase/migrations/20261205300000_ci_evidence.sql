-- CI evidence per run node (issue 15): test reports with their cases (JUnit), vulnerability scans with their
-- findings (Trivy JSON), SBOMs with their packages and licences (SPDX, CycloneDX) and generic step evidence,
-- each linked to the execution and the node that produced it. Members of the run's organization read them;
-- only the ingest functions (parse-test-results, trivy-scan, generate-sbom, record-ci-evidence) write them,
-- with the service role after checking the integration's secret or the member's run rights. A report
-- uploaded twice (same bytes for the same node) is stored once: content_sha256 is unique per node.
--
-- Artifacts gain the node that built them, their ecosystem (container, npm, maven...) and a content digest
-- for what is not an image; a version deployed by a run records the artifact the run built, so a promotion
-- (which copies the source version's artifact) carries the same digest.
--
-- Gates: evidence_gates holds, per environment, a security gate (most critical / high findings allowed) and a
-- test gate (most failed tests allowed). A deployment into the environment whose evidence run breaks a gate is
-- refused in SQL (before insert on deployments), so the engine's deploy step fails with the gate's sentence and
-- promote-version refuses up front (evidence_gate_verdict). The evidence run of a deployment is the run
-- itself, or for a promotion the run that first shipped the version. An exception
-- (evidence_gate_exceptions) is asked for by an operator with a reason, approved by an admin who is not the
-- asker (decide_gate_exception), expires, and is audited like every governance row.

create type public.test_case_status as enum ('passed', 'failed', 'error', 'skipped');
create type public.vulnerability_severity as enum ('critical', 'high', 'medium', 'low', 'unknown');
create type public.evidence_gate_kind as enum ('security', 'tests');
create type public.gate_exception_status as enum ('pending', 'approved', 'rejected');

-- What every evidence row shares: its run and node, who sent it, and the digest of the file it came from.
create table public.test_reports (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null, -- the run's project (set by a trigger)
  execution_id uuid not null references public.executions (id) on delete cascade,
  node_id text not null,
  format text not null default 'junit' check (format in ('junit')),
  name text, -- the report's own name (the <testsuites> name) or the uploaded file's
  total integer not null check (total >= 0),
  passed integer not null check (passed >= 0),
  failed integer not null check (failed >= 0),
  errored integer not null check (errored >= 0),
  skipped integer not null check (skipped >= 0),
  duration_ms integer check (duration_ms >= 0),
  content_sha256 text not null, -- of the uploaded bytes: the same file twice is one report
  integration_id uuid references public.github_integrations (id) on delete set null, -- CI that sent it, if any
  recorded_by uuid references auth.users (id) on delete set null, -- the member who sent it, if any
  created_at timestamptz not null default now(),
  foreign key (execution_id, node_id) references public.execution_nodes (execution_id, node_id) on delete cascade,
  unique (execution_id, node_id, content_sha256)
);
create index test_reports_project_id_idx on public.test_reports (project_id);

create table public.test_cases (
  id bigint generated always as identity primary key,
  report_id uuid not null references public.test_reports (id) on delete cascade,
  project_id uuid not null,
  execution_id uuid not null references public.executions (id) on delete cascade,
  node_id text not null,
  suite text, -- the <testsuite> name
  classname text,
  name text not null,
  status public.test_case_status not null,
  duration_ms integer check (duration_ms >= 0),
  message text, -- the failure's or error's message attribute
  details text -- the failure's body (stack trace), cut to 4,000 characters
);
create index test_cases_report_id_idx on public.test_cases (report_id);
create index test_cases_execution_id_idx on public.test_cases (execution_id, node_id) where status in ('failed', 'error');
create index test_cases_project_id_idx on public.test_cases (project_id);

create table public.vulnerability_scans (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null,
  execution_id uuid not null references public.executions (id) on delete cascade,
  node_id text not null,
  scanner text not null default 'trivy',
  scanner_version text,
  artifact_name text, -- what was scanned (Trivy's ArtifactName: an image, a folder, a lockfile)
  artifact_type text, -- Trivy's ArtifactType (container_image, filesystem, repository...)
  critical integer not null default 0 check (critical >= 0),
  high integer not null default 0 check (high >= 0),
  medium integer not null default 0 check (medium >= 0),
  low integer not null default 0 check (low >= 0),
  unknown integer not null default 0 check (unknown >= 0),
  content_sha256 text not null,
  integration_id uuid references public.github_integrations (id) on delete set null,
  recorded_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  foreign key (execution_id, node_id) references public.execution_nodes (execution_id, node_id) on delete cascade,
  unique (execution_id, node_id, content_sha256)
);
create index vulnerability_scans_project_id_idx on public.vulnerability_scans (project_id);

create table public.vulnerability_findings (
  id bigint generated always as identity primary key,
  scan_id uuid not null references public.vulnerability_scans (id) on delete cascade,
  project_id uuid not null,
  execution_id uuid not null references public.executions (id) on delete cascade,
  node_id text not null,
  vulnerability_id text not null, -- CVE-…, GHSA-…
  severity public.vulnerability_severity not null,
  package_name text not null,
  installed_version text,
  fixed_version text, -- null: no fix released yet
  title text,
  target text, -- Trivy's Result.Target: the lockfile or layer the package was found in
  primary_url text
);
create index vulnerability_findings_scan_id_idx on public.vulnerability_findings (scan_id);
create index vulnerability_findings_execution_id_idx on public.vulnerability_findings (execution_id, severity);
create index vulnerability_findings_project_id_idx on public.vulnerability_findings (project_id);

create table public.sboms (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null,
  execution_id uuid not null references public.executions (id) on delete cascade,
  node_id text not null,
  format text not null check (format in ('spdx', 'cyclonedx')),
  spec_version text, -- SPDX-2.3, CycloneDX 1.5...
  name text, -- the document's name or its main component
  package_count integer not null check (package_count >= 0),
  licences jsonb not null default '{}'::jsonb, -- licence id or expression → number of packages
  unlicensed integer not null default 0 check (unlicensed >= 0), -- packages declaring no licence
  content_sha256 text not null,
  integration_id uuid references public.github_integrations (id) on delete set null,
  recorded_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  foreign key (execution_id, node_id) references public.execution_nodes (execution_id, node_id) on delete cascade,
  unique (execution_id, node_id, content_sha256)
);
create index sboms_project_id_idx on public.sboms (project_id);

create table public.sbom_packages (
  id bigint generated always as identity primary key,
  sbom_id uuid not null references public.sboms (id) on delete cascade,
  project_id uuid not null,
  execution_id uuid not null references public.executions (id) on delete cascade,
  node_id text not null,
  name text not null,
  version text,
  purl text, -- package URL (pkg:npm/react@19.3.1)
  ecosystem text, -- the purl's type (npm, maven, pypi, deb...), when there is one
  licences text[] not null default '{}'
);
create index sbom_packages_sbom_id_idx on public.sbom_packages (sbom_id);
create index sbom_packages_execution_id_idx on public.sbom_packages (execution_id);
create index sbom_packages_project_id_idx on public.sbom_packages (project_id);

create table public.step_evidence (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null,
  execution_id uuid not null references public.executions (id) on delete cascade,
  node_id text not null,
  kind text not null check (kind ~ '^[a-z][a-z0-9_.-]{0,62}$'), -- coverage, lint, benchmark, link, artifact...
  title text not null check (length(title) between 1 and 200),
  status text not null default 'info' check (status in ('passed', 'failed', 'warning', 'info')),
  summary text check (length(summary) <= 2000),
  url text check (url ~ '^https?://'),
  data jsonb not null default '{}'::jsonb, -- anything else the step reports (figures, paths)
  content_sha256 text not null,
  integration_id uuid references public.github_integrations (id) on delete set null,
  recorded_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  foreign key (execution_id, node_id) references public.execution_nodes (execution_id, node_id) on delete cascade,
  unique (execution_id, node_id, content_sha256)
);
create index step_evidence_project_id_idx on public.step_evidence (project_id);

-- Artifacts: the node that built them, what kind of package they are, and a digest for non-images.
alter table public.artifacts
  add column node_id text,
  add column ecosystem text check (ecosystem ~ '^[a-z][a-z0-9_-]{0,30}$'),
  add column digest text check (digest ~ '^(sha256|sha512|sha1):[0-9a-f]{40,128}$');
comment on column public.artifacts.node_id is 'The run node that built it (with execution_id)';
comment on column public.artifacts.ecosystem is 'What it is: container (an image), npm, maven, nuget, rubygems, pypi, generic';
comment on column public.artifacts.digest is 'Content digest of what was built: the image manifest for containers (as image_digest), the package file otherwise';
alter table public.artifacts
  add constraint artifacts_node_fkey foreign key (execution_id, node_id)
  references public.execution_nodes (execution_id, node_id) on delete set null (node_id);
create index artifacts_node_idx on public.artifacts (execution_id, node_id);
create index artifacts_digest_idx on public.artifacts (project_id, digest);

create trigger test_reports_project before insert on public.test_reports
for each row execute function public.inherit_execution_project();
create trigger test_cases_project before insert on public.test_cases
for each row execute function public.inherit_execution_project();
create trigger vulnerability_scans_project before insert on public.vulnerability_scans
for each row execute function public.inherit_execution_project();
create trigger vulnerability_findings_project before insert on public.vulnerability_findings
for each row execute function public.inherit_execution_project();
create trigger sboms_project before insert on public.sboms
for each row execute function public.inherit_execution_project();
create trigger sbom_packages_project before insert on public.sbom_packages
for each row execute function public.inherit_execution_project();
create trigger step_evidence_project before insert on public.step_evidence
for each row execute function public.inherit_execution_project();

alter table public.test_reports enable row level security;
alter table public.test_cases enable row level security;
alter table public.vulnerability_scans enable row level security;
alter table public.vulnerability_findings enable row level security;
alter table public.sboms enable row level security;
alter table public.sbom_packages enable row level security;
alter table public.step_evidence enable row level security;

-- Read by members; no insert, update or delete policy: only the ingest functions write (service role).
create policy "Members can read test reports"
on public.test_reports for select to authenticated using ((select private.is_project_member(project_id)));
create policy "Members can read test cases"
on public.test_cases for select to authenticated using ((select private.is_project_member(project_id)));
create policy "Members can read vulnerability scans"
on public.vulnerability_scans for select to authenticated using ((select private.is_project_member(project_id)));
create policy "Members can read vulnerability findings"
on public.vulnerability_findings for select to authenticated using ((select private.is_project_member(project_id)));
create policy "Members can read SBOMs"
on public.sboms for select to authenticated using ((select private.is_project_member(project_id)));
create policy "Members can read SBOM packages"
on public.sbom_packages for select to authenticated using ((select private.is_project_member(project_id)));
create policy "Members can read step evidence"
on public.step_evidence for select to authenticated using ((select private.is_project_member(project_id)));

-- A version a run deploys records the artifact that run built (its newest), unless the writer named one.
create or replace function public.version_artifact_from_run()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.artifact_id is null and new.deployment_id is not null then
    select a.id into new.artifact_id
    from public.deployments d join public.artifacts a on a.execution_id = d.execution_id
    where d.id = new.deployment_id
    order by a.created_at desc, a.id limit 1;
  end if;
  return new;
end
$$;
revoke execute on function public.version_artifact_from_run() from public, anon, authenticated;
create trigger deployment_versions_artifact before insert on public.deployment_versions
for each row execute function public.version_artifact_from_run();

-- Gates -----------------------------------------------------------------------------------------------------

create table public.evidence_gates (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null,
  environment_id uuid not null,
  kind public.evidence_gate_kind not null,
  max_critical integer not null default 0 check (max_critical >= 0), -- security: most critical findings let through
  max_high integer check (max_high >= 0), -- security: most high findings let through (null: any number)
  max_failed_tests integer not null default 0 check (max_failed_tests >= 0), -- tests: most failed or errored cases
  require_evidence boolean not null default false, -- refuse a run that reported no scan (or no test report) at all
  enabled boolean not null default true,
  updated_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (environment_id, kind),
  foreign key (environment_id, project_id) references public.environments (id, project_id) on delete cascade
);
create index evidence_gates_project_id_idx on public.evidence_gates (project_id);
comment on table public.evidence_gates is 'Per environment: the findings (security) or failed tests (tests) above which a deploy is refused';

create table public.evidence_gate_exceptions (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null, -- the environment's project (set by a trigger)
  environment_id uuid not null,
  kind public.evidence_gate_kind not null,
  execution_id uuid not null references public.executions (id) on delete cascade, -- the evidence run it waives
  version_tag text, -- the version the run shipped, for people
  reason text not null check (length(btrim(reason)) between 5 and 1000),
  requested_by uuid not null default auth.uid() references auth.users (id) on delete cascade,
  status public.gate_exception_status not null default 'pending',
  decided_by uuid references auth.users (id) on delete set null,
  decided_at timestamptz,
  decision_comment text check (length(decision_comment) <= 1000),
  expires_at timestamptz not null default now() + interval '7 days', -- an approved exception stops applying then
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (decided_by is null or decided_by <> requested_by),
  foreign key (environment_id, project_id) references public.environments (id, project_id) on delete cascade
);
create index evidence_gate_exceptions_lookup_idx on public.evidence_gate_exceptions (environment_id, execution_id, kind, status);
create index evidence_gate_exceptions_project_id_idx on public.evidence_gate_exceptions (project_id, created_at desc);
create index evidence_gate_exceptions_execution_id_idx on public.evidence_gate_exceptions (execution_id);
comment on table public.evidence_gate_exceptions is 'A waiver of one gate for one run''s evidence in one environment: asked by an operator, approved by another admin';

-- Whatever the client sends, a new exception is pending and undecided, in the environment's project, for a run
-- of that project, and expires within 30 days.
create or replace function public.prepare_gate_exception()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  select e.project_id into new.project_id from public.environments e where e.id = new.environment_id;
  if not exists (select 1 from public.executions x where x.id = new.execution_id and x.project_id = new.project_id) then
    raise exception 'the run is not in this environment''s project' using errcode = 'foreign_key_violation';
  end if;
  new.reason := btrim(new.reason);
  new.status := 'pending';
  new.decided_by := null;
  new.decided_at := null;
  new.decision_comment := null;
  new.created_at := now();
  if new.expires_at <= now() then
    raise exception 'an exception must expire in the future' using errcode = 'check_violation';
  end if;
  new.expires_at := least(new.expires_at, now() + interval '30 days');
  return new;
end
$$;
revoke execute on function public.prepare_gate_exception() from public, anon, authenticated;

create trigger evidence_gate_exceptions_prepare before insert on public.evidence_gate_exceptions
for each row execute function public.prepare_gate_exception();
create trigger evidence_gate_exceptions_updated_at before update on public.evidence_gate_exceptions
for each row execute function public.update_updated_at_column();
create trigger evidence_gate_exceptions_audit after insert or update or delete on public.evidence_gate_exceptions
for each row execute function audit.log_change();
create trigger evidence_gates_updated_at before update on public.evidence_gates
for each row execute function public.update_updated_at_column();
create trigger evidence_gates_audit after insert or update or delete on public.evidence_gates
for each row execute function audit.log_change();

alter table public.evidence_gates enable row level security;
alter table public.evidence_gate_exceptions enable row level security;

create policy "Members can read evidence gates"
on public.evidence_gates for select to authenticated using ((select private.is_project_member(project_id)));
create policy "Admins can add evidence gates"
on public.evidence_gates for insert to authenticated with check ((select public.project_role_at_least(project_id, 'admin')));
create policy "Admins can change evidence gates"
on public.evidence_gates for update to authenticated
using ((select public.project_role_at_least(project_id, 'admin')))
with check ((select public.project_role_at_least(project_id, 'admin')));
create policy "Admins can remove evidence gates"
on public.evidence_gates for delete to authenticated using ((select public.project_role_at_least(project_id, 'admin')));

create policy "Members can read gate exceptions"
on public.evidence_gate_exceptions for select to authenticated using ((select private.is_project_member(project_id)));
create policy "Operators can ask for gate exceptions as themselves"
on public.evidence_gate_exceptions for insert to authenticated
with check (requested_by = (select auth.uid()) and (select public.project_role_at_least(project_id, 'operator')));
-- No update or delete policy: deciding goes through decide_gate_exception.

/** The run whose evidence stands for a version: the run that first shipped it (through promotions and restores). */
create or replace function private.version_evidence_run(_version_id uuid)
returns uuid
language sql stable security definer
set search_path = ''
as $$
  with recursive chain as (
    select v.id, v.deployment_id, coalesce(v.promoted_from_id, v.restored_from_id) as up, 1 as depth
    from public.deployment_versions v where v.id = _version_id
    union all
    select v.id, v.deployment_id, coalesce(v.promoted_from_id, v.restored_from_id), c.depth + 1
    from chain c join public.deployment_versions v on v.id = c.up
    where c.depth < 100
  )
  select d.execution_id from chain c join public.deployments d on d.id = c.deployment_id
  where c.up is null
  limit 1
$$;
revoke execute on function private.version_evidence_run(uuid) from public, anon, authenticated;

/** The evidence run of a deploying run: itself, or for a promotion the run that first shipped what it promotes. */
create or replace function private.execution_evidence_run(_execution_id uuid)
returns uuid
language sql stable security definer
set search_path = ''
as $$
  select case when x.promotion_of_version_id is null then x.id
    else coalesce(private.version_evidence_run(x.promotion_of_version_id), x.id) end
  from public.executions x where x.id = _execution_id
$$;
revoke execute on function private.execution_evidence_run(uuid) from public, anon, authenticated;

/**
 * Each enabled gate of _environment_id judged on _run's evidence: what was found, whether it blocks, the
 * sentence that says why, and the exception that lets it through (approved and unexpired) or is waiting.
 */
create or replace function private.evidence_gate_problems(_environment_id uuid, _run uuid)
returns table (kind public.evidence_gate_kind, blocked boolean, message text, counts jsonb, threshold jsonb,
  exception_id uuid, exception_status public.gate_exception_status)
language plpgsql stable security definer
set search_path = ''
as $$
declare
  _gate public.evidence_gates;
  _env public.environments;
  _critical integer;
  _high integer;
  _scans integer;
  _failed integer;
  _reports integer;
  _ids text[];
  _names text[];
  _over boolean;
  _exception public.evidence_gate_exceptions;
begin
  select * into _env from public.environments e where e.id = _environment_id;
  for _gate in select * from public.evidence_gates g where g.environment_id = _environment_id and g.enabled order by g.kind loop
    kind := _gate.kind;
    select x.* into _exception from public.evidence_gate_exceptions x
    where x.environment_id = _environment_id and x.execution_id = _run and x.kind = _gate.kind
      and (x.status = 'pending' or (x.status = 'approved' and x.expires_at > now()))
    order by (x.status = 'approved') desc, x.created_at desc limit 1;
    exception_id := _exception.id;
    exception_status := _exception.status;
    if _gate.kind = 'security' then
      select count(*) into _scans from public.vulnerability_scans s where s.execution_id = _run;
      -- The same finding reported by two scans (an image and its lockfile) counts once.
      select count(distinct (f.vulnerability_id, f.package_name, f.installed_version)) filter (where f.severity = 'critical'),
        count(distinct (f.vulnerability_id, f.package_name, f.installed_version)) filter (where f.severity = 'high'),
        (array_agg(distinct f.vulnerability_id) filter (where f.severity = 'critical' or (f.severity = 'high' and _gate.max_high is not null)))[1:5]
      into _critical, _high, _ids
      from public.vulnerability_findings f where f.execution_id = _run;
      counts := jsonb_build_object('scans', _scans, 'critical', _critical, 'high', _high, 'ids', to_jsonb(coalesce(_ids, '{}')));
      threshold := jsonb_build_object('max_critical', _gate.max_critical, 'max_high', _gate.max_high, 'require_evidence', _gate.require_evidence);
      _over := _critical > _gate.max_critical or (_gate.max_high is not null and _high > _gate.max_high);
      if _scans = 0 and _gate.require_evidence then
        message := format('%s''s security gate needs a vulnerability scan of the run, and none was reported', _env.key);
      elsif _over then
        message := format('%s''s security gate allows %s critical%s; the run''s scans found %s critical and %s high (%s)',
          _env.key, _gate.max_critical, case when _gate.max_high is null then '' else format(' and %s high', _gate.max_high) end,
          _critical, _high, array_to_string(_ids, ', '));
      else
        message := null;
      end if;
    else
      select count(*) into _reports from public.test_reports r where r.execution_id = _run;
      select count(*), (array_agg(coalesce(c.classname || ' › ', '') || c.name order by c.id))[1:5]
      into _failed, _names
      from public.test_cases c where c.execution_id = _run and c.status in ('failed', 'error');
      counts := jsonb_build_object('reports', _reports, 'failed', _failed, 'names', to_jsonb(coalesce(_names, '{}')));
      threshold := jsonb_build_object('max_failed_tests', _gate.max_failed_tests, 'require_evidence', _gate.require_evidence);
      if _reports = 0 and _gate.require_evidence then
        message := format('%s''s test gate needs a test report of the run, and none was reported', _env.key);
      elsif _failed > _gate.max_failed_tests then
        message := format('%s''s test gate allows %s failed test%s; the run''s reports have %s (%s)', _env.key,
          _gate.max_failed_tests, case when _gate.max_failed_tests = 1 then '' else 's' end, _failed, array_to_string(_names, ', '));
      else
        message := null;
      end if;
    end if;
    blocked := message is not null and exception_status is distinct from 'approved';
    if message is not null and exception_status = 'approved' then
      message := message || format(' — let through by an approved exception until %s', to_char(_exception.expires_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"'));
    end if;
    return next;
  end loop;
end
$$;
revoke execute on function private.evidence_gate_problems(uuid, uuid) from public, anon, authenticated;

/**
 * What the gates of _environment_id say about shipping a run's evidence there, as the caller may see it:
 * pass _version_id (a version to promote: its evidence is the run that first shipped it) or _execution_id.
 * Returns {evidence_execution_id, gates: [{kind, blocked, message, counts, threshold, exception_id,
 * exception_status}]}. PT404 when the caller cannot see the environment, version or run.
 */
create or replace function public.evidence_gate_verdict(_environment_id uuid, _version_id uuid default null, _execution_id uuid default null)
returns jsonb
language plpgsql stable security invoker
set search_path = ''
as $$
declare
  _run uuid;
begin
  if not exists (select 1 from public.environments e where e.id = _environment_id) then
    raise exception 'No such environment, or you cannot see it' using errcode = 'PT404';
  end if;
  if _version_id is not null then
    if not exists (select 1 from public.deployment_versions v where v.id = _version_id) then
      raise exception 'No such version, or you cannot see it' using errcode = 'PT404';
    end if;
    _run := private.version_evidence_run(_version_id);
  elsif _execution_id is not null then
    if not exists (select 1 from public.executions x where x.id = _execution_id) then
      raise exception 'No such run, or you cannot see it' using errcode = 'PT404';
    end if;
    _run := private.execution_evidence_run(_execution_id);
  else
    raise exception 'Name a version or a run' using errcode = 'PT400';
  end if;
  return jsonb_build_object('evidence_execution_id', _run, 'gates', coalesce((
    select jsonb_agg(to_jsonb(p) order by p.kind) from private.evidence_gate_problems(_environment_id, _run) p
    where _run is not null), '[]'::jsonb));
end
$$;
revoke execute on function public.evidence_gate_verdict(uuid, uuid, uuid) from public, anon;
grant execute on function public.evidence_gate_verdict(uuid, uuid, uuid) to authenticated;
-- evidence_gate_verdict runs as the caller (RLS hides what they cannot see) and asks these as them.
grant execute on function private.version_evidence_run(uuid) to authenticated;
grant execute on function private.execution_evidence_run(uuid) to authenticated;
grant execute on function private.evidence_gate_problems(uuid, uuid) to authenticated;

-- The deploy side: a deployment by a run into an environment whose gates its evidence breaks is refused
-- (rollbacks return to a version the environment already ran, and are exempt; so are deploys with no run).
create or replace function public.enforce_evidence_gates()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  _problem record;
begin
  if new.execution_id is null or new.rollback_of_id is not null then
    return new;
  end if;
  select * into _problem from private.evidence_gate_problems(new.environment_id, private.execution_evidence_run(new.execution_id)) p
  where p.blocked limit 1;
  if found then
    raise exception '%', _problem.message using errcode = 'check_violation',
      hint = 'an approved exception (evidence_gate_exceptions) lets this run''s evidence through';
  end if;
  return new;
end
$$;
revoke execute on function public.enforce_evidence_gates() from public, anon, authenticated;
create trigger deployments_evidence_gates before insert on public.deployments
for each row execute function public.enforce_evidence_gates();

-- An admin other than the asker approves or rejects a pending exception. Returns it as it is now.
create or replace function public.decide_gate_exception(_exception_id uuid, _approve boolean, _comment text default null)
returns public.evidence_gate_exceptions
language plpgsql security definer
set search_path = ''
as $$
declare
  _x public.evidence_gate_exceptions;
begin
  select * into _x from public.evidence_gate_exceptions x where x.id = _exception_id for update;
  if not found or not private.is_project_member(_x.project_id) then
    raise exception 'No such gate exception' using errcode = 'PT404';
  end if;
  if not public.project_role_at_least(_x.project_id, 'admin') then
    raise exception 'Only an admin of this organization can decide a gate exception' using errcode = '42501';
  end if;
  if _x.requested_by = auth.uid() then
    raise exception 'A gate exception needs a second person: you cannot decide your own request' using errcode = '42501';
  end if;
  if _x.status <> 'pending' then
    raise exception 'This exception is already %', _x.status using errcode = 'PT409';
  end if;
  if _x.expires_at <= now() then
    raise exception 'This exception expired at %', _x.expires_at using errcode = 'PT409';
  end if;
  update public.evidence_gate_exceptions x set status = case when _approve then 'approved' else 'rejected' end::public.gate_exception_status,
    decided_by = auth.uid(), decided_at = now(), decision_comment = nullif(btrim(_comment), '')
  where x.id = _exception_id returning * into _x;
  return _x;
end
$$;
revoke execute on function public.decide_gate_exception(uuid, boolean, text) from public, anon;
grant execute on function public.decide_gate_exception(uuid, boolean, text) to authenticated;

-- The run page shows evidence arriving live, and exceptions being decided.
alter publication supabase_realtime add table public.test_reports, public.vulnerability_scans, public.sboms,
  public.step_evidence, public.evidence_gate_exceptions;
