import type { Kysely } from 'kysely';
import { getCountries } from 'libphonenumber-js/max';
import type { Language } from '../../platform/i18n/languages.js';
import { accountsView, type AccountsDatabase } from './accounts.tables.js';
import { callingCode, DEFAULT_PHONE_COUNTRY } from './phone.js';

export interface PhoneCountry {
  code: string;
  /** "Kenya (+254)", in the reader's language where the reference data has it (ADR 12). */
  text: string;
  lang: string;
}

/** The countries a phone number may belong to, named in the reader's language, cached. */
export class PhoneCountries {
  private readonly cache = new Map<Language, Promise<PhoneCountry[]>>();

  constructor(private readonly db: Kysely<AccountsDatabase>) {}

  list(language: Language): Promise<PhoneCountry[]> {
    let entry = this.cache.get(language);
    if (!entry) {
      entry = this.load(language);
      entry.catch(() => this.cache.delete(language));
      this.cache.set(language, entry);
    }
    return entry;
  }

  private async load(language: Language): Promise<PhoneCountry[]> {
    const rows = await accountsView(this.db)
      .selectFrom('country_name')
      .select(['country_code', 'language', 'name'])
      .where('language', 'in', [language, 'en'])
      .execute();
    const names = new Map<string, { text: string; lang: string }>();
    for (const row of rows) {
      if (row.language === language || !names.has(row.country_code))
        names.set(row.country_code, { text: row.name, lang: row.language });
    }
    const collator = new Intl.Collator(language);
    return getCountries()
      .map((code) => {
        const name = names.get(code) ?? { text: code, lang: 'en' };
        return { code, text: `${name.text} (+${callingCode(code)})`, lang: name.lang };
      })
      .sort((a, b) => collator.compare(a.text, b.text));
  }

  /** GOV.UK select items, the chosen country (or the language's default) selected. */
  async items(language: Language, chosen: unknown, chooseText: string) {
    const selected =
      typeof chosen === 'string' && chosen ? chosen : (DEFAULT_PHONE_COUNTRY[language] ?? '');
    const countries = await this.list(language);
    return [
      { value: '', text: chooseText, selected: selected === '' },
      ...countries.map((country) => ({
        value: country.code,
        text: country.text,
        selected: country.code === selected,
        ...(country.lang !== language ? { attributes: { lang: country.lang } } : {}),
      })),
    ];
  }
}
