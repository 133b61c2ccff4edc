/** Kept apart from xlsx.ts so recognising a workbook does not load the reader. */
export function isWorkbook(file: File): boolean {
  return /\.xlsx$/i.test(file.name);
}
