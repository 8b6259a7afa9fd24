"""The numbers list workbook of benches/xlsx_export.rs, written by Python's XlsxWriter.

Same sheet as Kabinet's (kabinet-documents), in the same constant-memory mode: the title block (bold 14 pt first line, company,
BIN, generated at), an empty row, the bold wrapped header with a thin bottom border, frozen
below the title, an autofilter over the data, text cells, money as tenge with the same "₸"
number format, and the same column widths. Only the writing is timed (the input is read
first), and the figure is printed as `python_xlsxwriter_ms=<ms>`.

Usage: python3 xlsx_export.py INPUT.tsv OUTPUT.xlsx
"""
import sys
import time

import xlsxwriter

MONEY = '#,##0.00 "₸"'
HEADERS = [
    "Номер", "Лицевой счёт", "Тарифный план", "Способ оплаты", "Состояние",
    "Доступные средства (индивидуальный лимит), ₸", "Остаток кредитного лимита / авансовый баланс, ₸",
]


def main(source, target):
    with open(source, encoding="utf-8") as f:
        title = f.readline().rstrip("\n").split("\t")
        widths = [float(w) for w in f.readline().split("\t")]
        rows = [line.rstrip("\n").split("\t") for line in f]
    started = time.perf_counter()
    book = xlsxwriter.Workbook(target, {"constant_memory": True})
    sheet = book.add_worksheet("Номера")
    bold14 = book.add_format({"bold": True, "font_size": 14})
    header = book.add_format({"bold": True, "text_wrap": True, "bottom": 1})
    money = book.add_format({"num_format": MONEY})
    for i, line in enumerate(title):
        sheet.write_string(i, 0, line, bold14 if i == 0 else None)
    header_row = len(title) + 1
    for col, text in enumerate(HEADERS):
        sheet.write_string(header_row, col, text, header)
    r = header_row + 1
    for msisdn, account, tariff, method, state, funds, balance in rows:
        sheet.write_string(r, 0, msisdn)
        sheet.write_string(r, 1, account)
        sheet.write_string(r, 2, tariff)
        sheet.write_string(r, 3, method)
        sheet.write_string(r, 4, state)
        if funds:
            sheet.write_number(r, 5, int(funds) / 100, money)
        sheet.write_number(r, 6, int(balance) / 100, money)
        r += 1
    sheet.freeze_panes(header_row + 1, 0)
    sheet.autofilter(header_row, 0, r - 1, len(HEADERS) - 1)
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    book.close()
    print(f"python_xlsxwriter_ms={(time.perf_counter() - started) * 1000:.1f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
