-- Deleting a project or an organization deletes everything under it, history included (keep_environment_history
-- refuses deleting an environment with history on its own, so only such a deletion gets this far). These four
-- references to environments had no action, so a project's cascade could reach an environment before the runs,
-- requests and deployments pointing at it, and the whole deletion failed.
alter table public.executions
  drop constraint executions_environment_id_project_id_fkey,
  add constraint executions_environment_id_project_id_fkey foreign key (environment_id, project_id)
    references public.environments (id, project_id) on delete cascade;
alter table public.approval_requests
  drop constraint approval_requests_environment_id_project_id_fkey,
  add constraint approval_requests_environment_id_project_id_fkey foreign key (environment_id, project_id)
    references public.environments (id, project_id) on delete cascade;
alter table public.deployments
  drop constraint deployments_environment_id_project_id_fkey,
  add constraint deployments_environment_id_project_id_fkey foreign key (environment_id, project_id)
    references public.environments (id, project_id) on delete cascade;
alter table public.deployment_versions
  drop constraint deployment_versions_environment_id_project_id_fkey,
  add constraint deployment_versions_environment_id_project_id_fkey foreign key (environment_id, project_id)
    references public.environments (id, project_id) on delete cascade;
