/**
 * Text placed inside <script> and <style> elements. Their content is raw text to the HTML
 * parser: entities are not decoded, and the element ends at the first `</script` or `</style`
 * whatever the JavaScript or CSS around it means. So JSON is escaped for JavaScript, not HTML.
 */

/**
 * JSON that can sit in `<script type="application/json">`: `<` (hence `</script>` and
 * `<!--`), `>` and `&` become \u escapes, and so do U+2028/U+2029, which JSON allows in
 * strings but older JavaScript parsers treat as line breaks. JSON.parse reads it unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Trusted JavaScript (vendored uPlot, our chart script), defused should it ever contain `</script`. */
export function scriptText(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1');
}

/** Trusted CSS, defused should it ever contain `</style`. */
export function styleText(source: string): string {
  return source.replace(/<\/(style)/gi, '<\\/$1');
}
