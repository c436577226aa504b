/**
 * The changes a wallet makes to its list of saved methods, as pure functions,
 * each with the exact undo the wallet applies when the server refuses it. A
 * list keeps the server's order: no change here reorders the methods it leaves
 * in place, and an undo puts a method back where it was.
 *
 * An undo is applied to the list as it stands when the refusal arrives, which
 * may hold a method added meanwhile: only what the change itself set goes back.
 */
import type { PaymentMethod } from '../protocol/index.js';

/** What a make-default change did, so that it can be undone. */
export interface DefaultChange {
  /** The method made the default. */
  id: string;
  /** The default before the change, if there was one. */
  previous: string | undefined;
}

/** What a removal did, so that it can be undone. */
export interface Removal {
  /** The method as it was before it was removed. */
  method: PaymentMethod;
  /** Where it was in the list. */
  index: number;
}

/** `method` with `isDefault` as given; the same object when the flag already has that value. */
const withDefault = (method: PaymentMethod, isDefault: boolean): PaymentMethod =>
  method.isDefault === isDefault ? method : { ...method, isDefault };

/** The id of the default method, if any. */
export const defaultId = (methods: readonly PaymentMethod[]): string | undefined => methods.find(method => method.isDefault)?.id;

/** The list with `id` as its only default, and what to undo it with. */
export function makeDefault(methods: readonly PaymentMethod[], id: string): { methods: PaymentMethod[]; change: DefaultChange } {
  return {
    methods: methods.map(method => withDefault(method, method.id === id)),
    change: { id, previous: defaultId(methods) },
  };
}

/**
 * Undoes `change`: only the two flags it set go back. When another method became
 * the default meanwhile (one added as the default), that one stays the default.
 */
export function undoMakeDefault(methods: readonly PaymentMethod[], change: DefaultChange): PaymentMethod[] {
  const { id, previous } = change;
  const otherDefault = methods.some(method => method.isDefault && method.id !== id && method.id !== previous);
  return methods.map(method =>
    method.id === id || method.id === previous ? withDefault(method, method.id === previous && !otherDefault) : method,
  );
}

/** The list without the method `id`, and what to undo it with; `undefined` when the list holds no such method. */
export function removeMethod(methods: readonly PaymentMethod[], id: string): { methods: PaymentMethod[]; removal: Removal } | undefined {
  const index = methods.findIndex(method => method.id === id);
  if (index < 0) return undefined;
  return { methods: methods.filter((_, at) => at !== index), removal: { method: methods[index]!, index } };
}

/**
 * Undoes `removal`: the method goes back where it was, no longer the default if
 * another became it meanwhile. A list that holds the method again already says
 * where things stand, so it is returned as it is.
 */
export function undoRemove(methods: readonly PaymentMethod[], removal: Removal): PaymentMethod[] {
  const { method, index } = removal;
  if (methods.some(other => other.id === method.id)) return [...methods];
  const restored = withDefault(method, method.isDefault && !methods.some(other => other.isDefault));
  return [...methods.slice(0, index), restored, ...methods.slice(index)];
}

/**
 * The list with `added` at its end, replacing any method of the same id; when
 * `added` is the default, no other method stays one.
 */
export function addMethod(methods: readonly PaymentMethod[], added: PaymentMethod): PaymentMethod[] {
  return [
    ...methods.filter(method => method.id !== added.id).map(method => (added.isDefault ? withDefault(method, false) : method)),
    added,
  ];
}

/**
 * The method to pick in a picker: `value` when it names one that `pickable`
 * accepts, or else the default method when it does; `undefined` when neither.
 */
export function pickOf(
  methods: readonly PaymentMethod[],
  value: string,
  pickable: (method: PaymentMethod) => boolean,
): PaymentMethod | undefined {
  const named = methods.find(method => method.id === value);
  if (named && pickable(named)) return named;
  const fallback = methods.find(method => method.isDefault);
  return fallback && pickable(fallback) ? fallback : undefined;
}
