// Kazakh texts of importing charges breakdown files into Spend (`spend_import.*`,
// `reason.not_a_breakdown`), spread into `kk.js`.

export const spendImport = {
  "spend_import.button": "Толық жазба файлдарын импорттау…",
  "spend_import.imported": "{file}: {month}, дербес шот {account}, {numbers} нөмір, {total}.",
  "spend_import.not_in_company": "Олардың {n} нөмірі соңғы синхрондаудағы компания тізімінде жоқ; акт оларға есептеген, сондықтан олар сақталады.",
  "spend_import.summary": "{total} файлдың {done} файлы импортталды.",
  "spend_import.refused": "{file} есептеулердің толық жазбасы емес: {what}",
  "spend_import.failed": "{file}: {error}",
  "spend_import.missing.workbook": "оны XLSX кітабы ретінде оқу мүмкін емес (бүлінген немесе қиылған файл, не басқа пішім).",
  "spend_import.missing.columns": "бірде-бір парақта толық жазбаның бағандары жоқ (Абонентский номер, Тариф, қызметтер, Итого). Актінің 1-қосымшасы бар Excel файлын импорттаңыз.",
  "spend_import.missing.month": "оның тақырыбында актінің күні жоқ, сондықтан айы белгісіз.",
  "spend_import.missing.account": "оның тақырыбында дербес шот көрсетілмеген.",
  "spend_import.missing.rows": "{line}-жолды оқу мүмкін емес (нөмір, сома немесе қосындысы сәйкес келмейтін жиын).",
  "spend_import.missing.total": "оның Итого жолы жоқ немесе нөмірлер жолдарының қосындысына тең емес.",
  "spend_import.missing.company": "оның {account} дербес шоты бұл компанияның бірде-бір нөміріне есептемейді. Алдымен нөмірлерді синхрондаңыз немесе файл арналған компанияны таңдаңыз.",
  "reason.not_a_breakdown": "{file} есептеулердің толық жазбасы емес (1-қосымшасы бар актінің Excel файлы).",
};
