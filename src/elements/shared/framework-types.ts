/** Type helpers that map the elements' properties and `omni-*` events onto framework props (React, Vue). */
import type { OmniEventMap } from './events.js';

type PascalCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${PascalCase<Tail>}` : Capitalize<S>;

/** The listener prop of an event, as React (@lit/react) and Vue name it: `omni-call-state` -> `onOmniCallState`. */
export type OmniEventPropName<N extends string> = N extends `omni-${infer Rest}` ? `onOmni${PascalCase<Rest>}` : never;

/** One optional, typed listener prop per `omni-*` event an element fires. */
export type OmniEventProps<N extends keyof OmniEventMap> = { [K in N as OmniEventPropName<K>]?: (event: OmniEventMap[K]) => void };

/** The element's public data properties (no methods), all optional: what a template may set. */
export type OmniElementProps<E> = { [K in keyof Omit<E, keyof HTMLElement> as E[K] extends (...args: never[]) => unknown ? never : K]?: E[K] };

/** The listener prop name of an event at run time (`omni-message` -> `onOmniMessage`). */
export const eventPropName = (name: string): string =>
  'on' + name.replace(/(^|-)(\w)/g, (_match, _dash: string, letter: string) => letter.toUpperCase());
