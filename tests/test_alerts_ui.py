"""The sheet renders the alert banner and the indicators (a bar per year above the figures)."""

from datetime import date

from freezegun import freeze_time

from odoo.tests import HttpCase

from .common_alerts import FichaAlertsCommon


class TestAlertsUi(HttpCase, FichaAlertsCommon):
    def test_sheet_shows_banner_and_indicator_bars(self):
        with freeze_time("2026-06-30 12:00:00"):
            self._invoice(self.customer, date(2025, 3, 10), 1000.0, due=date(2025, 4, 9))
            self._order(self.customer, date(2025, 5, 1), 1200.0)
        code = """
            (async () => {
                const until = async (selector) => {
                    for (let i = 0; i < 150; i++) {
                        const el = document.querySelector(selector);
                        if (el) { return el; }
                        await new Promise((resolve) => setTimeout(resolve, 100));
                    }
                    throw new Error("not found: " + selector);
                };
                const banner = await until(".o_ficha_alert_banner:has(.alert-danger)");
                if (!banner.textContent.includes("Overdue")) {
                    throw new Error("banner: " + banner.textContent);
                }
                (await until(".o_notebook a[name='indicators']")).click();
                // invoiced, one bar per year of the last five: 1,000.00 in 2025 only, the full height
                const bars = [...(await until(".o_ficha_indicators tr[data-metric='invoiced']"))
                    .querySelectorAll(".o_ficha_indicator_bar")];
                const heights = bars.map((bar) => `${bar.title.slice(0, 4)} ${bar.style.height}`);
                const expected = bars.map((bar) => {
                    const year = bar.title.slice(0, 4);
                    return `${year} ${year === "2025" ? "100%" : "0%"}`;
                });
                if (bars.length !== 5 || heights.join() !== expected.join()) {
                    throw new Error("bars: " + heights.join());
                }
                const year2025 = bars.find((bar) => bar.title.startsWith("2025"));
                if (!year2025.title.includes("1,000.00")) {
                    throw new Error("bar title: " + year2025.title);
                }
                if (!bars[4].classList.contains("o_ficha_indicator_bar_current")
                    || bars[4].title.slice(0, 4) !== String(new Date().getFullYear())) {
                    throw new Error("the current year's bar is not the last one");
                }
                const card = await until(".o_ficha_indicator[data-metric-key='invoiced'] table");
                const table = card.textContent;
                if (!table.includes("2025") || !table.includes("1,000.00")) {
                    throw new Error("table: " + table);
                }
                (await until(".o_ficha_indicators .btn-group button:last-child")).click();
                await new Promise((resolve) => setTimeout(resolve, 300));
                console.log("test successful");
            })();
        """
        self.browser_js(
            f"/odoo/action-ficha_cliente.res_partner_action_ficha/{self.customer.id}",
            code,
            login="admin",
            timeout=90,
        )
