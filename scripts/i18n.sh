#!/usr/bin/env bash
# Regenerates ficha_cliente/i18n/ficha_cliente.pot from the installed addon and merges it into
# pt_BR.po (kept translations stay, new terms arrive empty, vanished ones go).
#   scripts/i18n.sh            (uses the test database, updated first)
source "$(dirname "$0")/lib.sh"

DB="${FICHA_TEST_DB:-ficha_test}"
check_prerequisites
ensure_venv
ensure_postgres
CONF="$(odoo_conf "$DB")"
if db_exists "$DB"; then
    odoo_bin -c "$CONF" -d "$DB" -u ficha_cliente --stop-after-init --log-level=warn
else
    odoo_bin -c "$CONF" -d "$DB" -i ficha_cliente --stop-after-init --log-level=warn
fi
POT="$PROJECT_DIR/ficha_cliente/i18n/ficha_cliente.pot"
odoo_bin -c "$CONF" -d "$DB" --i18n-export="$POT" --modules=ficha_cliente --stop-after-init --log-level=warn
"$VENV/bin/python" - "$POT" "$PROJECT_DIR/ficha_cliente/i18n/pt_BR.po" <<'PY'
import sys
from pathlib import Path

import polib

pot_path, po_path = sys.argv[1], sys.argv[2]
pot = polib.pofile(pot_path)
po = polib.pofile(po_path) if Path(po_path).exists() else polib.POFile()
po.merge(pot)
po[:] = [entry for entry in po if not entry.obsolete]
po.metadata.update({"Language": "pt_BR", "Content-Type": "text/plain; charset=UTF-8",
                    "Content-Transfer-Encoding": "", "Plural-Forms": "nplurals=2; plural=(n > 1);"})
po.save(po_path)
missing = [entry.msgid for entry in po if not entry.msgstr]
print(f"{len(pot)} terms; {len(missing)} untranslated in pt_BR.po")
PY
