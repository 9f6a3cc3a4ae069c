"""WCAG 2 contrast of text as the browser paints it, for tests to measure."""

from __future__ import annotations

# Each element's text against the first opaque background under it, the text's
# colour blended by its own alpha and its ancestors' opacity (Streamlit fades
# captions with ``opacity``): [class or tag, the text's start, ratio]
CONTRAST_JS = """(elements) => {
    const channels = color => color.match(/[\\d.]+/g).map(Number);
    const luminance = ([r, g, b]) => {
        const linear = c => (c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    const parent = e => e.parentElement
        || (e.getRootNode() instanceof ShadowRoot ? e.getRootNode().host : null);
    const background = element => {
        for (let e = element; e; e = parent(e)) {
            const c = channels(getComputedStyle(e).backgroundColor);
            if (c.length === 3 || c[3] > 0.5) return c.slice(0, 3);
        }
        return [255, 255, 255];
    };
    const opacity = element => {
        let product = 1;
        for (let e = element; e; e = parent(e)) product *= Number(getComputedStyle(e).opacity);
        return product;
    };
    const painted = element => {
        const [r, g, b, a = 1] = channels(getComputedStyle(element).color);
        const alpha = a * opacity(element), under = background(element);
        return [r, g, b].map((c, n) => alpha * c + (1 - alpha) * under[n]);
    };
    return elements.map(element => {
        const [a, b] = [luminance(painted(element)), luminance(background(element))];
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        return [element.className || element.tagName, element.textContent.trim().slice(0, 30), ratio];
    });
}"""
