"""Who the sheet's data is for: the groups, named once (fields' ``groups=``, the alerts'
audiences in ``alert_catalogue``, the collectors of ``ficha.alert.facts``)."""

# Opens the sheet (implied by Sales / Own Documents Only, Invoicing, Accounting read-only).
SHEET = "ficha_cliente.ficha_cliente_group_user"
# Receivables: installments, open and overdue amounts, credit (implied by Invoicing and
# Accounting read-only).
FINANCIAL = "ficha_cliente.ficha_cliente_group_financial"
# Sales documents and what is derived from them.
SALES = "sales_team.group_sale_salesman"
# The sales report models' readers (sale's users and accounting readers: ir.model.access.csv).
SALES_REPORT_READERS = (
    "sales_team.group_sale_salesman,account.group_account_invoice,account.group_account_readonly"
)
# Repair orders (as repair's own access rights).
REPAIRS = "stock.group_stock_user"
