// Google's partial-response `fields` masks ("files(id,name),nextPageToken", "sheets.properties.title", "*").
type Mask = Map<string, Mask | true>;

export function parseFields(spec: string): Mask | undefined {
  const s = spec.replace(/\s+/g, '');
  if (!s || s === '*') return undefined;
  let i = 0;
  function list(): Mask {
    const m: Mask = new Map();
    while (i < s.length && s[i] !== ')') {
      let name = '';
      while (i < s.length && !',()'.includes(s[i]!)) name += s[i++];
      let sub: Mask | true = true;
      if (s[i] === '(') {
        i += 1;
        sub = list();
        i += 1; // ')'
      }
      // dotted path a.b.c → a(b(c))
      const parts = name.split('/').join('.').split('.');
      let node: Mask = m;
      parts.forEach((p, k) => {
        if (k === parts.length - 1) {
          const prev = node.get(p);
          if (prev instanceof Map && sub instanceof Map) for (const [kk, vv] of sub) prev.set(kk, vv);
          else node.set(p, prev === true ? true : sub);
        } else {
          let next = node.get(p);
          if (next === true) return;
          if (!next) {
            next = new Map();
            node.set(p, next);
          }
          node = next;
        }
      });
      if (s[i] === ',') i += 1;
    }
    return m;
  }
  return list();
}

export function applyMask(value: unknown, mask: Mask | true | undefined): unknown {
  if (mask === undefined || mask === true) return value;
  if (Array.isArray(value)) return value.map((v) => applyMask(v, mask));
  if (!value || typeof value !== 'object') return value;
  if (mask.has('*')) return value;
  const out: Record<string, unknown> = {};
  for (const [k, sub] of mask) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = applyMask(v, sub);
  }
  return out;
}

/** Drive v3 answers only these fields unless `fields` asks for more. */
export const DRIVE_DEFAULT_FILE_FIELDS = 'kind,id,name,mimeType';
export const DRIVE_DEFAULT_LIST_FIELDS = 'kind,incompleteSearch,nextPageToken,files(kind,id,name,mimeType)';

/** "a(b,c),d.e" → ["a.b", "a.c", "d.e"] (field masks of update requests). */
export function flattenFields(spec: string): string[] {
  const mask = parseFields(spec);
  if (!mask) return ['*'];
  const out: string[] = [];
  const walk = (m: Mask, prefix: string): void => {
    for (const [k, sub] of m) {
      const path = prefix ? `${prefix}.${k}` : k;
      if (sub === true) out.push(path);
      else walk(sub, path);
    }
  };
  walk(mask, '');
  return out;
}
