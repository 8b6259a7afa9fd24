// English texts of importing charges breakdown files into Spend (`spend_import.*`,
// `reason.not_a_breakdown`), spread into `en.js`.

export const spendImport = {
  "spend_import.button": "Import breakdown files…",
  "spend_import.imported": "{file}: {month}, account {account}, {numbers} numbers, {total}.",
  "spend_import.not_in_company": "{n} of them are not in the company's list as last synced; they are kept, as the certificate billed them.",
  "spend_import.summary": "{done} of {total} files imported.",
  "spend_import.refused": "{file} is not a charges breakdown: {what}",
  "spend_import.failed": "{file}: {error}",
  "spend_import.missing.workbook": "it cannot be read as an XLSX workbook (a damaged or cut file, or another format).",
  "spend_import.missing.columns": "no sheet has the breakdown's columns (Абонентский номер, Тариф, the services, Итого). Import the certificate's Excel file with its Appendix 1.",
  "spend_import.missing.month": "its title does not give the certificate's date, so its month is unknown.",
  "spend_import.missing.account": "its title does not give the personal account.",
  "spend_import.missing.rows": "row {line} cannot be read (a number, an amount, or a total that does not add up).",
  "spend_import.missing.total": "its Итого row is missing or does not add up to the numbers' lines.",
  "spend_import.missing.company": "its account {account} bills no number of this company. Sync the numbers first, or choose the company the file is for.",
  "reason.not_a_breakdown": "{file} is not a charges breakdown (the certificate's Excel file with Appendix 1).",
};
