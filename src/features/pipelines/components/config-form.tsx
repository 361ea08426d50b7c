import { useEffect } from 'react'
import { useForm, type Resolver } from 'react-hook-form'
import { FormField } from '../../../components/form-field.tsx'
import { Input, NativeSelect, Textarea } from '../../../components/ui/input.tsx'
import { configErrors, fieldName, fromFormValues, toFormValues, visibleFields, type FieldSpec, type FormValues } from '../lib/config-fields.ts'
import type { KindFlowNode } from '../lib/flow-types.ts'
import { useEditorStore } from '../store/editor-store.ts'

/** A node's name and config, validated by its kind's zod schema as you type; every change goes to the graph. */
export function ConfigForm({ node, environments, readOnly }: { node: KindFlowNode; environments: readonly { key: string; display_name: string }[]; readOnly: boolean }) {
  const kind = node.data.kind
  const updateNode = useEditorStore((s) => s.updateNode)
  const resolver: Resolver<FormValues> = (values) => {
    const errors = configErrors(kind, fromFormValues(kind, values, node.data.config))
    const entries = Object.entries(errors).map(([name, message]) => [name, { type: 'schema', message }])
    return entries.length === 0 ? { values, errors: {} } : { values: {}, errors: Object.fromEntries(entries) }
  }
  const form = useForm<FormValues>({ defaultValues: toFormValues(kind, node.data.label, node.data.config), resolver, mode: 'onChange' })
  const { register, watch, trigger, formState: { errors } } = form

  useEffect(() => { void trigger() }, [trigger])
  useEffect(() => {
    const subscription = watch((values) => {
      const current = useEditorStore.getState().nodes.find((n) => n.id === node.id)
      if (!current) return
      updateNode(node.id, { label: values.label || node.id, config: fromFormValues(kind, values as FormValues, current.data.config) })
    })
    return () => subscription.unsubscribe()
  }, [watch, updateNode, node.id, kind])

  const control = (field: FieldSpec) => {
    const name = fieldName(field.path)
    switch (field.input) {
      case 'select':
        return <NativeSelect {...register(name)}>{field.options!.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}</NativeSelect>
      case 'environment':
        return (
          <NativeSelect {...register(name)}>
            <option value="">{field.optional ? 'Any (gates what follows)' : 'Choose an environment'}</option>
            {environments.map((e) => <option key={e.key} value={e.key}>{e.display_name} ({e.key})</option>)}
          </NativeSelect>
        )
      case 'lines': case 'pairs': return <Textarea rows={3} {...register(name)} />
      case 'number': return <Input type="number" inputMode="numeric" {...register(name)} />
      default: return <Input {...register(name)} />
    }
  }

  return (
    <form onSubmit={(e) => e.preventDefault()} aria-label={`${node.data.label} settings`}>
      <fieldset disabled={readOnly} className="flex flex-col gap-3">
        <FormField label="Name"><Input {...register('label')} /></FormField>
        {visibleFields(kind, (path) => watch(fieldName(path))).map((field) => (
          <FormField key={field.path} label={field.label} hint={field.hint} error={errors[fieldName(field.path)]?.message}>
            {control(field)}
          </FormField>
        ))}
      </fieldset>
    </form>
  )
}
