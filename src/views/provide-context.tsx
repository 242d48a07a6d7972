// Gives a Preact context's value to the components of a page rendered on the server, in place of
// Preact's own <Context.Provider>.
//
// Preact's Provider is built for the browser: on every render it makes a Set and four closures so
// that consumers re-render when the value changes (preact/src/create-context.js). A page rendered
// once to a string never changes, and on the server those closures cost every page: with them,
// much of what a page allocated outlived two young-generation collections and was promoted to
// the old generation, so every scavenge copied it (measured with --trace-gc-nvp on the bench's
// uncached server: ~1.3 MB promoted per scavenge of a story page before, ~0.65 MB after; the
// site's Layout alone, rendered in a loop: 772 KB before, 85 KB after, and 40% more renders a
// second). docs/performance.md, "Where the time goes".
//
// useContext (preact/hooks) and preact-render-to-string find a provider by the context's internal
// id, `_id`, which Preact's build names `__c`; they read the value from the provider's
// `props.value` and call its `sub()` to subscribe a consumer. provide-context.test.tsx checks both
// against Preact's own Provider, so an upgrade that renamed them would fail there.
import { Component, type ComponentChildren, type Context } from 'preact'

function contextId(context: Context<unknown>): string {
  return (context as unknown as { __c: string }).__c
}

export class ProvideContext<T> extends Component<{
  context: Context<T>
  value: T
  children?: ComponentChildren
}> {
  override getChildContext(): Record<string, unknown> {
    return { [contextId(this.props.context as Context<unknown>)]: this }
  }

  /** Consumers subscribe to hear of a new value; a page rendered to a string never has one. */
  sub(): void {}

  override render(): ComponentChildren {
    return this.props.children
  }
}
