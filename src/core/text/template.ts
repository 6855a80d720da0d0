/**
 * `template` with each `{name}` replaced by its argument, shown by `show` (default `String`); a name
 * that `args` does not hold (as its own property) stays as written, so a missing argument shows.
 * @example
 * fillTemplate('{count} more problems', { count: 3 }) // '3 more problems'
 * fillTemplate('{path} needs texts', {}) // '{path} needs texts'
 */
export function fillTemplate<V>(template: string, args: Readonly<Record<string, V>>, show: (value: V) => string = String): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(args, name) ? show(args[name]!) : whole));
}
