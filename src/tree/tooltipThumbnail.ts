import { safeHttpUrl } from '../preview/shared/urlSafety';

/**
 * The tooltip's thumbnail as Markdown, or '' when the task has no image the preview would load
 * either (one URL check for both: http(s) only, no credentials in the URL).
 */
export function thumbnailMarkdown(url: string | null): string {
  const image = safeHttpUrl(url);
  if (!image) {
    return '';
  }
  // The URL parser leaves these as they are, and each would change the Markdown: parentheses and
  // spaces end the link, a backslash escapes what follows, angle brackets and square brackets
  // are link syntax, and `|` starts VS Code's `|width=…|height=…` size suffix.
  const href = image.replace(/[()\s\\<>[\]|]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `\n\n![thumbnail](${href}|width=240)\n`;
}

/** A fetched thumbnail (hoverThumbnails.ts): nothing but an image type and base64 in it. */
const DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+=*$/;

/**
 * The thumbnail of a hover on a task whose image is `own`: `fetched` when it is a plain image
 * data: URI (an http: image the workbench would not load), none when `fetched` is null (nothing
 * loadable), otherwise `own` itself.
 */
export function hoverThumbnailMarkdown(own: string | null, fetched?: string | null): string {
  if (fetched === null) return '';
  if (fetched !== undefined && DATA_IMAGE.test(fetched)) return `\n\n![thumbnail](${fetched}|width=240)\n`;
  return thumbnailMarkdown(own);
}
