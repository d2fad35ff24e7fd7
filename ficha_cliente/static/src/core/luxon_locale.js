/**
 * Luxon 3.4 (Odoo 18's copy) asks ``Intl`` whether the locale is English each time it formats a
 * date in any other language: ``Locale.isEnglish`` builds an ``Intl.DateTimeFormat`` on every
 * call. In pt_BR the sheet's first page formats 60 dates (20 installments), and the CPU profile
 * of its opening showed these calls among the costliest of the web client.
 *
 * The answer only depends on the locale's language tag and its ``Intl`` configuration string,
 * so it is asked once per pair (Luxon builds a new ``Locale`` for each date it parses).
 */
const { DateTime } = luxon;

const LocalePrototype = Object.getPrototypeOf(DateTime.local().loc);
const isEnglish = LocalePrototype.isEnglish;
if (isEnglish) {
    const answers = new Map();
    LocalePrototype.isEnglish = function () {
        const key = `${this.locale}\u0000${this.intl}`;
        if (!answers.has(key)) {
            answers.set(key, isEnglish.call(this));
        }
        return answers.get(key);
    };
}
