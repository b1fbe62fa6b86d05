import JSZip from 'jszip';

/** Every part of a .docx (a zip), by its path, as text. */
export async function docxParts(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = new Map<string, string>();
  for (const name of Object.keys(zip.files)) {
    const file = zip.file(name);
    if (file) parts.set(name, await file.async('string'));
  }
  return parts;
}

/** A part that must be there. */
export function part(parts: Map<string, string>, name: string): string {
  const text = parts.get(name);
  if (text === undefined) throw new Error(`${name} is missing from the .docx (it has ${[...parts.keys()].join(', ')})`);
  return text;
}

/** The text of each paragraph of a WordprocessingML part, in document order. */
export function paragraphTexts(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => unescapeXml(t[1])).join(''));
}

/** The runs of a part: their text and their language. */
export function runs(xml: string): { text: string; lang?: string }[] {
  return [...xml.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((r) => ({
    text: [...r[1].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => unescapeXml(t[1])).join(''),
    lang: /<w:lang w:val="([^"]+)"/.exec(r[1])?.[1],
  }));
}

export function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] ?? '');
}
