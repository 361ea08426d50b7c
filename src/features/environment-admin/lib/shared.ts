// The configuration rules the database and update-environment-config apply, so the editor can say what will be
// refused while the admin types (supabase/functions/_shared/environments/).
export {
  configProblems, variableRefusal, secretReferenceRefusal, SECRET_PROVIDERS,
  type SecretRef, type SecretProvider, type Variables, type VariableValue, type ConfigProblem,
} from '../../../../supabase/functions/_shared/environments/secrets.ts'
export { diffConfigs, describeChange, type ConfigChange, type ConfigSnapshot } from '../../../../supabase/functions/_shared/environments/diff.ts'
