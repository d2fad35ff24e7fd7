"""The customer's financial situation as an .xlsx workbook, built from plain rows (no ORM here)."""

import io
import re
import unicodedata

import xlsxwriter
from xlsxwriter.utility import xl_range

# Columns of the installments sheet: (key of the row dict, header, kind).
INSTALLMENT_COLUMNS = [
    ("document", "Document", "text"),
    ("installment", "Installment", "text"),
    ("issue_date", "Issue Date", "date"),
    ("due_date", "Due Date", "date"),
    ("amount_original", "Original Amount", "money"),
    ("amount_residual", "Open Amount", "money"),
    ("settlement_date", "Settlement Date", "date"),
    ("days_late", "Days Late", "int"),
    ("status", "Status", "text"),
    ("amount_updated", "Updated Amount", "money"),
]
TOTAL_COLUMNS = ("amount_original", "amount_residual", "amount_updated")


def safe_filename(customer_name, export_date, prefix="financial_situation"):
    """An ASCII file name that every OS and browser accepts: prefix_customer_YYYY-MM-DD.xlsx."""
    ascii_name = unicodedata.normalize("NFKD", customer_name or "").encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "_", ascii_name).strip("_")[:60] or "customer"
    return f"{prefix}_{slug}_{export_date.isoformat()}.xlsx"


def build_financial_workbook(summary, rows, labels=None, currency_symbol="", aging=()):
    """Return the bytes of the workbook.

    :param summary: list of (label, value) or (label, value, kind) entries for the summary sheet;
        values may be str, numbers or dates (written with a real type and format); kind is one of
        "text", "date" (dd/mm/yyyy), "money" (currency symbol and #,##0.00) or "int", guessed from
        the value when absent;
    :param rows: iterable of dicts with the keys of INSTALLMENT_COLUMNS (dates as ``date``,
        amounts as numbers), consumed once, so a generator keeps memory bounded;
    :param labels: translated sheet names and headers, by English source string;
    :param currency_symbol: shown in the money format;
    :param aging: ``(bucket label, open amount, installment count)`` rows, written as a table with
        a total below the summary (headers "Aging", "Open Amount", "Installments").
    Text always goes through ``write_string``: a name like ``=HYPERLINK(...)`` stays text.
    """
    labels = labels or {}

    def tr(text):
        return labels.get(text, text)

    output = io.BytesIO()
    # constant_memory writes each row to a temporary file as soon as the next one starts
    # (in_memory would override it), so 100k installments never sit in memory.
    workbook = xlsxwriter.Workbook(output, {"constant_memory": True, "strings_to_formulas": False})
    bold = workbook.add_format({"bold": True})
    header = workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True})
    date_fmt = workbook.add_format({"num_format": "dd/mm/yyyy"})
    money_fmt = workbook.add_format(
        {"num_format": f'"{currency_symbol}" #,##0.00' if currency_symbol else "#,##0.00"}
    )
    int_fmt = workbook.add_format({"num_format": "0"})
    total_money_fmt = workbook.add_format({"bold": True, "top": 1, "num_format": money_fmt.num_format})
    total_label_fmt = workbook.add_format({"bold": True, "top": 1})
    total_int_fmt = workbook.add_format({"bold": True, "top": 1, "num_format": "0"})

    def write_value(sheet, row, col, value, kind=None, fmt=None):
        if value is None or value is False or value == "":
            sheet.write_blank(row, col, None, fmt)
        elif kind == "date" or (kind is None and hasattr(value, "isoformat")):
            sheet.write_datetime(row, col, value, fmt or date_fmt)
        elif kind in ("money", "int") or (kind is None and isinstance(value, (int, float))):
            default = {"money": money_fmt, "int": int_fmt}.get(kind)
            sheet.write_number(row, col, value, fmt or default)
        else:
            sheet.write_string(row, col, str(value), fmt)

    summary_sheet = workbook.add_worksheet(tr("Summary")[:31])
    summary_sheet.set_column(0, 0, 34)
    summary_sheet.set_column(1, 1, 40)
    for row_index, (label, value, *kind) in enumerate(summary):
        summary_sheet.write_string(row_index, 0, str(label), bold)
        kind = kind[0] if kind else "date" if hasattr(value, "isoformat") else None
        write_value(summary_sheet, row_index, 1, value, kind)
    if aging:
        # A blank row, then the aging table: bucket, open amount, installments, and their total.
        first_row = len(summary) + 1
        summary_sheet.set_column(2, 2, 14)
        for col, title in enumerate(("Aging", "Open Amount", "Installments")):
            summary_sheet.write_string(first_row, col, tr(title), header)
        for row_index, (label, amount, count) in enumerate(aging, start=first_row + 1):
            summary_sheet.write_string(row_index, 0, str(label), bold)
            write_value(summary_sheet, row_index, 1, amount, "money")
            write_value(summary_sheet, row_index, 2, count, "int")
        total_row = first_row + len(aging) + 1
        summary_sheet.write_string(total_row, 0, tr("Total"), total_label_fmt)
        summary_sheet.write_number(
            total_row, 1, round(sum(amount for _label, amount, _count in aging), 2), total_money_fmt
        )
        summary_sheet.write_number(
            total_row,
            2,
            sum(count for _label, _amount, count in aging),
            total_int_fmt,
        )

    sheet = workbook.add_worksheet(tr("Installments")[:31])
    for col, (_key, title, kind) in enumerate(INSTALLMENT_COLUMNS):
        sheet.set_column(col, col, 14 if kind != "text" else 20)
        sheet.write_string(0, col, tr(title), header)
    sheet.freeze_panes(1, 0)
    totals = dict.fromkeys(TOTAL_COLUMNS, 0.0)
    row_index = 0
    for row_index, row in enumerate(rows, start=1):
        for col, (key, _title, kind) in enumerate(INSTALLMENT_COLUMNS):
            write_value(sheet, row_index, col, row.get(key), kind)
        for key in TOTAL_COLUMNS:
            totals[key] += row.get(key) or 0.0
    last_data_row = row_index
    sheet.autofilter(0, 0, max(last_data_row, 1), len(INSTALLMENT_COLUMNS) - 1)
    total_row = last_data_row + 1
    sheet.write_string(total_row, 0, tr("Total"), total_label_fmt)
    for col, (key, _title, _kind) in enumerate(INSTALLMENT_COLUMNS):
        if key in totals:
            total = round(totals[key], 2)
            if last_data_row:
                # A real formula (it follows the user's filters) with its value cached.
                cell_range = xl_range(1, col, last_data_row, col)
                sheet.write_formula(total_row, col, f"=SUBTOTAL(9,{cell_range})", total_money_fmt, total)
            else:
                sheet.write_number(total_row, col, total, total_money_fmt)
    workbook.close()
    return output.getvalue()
