// Russian texts of importing charges breakdown files into Spend (`spend_import.*`,
// `reason.not_a_breakdown`), spread into `ru.js`.

export const spendImport = {
  "spend_import.button": "Импорт расшифровок…",
  "spend_import.imported": "{file}: {month}, лицевой счёт {account}, номеров: {numbers}, {total}.",
  "spend_import.not_in_company": "Из них не в списке компании (на последнюю синхронизацию): {n}; они сохранены, так как акт их начислил.",
  "spend_import.summary": "Импортировано файлов: {done} из {total}.",
  "spend_import.refused": "{file} — не расшифровка начислений: {what}",
  "spend_import.failed": "{file}: {error}",
  "spend_import.missing.workbook": "файл не читается как книга XLSX (повреждён, обрезан или другого формата).",
  "spend_import.missing.columns": "ни на одном листе нет столбцов расшифровки (Абонентский номер, Тариф, услуги, Итого). Импортируйте Excel-файл акта с Приложением 1.",
  "spend_import.missing.month": "в заголовке нет даты акта, поэтому месяц неизвестен.",
  "spend_import.missing.account": "в заголовке нет лицевого счёта.",
  "spend_import.missing.rows": "строка {line} не читается (номер, сумма или итог строки не сходится).",
  "spend_import.missing.total": "строки «Итого» нет, или она не сходится со строками номеров.",
  "spend_import.missing.company": "лицевой счёт {account} не оплачивает ни одного номера этой компании. Сначала синхронизируйте номера или выберите компанию, к которой относится файл.",
  "reason.not_a_breakdown": "{file} — не расшифровка начислений (Excel-файл акта с Приложением 1).",
};
