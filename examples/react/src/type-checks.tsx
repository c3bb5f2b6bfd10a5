// Compile-time checks of omni-widget/react's typing, part of `tsc -b` (never rendered, tree-shaken
// away): each `@ts-expect-error` fails the build if the error below it ever disappears.
import { OmniCallButton, OmniChat } from 'omni-widget/react';

export const typeChecks = [
  // @ts-expect-error jwtProvider is a function or { fetchJwt() }, not a number
  <OmniChat jwtProvider={42} />,
  // @ts-expect-error omni-message's detail is { conversationId, item }, not a number
  <OmniChat onOmniMessage={(event: CustomEvent<number>) => event.detail.toFixed()} />,
  // @ts-expect-error the detail has no `text` (it is on detail.item.message)
  <OmniChat onOmniMessage={(event) => event.detail.text} />,
  // @ts-expect-error omni-call-button fires no omni-message
  <OmniCallButton onOmniMessage={() => undefined} />,
  // @ts-expect-error open is a boolean
  <OmniChat open="yes" />,
  // @ts-expect-error unreadCount is read-only (a getter), so not a prop
  <OmniChat unreadCount={3} />,
  // Well typed: these compile.
  <OmniChat jwtProvider={{ fetchJwt: async () => 'a.jwt.token' }} voice theme="dark" onOmniOpenChange={(event) => event.detail.open} />,
  <OmniCallButton destination="sip:sales@example.com" preload onOmniCallState={(event) => event.detail.state} />,
];
