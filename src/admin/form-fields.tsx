// Form fields for admin pages, with their label and their error tied to the input
// (aria-describedby, aria-invalid), so a screen reader reads the problem with the field.
import type { ComponentChildren } from 'preact'

export type FieldErrors = Readonly<Record<string, string>>

interface FieldBase {
  /** The form field's name; the input's id is `${idPrefix}${name}`. */
  name: string
  label: string
  errors?: FieldErrors
  hint?: string
  idPrefix?: string
  isRequired?: boolean
}

function describedBy(id: string, hasHint: boolean, hasError: boolean): string | undefined {
  const ids = [hasError ? `${id}-error` : '', hasHint ? `${id}-hint` : ''].filter((x) => x !== '')
  return ids.length > 0 ? ids.join(' ') : undefined
}

function FieldNotes(props: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {props.error ? (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
      {props.hint ? (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
    </>
  )
}

export function TextField(
  props: FieldBase & {
    value: string
    type?: 'text' | 'email' | 'password' | 'number'
    maxLength?: number
    autocomplete?: string
    inputMode?: 'numeric' | 'text'
    dir?: 'auto' | 'ltr'
  },
) {
  const id = `${props.idPrefix ?? ''}${props.name}`
  const error = props.errors?.[props.name]
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      <FieldNotes id={id} hint={props.hint} error={error} />
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        maxLength={props.maxLength}
        required={props.isRequired}
        autocomplete={props.autocomplete}
        inputMode={props.inputMode}
        dir={props.dir}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, Boolean(props.hint), Boolean(error))}
      />
    </div>
  )
}

export function TextAreaField(props: FieldBase & { value: string; rows?: number; maxLength?: number }) {
  const id = `${props.idPrefix ?? ''}${props.name}`
  const error = props.errors?.[props.name]
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      <FieldNotes id={id} hint={props.hint} error={error} />
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        maxLength={props.maxLength}
        dir="auto"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, Boolean(props.hint), Boolean(error))}
      >
        {props.value}
      </textarea>
    </div>
  )
}

export interface SelectOption {
  value: string
  label: string
}

export function SelectField(props: FieldBase & { value: string; options: readonly SelectOption[] }) {
  const id = `${props.idPrefix ?? ''}${props.name}`
  const error = props.errors?.[props.name]
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      <FieldNotes id={id} hint={props.hint} error={error} />
      <select
        id={id}
        name={props.name}
        required={props.isRequired}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, Boolean(props.hint), Boolean(error))}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

export function CheckboxField(props: FieldBase & { isChecked: boolean; children?: ComponentChildren }) {
  const id = `${props.idPrefix ?? ''}${props.name}`
  return (
    <div class="field field-checkbox">
      <input
        id={id}
        name={props.name}
        type="checkbox"
        value="on"
        checked={props.isChecked}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
      />
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
    </div>
  )
}

/**
 * The summary above a form (role="alert", so it is announced after a failed save): every problem,
 * including those also shown beside their fields, since a screen reader user lands at the top.
 */
export function formLevelProblems(problems: readonly string[], _fields: FieldErrors): string[] {
  return [...problems]
}
