import type { Formatters } from '../../platform/i18n/format.js';
import type { Translate } from '../../platform/i18n/translator.js';
import type { DocumentSummary } from './documents.service.js';
import type { MediaType } from './documents.tables.js';

const TYPE_LABELS: Record<MediaType, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

/** A size in the reader's numbers: "830 KB", "1.4 MB". */
export function sizeText(bytes: number, t: Translate, fmt: Formatters): string {
  if (bytes < 1024 * 1024) {
    return t('documents.size.kilobytes', {
      size: fmt.number(Math.max(1, Math.round(bytes / 1024))),
    });
  }
  return t('documents.size.megabytes', {
    size: fmt.number(Math.round((bytes / (1024 * 1024)) * 10) / 10),
  });
}

/** A document in the person's list: labels translated, the size and date in their language. */
export function presentDocumentRow(
  document: DocumentSummary,
  options: { t: Translate; fmt: Formatters },
) {
  return {
    id: document.id,
    kind: options.t(`documents.kinds.${document.kind}`),
    title: document.title,
    fileName: document.fileName,
    type: TYPE_LABELS[document.mediaType],
    size: sizeText(document.sizeBytes, options.t, options.fmt),
    uploadedAt: document.uploadedAt,
  };
}
