import '../../i18n/staff';
import i18n from '../../i18n';

/**
 * Reads a chosen file as UTF-8 text. A file in another encoding (Excel's older "CSV" saves Windows-1252) is
 * refused here with advice, rather than sent with its accented letters garbled.
 */
export async function readCsvFile(file: File): Promise<{ text: string } | { error: string }> {
  const bytes = await file.arrayBuffer();
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { error: i18n.t('manage.import.errors.encoding') };
  }
}
