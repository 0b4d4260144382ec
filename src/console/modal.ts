/**
 * Forms (Discord modals) in the console: which fields a form asks for (read
 * from the modal's own JSON, so a form is defined once), and whether an
 * answer is one Discord would accept. Pure; the session does the asking.
 */
import {
  ComponentType,
  TextInputStyle,
  type APIModalInteractionResponseCallbackData,
  type APITextInputComponent,
} from 'discord-api-types/v10';
import type { InputProblem } from './parseInput.js';

/** A text field of a form, as the console asks for it. */
export interface FormField {
  id: string;
  label: string;
  /** Several lines (ended by a line holding only "."), or one. */
  multiline: boolean;
  required: boolean;
  /** Prefilled value, kept when the answer is empty. */
  value?: string;
  /** Discord's grey hint, e.g. an example date. */
  placeholder?: string;
  minLength?: number;
  maxLength?: number;
}

/**
 * What a form holds, in order: text fields to ask, a file upload (asked as a
 * path), a checkbox (asked y/n), text to show, or something the console
 * cannot fill.
 */
export type FormPart =
  | { kind: 'field'; field: FormField }
  | { kind: 'file'; id: string; label: string; required: boolean }
  | { kind: 'checkbox'; id: string; label: string; value: boolean }
  | { kind: 'text'; text: string }
  | { kind: 'unsupported'; label: string };

function fieldOf(input: APITextInputComponent, label: string): FormPart {
  return {
    kind: 'field',
    field: {
      id: input.custom_id,
      label,
      multiline: input.style === TextInputStyle.Paragraph,
      // Discord's default for text inputs is required.
      required: input.required !== false,
      ...(input.value !== undefined ? { value: input.value } : {}),
      ...(input.placeholder !== undefined ? { placeholder: input.placeholder } : {}),
      ...(input.min_length !== undefined ? { minLength: input.min_length } : {}),
      ...(input.max_length !== undefined ? { maxLength: input.max_length } : {}),
    },
  };
}

/** The parts of a modal, in both layouts Discord accepts (labels, and the older action rows). */
export function formParts(modal: APIModalInteractionResponseCallbackData): FormPart[] {
  const parts: FormPart[] = [];
  for (const component of modal.components) {
    if (component.type === ComponentType.ActionRow) {
      for (const inner of component.components) {
        if (inner.type === ComponentType.TextInput)
          parts.push(fieldOf(inner, inner.label ?? inner.custom_id));
        else parts.push({ kind: 'unsupported', label: inner.custom_id });
      }
    } else if (component.type === ComponentType.Label) {
      const inner = component.component;
      const label = component.description
        ? `${component.label} (${component.description})`
        : component.label;
      if (inner.type === ComponentType.TextInput) parts.push(fieldOf(inner, label));
      else if (inner.type === ComponentType.FileUpload)
        parts.push({
          kind: 'file',
          id: inner.custom_id,
          label,
          // Discord's default for a file upload is one file, required.
          required: inner.required !== false && (inner.min_values ?? 1) > 0,
        });
      else if (inner.type === ComponentType.Checkbox)
        parts.push({ kind: 'checkbox', id: inner.custom_id, label, value: inner.default === true });
      else parts.push({ kind: 'unsupported', label: component.label });
    } else if (component.type === ComponentType.TextDisplay) {
      parts.push({ kind: 'text', text: component.content });
    }
  }
  return parts;
}

/**
 * The value Discord would submit for an answer (an empty answer keeps the
 * prefilled value), or why Discord would refuse it.
 */
export function readAnswer(
  field: FormField,
  answer: string,
): { ok: true; value: string } | { ok: false; problem: InputProblem } {
  const value = answer === '' ? (field.value ?? '') : answer;
  const length = [...value].length;
  if (value === '' && field.required)
    return { ok: false, problem: { key: 'console.modalRequired', params: { label: field.label } } };
  if (value !== '' && field.minLength !== undefined && length < field.minLength) {
    return {
      ok: false,
      problem: { key: 'console.tooShort', params: { name: field.label, min: field.minLength } },
    };
  }
  if (field.maxLength !== undefined && length > field.maxLength) {
    return {
      ok: false,
      problem: { key: 'console.tooLong', params: { name: field.label, max: field.maxLength } },
    };
  }
  return { ok: true, value };
}

/** A y/n answer to a checkbox (an empty answer keeps the value shown), or null when it is neither. */
export function readCheckbox(answer: string, value: boolean): boolean | null {
  const a = answer.trim().toLowerCase();
  if (a === '') return value;
  if (['y', 'yes', '是', '对'].includes(a)) return true;
  if (['n', 'no', '否', '不'].includes(a)) return false;
  return null;
}
