import * as path from 'node:path';
import type { BytesRead, ReadLimits } from '../files/read';
import { imageSize } from 'image-size';
import JSZip from 'jszip';

/** The most a template may weigh, and the most any one part of it may hold once unpacked. */
export const MAX_TEMPLATE_BYTES = 10 * 1024 * 1024;

/** Where a workspace keeps its ministry's Word template, inside its `.policy-memo/` folder. */
export const TEMPLATE_FILE = 'template.docx';

/** What the Word export takes from a ministry's template: its styles and the pictures of its first-page header (a logo). */
export interface DocxTemplate {
  /** `word/styles.xml`, as written. */
  styles: string;
  /** The style ids it defines: the built-in ones it lacks are still added. */
  styleIds: ReadonlySet<string>;
  /** The pictures of the first page's header (the logo), in order, with their size in pixels at 96 dpi. */
  logo: { data: Uint8Array; type: 'png' | 'jpg' | 'gif'; width: number; height: number; description: string }[];
}

/** Why a template is not used: the export then uses the built-in styles, and says so. */
export type TemplateRefusal = 'template.unreadable' | 'template.tooLarge' | 'template.notDocx' | 'template.macros';

const IMAGE_TYPES: Record<string, 'png' | 'jpg' | 'gif'> = { '.png': 'png', '.jpg': 'jpg', '.jpeg': 'jpg', '.gif': 'gif' };
const EMU_PER_PIXEL = 9525;

/**
 * Reads `.policy-memo/template.docx` from a config folder with the host's reader (files/read.ts
 * `readBytesSync` on the desktop and in the CLI; the client's reader on the web): undefined when there is none.
 */
export async function loadTemplate(
  configFolder: string,
  readBytes: (file: string, limits: ReadLimits) => BytesRead | Promise<BytesRead>,
): Promise<DocxTemplate | TemplateRefusal | undefined> {
  const file = path.join(configFolder, TEMPLATE_FILE);
  // A regular file inside the config folder only: a FIFO, a device or a link to outside is not waited on or read.
  const read = await readBytes(file, { maxBytes: MAX_TEMPLATE_BYTES, root: configFolder });
  if ('bytes' in read) return readTemplate(read.bytes);
  if (read.refused === 'notFound') return undefined;
  return read.refused === 'tooLarge' ? 'template.tooLarge' : 'template.unreadable';
}

/** A part's text, refused past the size limit before it is unpacked (a zip bomb stays packed). */
async function partText(zip: JSZip, name: string): Promise<string | undefined> {
  const entry = zip.file(name);
  if (!entry) return undefined;
  const size = (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize;
  if (typeof size !== 'number' || size > MAX_TEMPLATE_BYTES) return undefined;
  return entry.async('string');
}

/**
 * A template's styles and first-page header pictures, from the bytes of a .docx. Anything that is
 * not a Word document, is over 10 MB, or carries macros (a .docm renamed, a VBA project) is refused.
 */
export async function readTemplate(bytes: Uint8Array): Promise<DocxTemplate | TemplateRefusal> {
  if (bytes.length > MAX_TEMPLATE_BYTES) return 'template.tooLarge';
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return 'template.notDocx';
  }
  const names = Object.keys(zip.files);
  const types = await partText(zip, '[Content_Types].xml');
  if (names.some((name) => /vbaProject|vbaData|\.bin$/i.test(name)) || (types !== undefined && /macroEnabled|vbaProject/i.test(types))) return 'template.macros';
  const styles = await partText(zip, 'word/styles.xml');
  if (types === undefined || styles === undefined || !/<w:styles[\s>]/.test(styles)) return 'template.notDocx';
  const styleIds = new Set([...styles.matchAll(/w:styleId="([^"]+)"/g)].map((m) => m[1]));
  return { styles, styleIds, logo: await firstPageLogo(zip) };
}

/** A relationship file's targets by id. */
function relationships(xml: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const rel of (xml ?? '').matchAll(/<Relationship\s[^>]*>/g)) {
    const id = /\sId="([^"]+)"/.exec(rel[0])?.[1];
    const target = /\sTarget="([^"]+)"/.exec(rel[0])?.[1];
    if (id && target && !/TargetMode="External"/.test(rel[0])) out.set(id, target);
  }
  return out;
}

/** The pictures of the header the template's first section shows on its first page (else its default header). */
async function firstPageLogo(zip: JSZip): Promise<DocxTemplate['logo']> {
  const document = await partText(zip, 'word/document.xml');
  const sectPr = /<w:sectPr[\s\S]*?<\/w:sectPr>/.exec(document ?? '')?.[0] ?? '';
  const reference = (type: string) => new RegExp(`<w:headerReference[^>]*w:type="${type}"[^>]*>`).exec(sectPr)?.[0];
  const header = reference('first') ?? reference('default');
  const id = header && /r:id="([^"]+)"/.exec(header)?.[1];
  const target = id && relationships(await partText(zip, 'word/_rels/document.xml.rels')).get(id);
  if (!target) return [];
  const headerPath = path.posix.normalize(path.posix.join('word', target));
  const xml = await partText(zip, headerPath);
  if (!xml) return [];
  const rels = relationships(await partText(zip, path.posix.join(path.posix.dirname(headerPath), '_rels', `${path.posix.basename(headerPath)}.rels`)));
  const logo: DocxTemplate['logo'] = [];
  for (const drawing of xml.matchAll(/<w:drawing>[\s\S]*?<\/w:drawing>/g)) {
    const embed = /r:embed="([^"]+)"/.exec(drawing[0])?.[1];
    const imageTarget = embed && rels.get(embed);
    if (!imageTarget) continue;
    const type = IMAGE_TYPES[path.posix.extname(imageTarget).toLowerCase()];
    const imagePath = path.posix.normalize(path.posix.join(path.posix.dirname(headerPath), imageTarget));
    const entry = zip.file(imagePath);
    const size = (entry as unknown as { _data?: { uncompressedSize?: number } } | null)?._data?.uncompressedSize;
    if (!type || !entry || imagePath.startsWith('..') || typeof size !== 'number' || size > MAX_TEMPLATE_BYTES) continue;
    const data = await entry.async('uint8array');
    const extent = /<wp:extent cx="(\d+)" cy="(\d+)"/.exec(drawing[0]);
    let width = extent ? Math.round(Number(extent[1]) / EMU_PER_PIXEL) : 0;
    let height = extent ? Math.round(Number(extent[2]) / EMU_PER_PIXEL) : 0;
    if (!(width > 0 && height > 0)) {
      try {
        const size = imageSize(data);
        [width, height] = [size.width ?? 0, size.height ?? 0];
      } catch {
        continue;
      }
    }
    const description = unescapeXml(/<wp:docPr [^>]*descr="([^"]*)"/.exec(drawing[0])?.[1] ?? '');
    if (width > 0 && height > 0) logo.push({ data, type, width: Math.min(width, 624), height: Math.round(height * (Math.min(width, 624) / width)), description });
  }
  return logo;
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] ?? '');
}
