// Vietnamese name order: by tên (the last word), then họ đệm, with Intl.Collator('vi') (house rules).

export interface VietnameseName {
  /** Family name (first word), e.g. "Nguyễn". */
  ho: string;
  /** Middle names, e.g. "Văn" ("" when none). */
  dem: string;
  /** Given name (last word), e.g. "An". */
  ten: string;
  /** Họ + đệm, e.g. "Nguyễn Văn". */
  hoDem: string;
}

/** "Nguyễn Văn  An" → { ho: "Nguyễn", dem: "Văn", ten: "An", hoDem: "Nguyễn Văn" } (NFC, spaces collapsed). */
export function splitVietnameseName(full: string): VietnameseName {
  const words = full.normalize('NFC').trim().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return { ho: '', dem: '', ten: '', hoDem: '' };
  const ten = words[words.length - 1]!;
  if (words.length === 1) return { ho: '', dem: '', ten, hoDem: '' };
  const ho = words[0]!;
  const dem = words.slice(1, -1).join(' ');
  return { ho, dem, ten, hoDem: words.slice(0, -1).join(' ') };
}

let collator: Intl.Collator | undefined;
/** The shared vi collator (created on first use; stateless, so caching it is not mutable global state). */
function vi(): Intl.Collator {
  return (collator ??= new Intl.Collator('vi', { sensitivity: 'variant', numeric: true }));
}

/** Compares two full names: tên, then họ đệm, then the full string; for Array.prototype.sort. */
export function compareVietnameseNames(a: string, b: string): number {
  const x = splitVietnameseName(a);
  const y = splitVietnameseName(b);
  return vi().compare(x.ten, y.ten) || vi().compare(x.hoDem, y.hoDem) || vi().compare(a, b);
}
