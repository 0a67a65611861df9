/**
 * A strict little XML reader for tests: elements, attributes, text, the five predefined
 * entities and numeric references. Throws on anything malformed (unclosed or mismatched tags,
 * unquoted or duplicate attributes, a bare `&` or `<`), which is what "well-formed" means here.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: string): string {
  if (/<|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(raw)) {
    throw new Error(`unescaped markup in ${where}: ${JSON.stringify(raw.slice(0, 80))}`);
  }
  return raw.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (_, e: string) =>
    e.startsWith('#x')
      ? String.fromCodePoint(parseInt(e.slice(2), 16))
      : e.startsWith('#')
        ? String.fromCodePoint(Number(e.slice(1)))
        : ENTITY[e]!,
  );
}

export function parseXml(xml: string): XmlElement {
  let i = 0;
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < body.length) {
    if (body.startsWith('</', i)) {
      const end = body.indexOf('>', i);
      const name = body.slice(i + 2, end).trim();
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name}>`);
      i = end + 1;
    } else if (body[i] === '<') {
      const end = body.indexOf('>', i);
      if (end < 0) throw new Error('unterminated tag');
      let inner = body.slice(i + 1, end);
      const selfClosing = inner.endsWith('/');
      if (selfClosing) inner = inner.slice(0, -1);
      const name = /^[A-Za-z_][\w.-]*/.exec(inner)?.[0];
      if (!name) throw new Error(`bad tag <${inner.slice(0, 40)}>`);
      const attrs: Record<string, string> = {};
      let rest = inner.slice(name.length);
      const attr = /^\s+([A-Za-z_][\w.:-]*)="([^"]*)"/;
      for (let m = attr.exec(rest); m; m = attr.exec(rest)) {
        if (m[1]! in attrs) throw new Error(`duplicate attribute ${m[1]} on <${name}>`);
        attrs[m[1]!] = decode(m[2]!, `attribute ${m[1]}`);
        rest = rest.slice(m[0].length);
      }
      if (rest.trim() !== '') throw new Error(`bad attributes on <${name}>: ${rest.slice(0, 40)}`);
      const el: XmlElement = { name, attrs, children: [], text: '' };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(el);
      else if (root) throw new Error('more than one root element');
      else root = el;
      if (!selfClosing) stack.push(el);
      i = end + 1;
    } else {
      const next = body.indexOf('<', i);
      const raw = body.slice(i, next < 0 ? body.length : next);
      const top = stack[stack.length - 1];
      if (top) top.text += decode(raw, `<${top.name}> text`);
      else if (raw.trim() !== '') throw new Error('text outside the root element');
      i = next < 0 ? body.length : next;
    }
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1]!.name}> is never closed`);
  if (!root) throw new Error('no root element');
  return root;
}
