/** Type helpers that map the elements' properties and `omni-*` events onto framework props (React, Vue). */
import type { ReactiveElement } from 'lit';
import type { OmniEventMap } from './events.js';

type PascalCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${PascalCase<Tail>}` : Capitalize<S>;

/** The listener prop of an event, as React (@lit/react) and Vue name it: `omni-call-state` -> `onOmniCallState`. */
export type OmniEventPropName<N extends string> = N extends `omni-${infer Rest}` ? `onOmni${PascalCase<Rest>}` : never;

/** One optional, typed listener prop per `omni-*` event an element fires. */
export type OmniEventProps<N extends keyof OmniEventMap> = { [K in N as OmniEventPropName<K>]?: (event: OmniEventMap[K]) => void };

type IfEquals<X, Y, A, B> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? A : B;

/** Keys of T that can be assigned (neither `readonly` nor a getter without a setter). */
type WritableKeys<T> = { [K in keyof T]-?: IfEquals<{ [Q in K]: T[K] }, { -readonly [Q in K]: T[K] }, K, never> }[keyof T];

/**
 * The element's public data properties, all optional: what a template may set. Not methods, not
 * read-only getters (`unreadCount`, `currentCall`), not Lit's own members (`hasUpdated`, `renderRoot`...).
 */
export type OmniElementProps<E> = {
  [K in Exclude<WritableKeys<E>, keyof ReactiveElement> as E[K] extends (...args: never[]) => unknown ? never : K]?: E[K];
};

/** The listener prop name of an event at run time (`omni-message` -> `onOmniMessage`). */
export const eventPropName = (name: string): string =>
  'on' + name.replace(/(^|-)(\w)/g, (_match, _dash: string, letter: string) => letter.toUpperCase());
