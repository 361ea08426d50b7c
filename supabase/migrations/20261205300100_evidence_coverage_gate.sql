-- The test gate also watches coverage (issue 15): a run's coverage is the newest `coverage` step evidence it
-- reported (record-ci-evidence, data.percent, 0-100). evidence_gates.min_coverage refuses a run below a floor;
-- max_coverage_drop refuses one whose coverage fell by more than that many points against the version the
-- environment runs now (its evidence run's coverage; no baseline, no drop). evidence_gate_problems is as in
-- 20261205300000 plus those two checks; the sentences join with "; " when several apply.

alter table public.evidence_gates
  add column min_coverage numeric(5, 2) check (min_coverage between 0 and 100),
  add column max_coverage_drop numeric(5, 2) check (max_coverage_drop between 0 and 100);
comment on column public.evidence_gates.min_coverage is 'tests: the least line coverage (percent) a run must report (null: no floor)';
comment on column public.evidence_gates.max_coverage_drop is 'tests: how many points coverage may fall against what the environment runs now (null: any)';

/** The newest coverage (percent) a run reported as `coverage` step evidence, or null. */
create or replace function private.run_coverage(_run uuid)
returns numeric
language sql stable security definer
set search_path = ''
as $$
  select round((e.data ->> 'percent')::numeric, 2) from public.step_evidence e
  where e.execution_id = _run and e.kind = 'coverage' and jsonb_typeof(e.data -> 'percent') = 'number'
  order by e.created_at desc, e.id limit 1
$$;
revoke execute on function private.run_coverage(uuid) from public, anon, authenticated;
grant execute on function private.run_coverage(uuid) to authenticated;

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
  _coverage numeric;
  _baseline numeric;
  _baseline_tag text;
  _problems text[];
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
      _coverage := private.run_coverage(_run);
      -- The baseline is what the environment runs now: its current version's evidence run.
      select private.run_coverage(private.version_evidence_run(v.id)), v.version_tag into _baseline, _baseline_tag
      from public.deployment_versions v where v.environment_id = _environment_id and v.is_current;
      counts := jsonb_build_object('reports', _reports, 'failed', _failed, 'names', to_jsonb(coalesce(_names, '{}')),
        'coverage', _coverage, 'baseline_coverage', _baseline, 'baseline_version', _baseline_tag);
      threshold := jsonb_build_object('max_failed_tests', _gate.max_failed_tests, 'min_coverage', _gate.min_coverage,
        'max_coverage_drop', _gate.max_coverage_drop, 'require_evidence', _gate.require_evidence);
      _problems := '{}';
      if _reports = 0 and _gate.require_evidence then
        _problems := _problems || format('%s''s test gate needs a test report of the run, and none was reported', _env.key);
      elsif _failed > _gate.max_failed_tests then
        _problems := _problems || format('%s''s test gate allows %s failed test%s; the run''s reports have %s (%s)', _env.key,
          _gate.max_failed_tests, case when _gate.max_failed_tests = 1 then '' else 's' end, _failed, array_to_string(_names, ', '));
      end if;
      if (_gate.min_coverage is not null or _gate.max_coverage_drop is not null) and _coverage is null and _gate.require_evidence then
        _problems := _problems || format('%s''s test gate needs the run''s coverage, and none was reported', _env.key);
      elsif _gate.min_coverage is not null and _coverage < _gate.min_coverage then
        _problems := _problems || format('%s''s test gate needs at least %s%% coverage; the run''s is %s%%', _env.key,
          trim_scale(_gate.min_coverage), trim_scale(_coverage));
      elsif _gate.max_coverage_drop is not null and _coverage < _baseline - _gate.max_coverage_drop then
        _problems := _problems || format('%s''s test gate lets coverage drop by at most %s point%s; the run''s is %s%% against %s%% for %s (running in %s)',
          _env.key, trim_scale(_gate.max_coverage_drop), case when _gate.max_coverage_drop = 1 then '' else 's' end,
          trim_scale(_coverage), trim_scale(_baseline), _baseline_tag, _env.key);
      end if;
      message := case when cardinality(_problems) > 0 then array_to_string(_problems, '; ') end;
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
grant execute on function private.evidence_gate_problems(uuid, uuid) to authenticated;
