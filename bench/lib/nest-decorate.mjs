// Nest's decorators applied by hand: Node runs this folder as plain ESM JavaScript, which has no
// decorator syntax. The order and the descriptor handling are those of TypeScript's emitted code.
import 'reflect-metadata';

/** Applies method decorators to `Class.prototype[method]`, the last one listed first. */
export function decorateMethod(Class, method, ...decorators) {
  const prototype = Class.prototype;
  let descriptor = Object.getOwnPropertyDescriptor(prototype, method);
  for (const decorator of [...decorators].reverse())
    descriptor = decorator(prototype, method, descriptor) ?? descriptor;
  Object.defineProperty(prototype, method, descriptor);
}

/** Applies parameter decorators to the parameter at `index` of `Class.prototype[method]`. */
export function decorateParameter(Class, method, index, ...decorators) {
  for (const decorator of decorators) decorator(Class.prototype, method, index);
}

/** Applies class decorators to `Class` and returns it. */
export function decorateClass(Class, ...decorators) {
  for (const decorator of [...decorators].reverse()) decorator(Class);
  return Class;
}
