/** The columns a run list shows (its own module, so the home page's list does not pull in the list page's zod input). */
export const EXECUTION_LIST_COLUMNS = 'id, name, status, progress, attempt, rerun_of_id, trigger_source, branch, started_by, started_at, finished_at, created_at, flow_templates(id, name), environments(key, display_name)'
