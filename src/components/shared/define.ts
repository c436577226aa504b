/**
 * Registers a tag once per page. A page can end up with two copies of these
 * modules (the CDN file beside an app's bundle, or two bundles that each carry
 * the package); `customElements.define` throws on the second registration of a
 * tag, which would stop the rest of that copy from running. The first copy
 * keeps the tag and the second one's class is simply never used.
 */
export function defineOnce(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

/**
 * Lit's `@customElement` with one difference: a tag already taken is left
 * alone. It keeps Lit's name so that the manifest analyzer, which knows the
 * decorator by name, still reads the tag from it. Works as a legacy and as a
 * standard decorator.
 */
export const customElement =
  (tag: string) =>
  (target: CustomElementConstructor, context?: ClassDecoratorContext): void => {
    if (context) context.addInitializer(() => defineOnce(tag, target));
    else defineOnce(tag, target);
  };
