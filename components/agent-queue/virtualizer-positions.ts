// @lit-labs/virtualizer 2.1 positions its rendered children by looking each one up through its
// `_children` getter, which walks every child of the host again: quadratic in the rows on
// screen (about 3,400 element visits per layout for 58 rows), a large part of the queue's
// script time while scrolling. This keeps the virtualizer's own positioning and only lets
// that walk happen once per pass, for one virtualizer instance. If a later version drops
// either private member, nothing is changed.
import { virtualizerRef, type VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';

interface PositioningInternals {
  _positionChildren?: (positions: unknown) => void;
}

const patched = new WeakSet<object>();

/** Lets `host`'s virtualizer find its children once per positioning pass. Safe to call often. */
export function walkChildrenOncePerLayout(host: Element): void {
  const virtualizer = (host as VirtualizerHostElement)[virtualizerRef] as unknown as (PositioningInternals & object) | undefined;
  if (!virtualizer || patched.has(virtualizer)) return;
  patched.add(virtualizer);
  const position = virtualizer._positionChildren;
  const children = findGetter(virtualizer, '_children');
  if (typeof position !== 'function' || !children) return;
  virtualizer._positionChildren = function (this: object, positions: unknown) {
    Object.defineProperty(this, '_children', { value: children.call(this), configurable: true });
    try {
      position.call(this, positions);
    } finally {
      delete (this as { _children?: unknown })._children;
    }
  };
}

function findGetter(object: object, name: string): (() => unknown) | undefined {
  for (let proto = Object.getPrototypeOf(object) as object | null; proto; proto = Object.getPrototypeOf(proto) as object | null) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (descriptor) return descriptor.get;
  }
  return undefined;
}
