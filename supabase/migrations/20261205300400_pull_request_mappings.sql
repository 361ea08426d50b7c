-- Pull requests can start a mapped pipeline (issue 15). A branch mapping with on_pull_request applies to pull
-- requests instead of pushes: a pull request opened, reopened or updated (synchronize) into a base branch
-- matching branch_pattern starts the mapping's pipeline on the pull request's head branch and commit, and the
-- run's commit statuses (20261205300300) show on the pull request. Pull requests from forks start nothing: their
-- code is not the repository's. Push mappings and pull-request mappings of one pattern and environment coexist.

alter table public.branch_mappings
  add column on_pull_request boolean not null default false;
comment on column public.branch_mappings.on_pull_request is
  'Applies to pull requests into a branch matching branch_pattern (opened, reopened, synchronize), not to pushes';

alter table public.branch_mappings drop constraint branch_mappings_project_id_branch_pattern_environment_id_key;
alter table public.branch_mappings add constraint branch_mappings_pattern_environment_trigger_key
  unique (project_id, branch_pattern, environment_id, on_pull_request);
