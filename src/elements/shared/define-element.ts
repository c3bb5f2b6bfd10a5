/** Tag registration without side effects on import: the define entries and the framework wrappers call it. */

/** Defines a tag unless something already did (safe when two bundles of the widget meet on one page). */
export function define(tag: string, element: CustomElementConstructor): void {
  // An element registers the elements it renders first, so one import is enough (Shoelace's `dependencies`).
  const dependencies = (element as { dependencies?: Record<string, CustomElementConstructor> }).dependencies ?? {};
  for (const [dependencyTag, dependency] of Object.entries(dependencies)) define(dependencyTag, dependency);
  if (!customElements.get(tag)) customElements.define(tag, element);
}

const lazyLoads = new Map<string, Promise<void>>();

/** Defines a tag from a lazy chunk on first use (once; asked for again after a failed load, e.g. offline): elements rendered before that upgrade and keep their properties. */
export function defineLazily(tag: string, load: () => Promise<CustomElementConstructor>): Promise<void> {
  let loading = lazyLoads.get(tag);
  if (!loading) {
    lazyLoads.set(tag, (loading = load().then((element) => define(tag, element))));
    loading.catch(() => lazyLoads.delete(tag));
  }
  return loading;
}
