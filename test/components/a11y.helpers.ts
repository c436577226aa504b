/** What the accessibility suites share: axe with the WCAG 2.2 AA tags, and contrast computed from rendered colours. */
import type { AxeResults, RunOptions } from 'axe-core';

/** The rule sets every visual state must pass. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice'];

type Axe = { run(context: Element, options: RunOptions): Promise<AxeResults> };

/** Runs axe on `element` with `AXE_TAGS` and fails with every violation described. */
export async function expectAxeClean(element: Element): Promise<void> {
  await import('axe-core/axe.min.js');
  const axe = (window as unknown as { axe: Axe }).axe;
  const { violations } = await axe.run(element, { runOnly: { type: 'tag', values: AXE_TAGS }, resultTypes: ['violations'] });
  if (violations.length)
    throw new Error(
      violations
        .map(
          violation =>
            `${violation.id}: ${violation.help}\n${violation.nodes.map(node => `  ${node.target.join(' ')}: ${node.failureSummary}`).join('\n')}`,
        )
        .join('\n'),
    );
}

/** An `rgb()`/`rgba()` or `color(srgb …)` colour (as Chromium computes colours) as 0-255 channels and alpha. */
export function parseColor(color: string): [number, number, number, number] {
  const srgb = /color\(srgb\s+([^)]+)\)/.exec(color);
  if (srgb) {
    const [r, g, b, a] = srgb[1]!
      .split(/[\s/]+/)
      .filter(Boolean)
      .map(Number);
    return [r! * 255, g! * 255, b! * 255, a ?? 1];
  }
  const parts = /rgba?\(([^)]+)\)/
    .exec(color)?.[1]
    ?.split(/[\s,/]+/)
    .filter(Boolean)
    .map(Number);
  if (!parts || parts.length < 3) throw new Error(`not an sRGB colour: ${color}`);
  return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
}

/** `color` painted over the opaque `background`: what the eye sees of a translucent colour. */
export function over(color: string, background: string): string {
  const [r, g, b, a] = parseColor(color);
  const [R, G, B] = parseColor(background);
  const mix = (top: number, bottom: number) => Math.round(top * a + bottom * (1 - a));
  return `rgb(${mix(r, R)}, ${mix(g, G)}, ${mix(b, B)})`;
}

const luminance = ([r, g, b]: number[]) => {
  const [R, G, B] = [r!, g!, b!].map(c => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * R! + 0.7152 * G! + 0.0722 * B!;
};

/** The WCAG contrast ratio of `a`, painted over the opaque `b`, against `b`. */
export function contrast(a: string, b: string): number {
  const [la, lb] = [luminance(parseColor(over(a, b))), luminance(parseColor(b))].sort((x, y) => y - x);
  return (la! + 0.05) / (lb! + 0.05);
}

/** The first opaque background colour at or behind `element`, through shadow roots. */
export function backgroundOf(element: Element): string {
  for (let node: Element | null = element; node;) {
    const color = getComputedStyle(node).backgroundColor;
    if (parseColor(color)[3] === 1) return color;
    node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null);
  }
  return 'rgb(255, 255, 255)';
}

/** The colour of the outermost ring of a `box-shadow` list (the focus ring), as Chromium computes it. */
export function outerRingColor(boxShadow: string): string {
  const rings = boxShadow.match(/(rgba?|color)\([^)]+\)/g);
  if (!rings?.length) throw new Error(`no ring in ${boxShadow}`);
  return rings[rings.length - 1]!;
}
