import { sql, type RawBuilder } from 'kysely';
import type { ReferenceDb, ReferenceTables } from './reference.tables.js';
import type {
  EscoOccupationRow,
  EscoSkillRow,
  IscoGroupRow,
  OccupationLabelGroupRow,
  OccupationLabelRow,
  OccupationSkillRow,
  SkillLabelRow,
} from './reference.esco.js';
import type {
  CefrDescriptionRow,
  CefrLevelRow,
  CodeNameRow,
  CountryNameRow,
  CountryRow,
  CurrencyRow,
  IscedFieldRow,
  IscedLevelRow,
  LanguageRow,
  SubdivisionRow,
} from './reference.sources.js';

/**
 * The loader's writes. Rows go in as one array parameter per column
 * (`insert … select * from unnest($1::text[], …)`), in chunks: a few statements instead of one
 * per row, and the same SQL on PGlite and PostgreSQL.
 */

type ArrayType = 'text' | 'uuid' | 'int2' | 'int4' | 'bool';
type Scalar = string | number | boolean | null;
type TableName = keyof ReferenceTables;

interface TableSpec<T extends TableName, Row> {
  table: T;
  key?: keyof ReferenceTables[T] & string;
  columns: ReadonlyArray<
    readonly [keyof ReferenceTables[T] & string, ArrayType, (row: Row) => Scalar]
  >;
}

const CHUNK = 20_000;

const ANALYZED_COLUMNS: Partial<Record<TableName, readonly string[]>> = {
  esco_occupation: ['id', 'isco_code'],
  esco_skill: ['id'],
  isco_group: ['code', 'level', 'parent_code'],
  occupation_label: ['group_id', 'is_title'],
  occupation_label_group: ['occupation_id', 'isco_code', 'language'],
  skill_label: ['skill_id', 'language', 'is_title'],
};

function spec<T extends TableName, Row>(value: TableSpec<T, Row>): TableSpec<T, Row> {
  return value;
}

const COUNTRY = spec({
  table: 'country',
  key: 'code',
  columns: [
    ['code', 'text', (r: CountryRow) => r.code],
    ['alpha3', 'text', (r) => r.alpha3],
    ['numeric_code', 'text', (r) => r.numericCode],
    ['name_iso', 'text', (r) => r.nameIso],
  ],
});
const COUNTRY_NAME = spec({
  table: 'country_name',
  columns: [
    ['country_code', 'text', (r: CountryNameRow) => r.countryCode],
    ['language', 'text', (r) => r.language],
    ['name', 'text', (r) => r.name],
  ],
});
const SUBDIVISION = spec({
  table: 'country_subdivision',
  key: 'code',
  columns: [
    ['code', 'text', (r: SubdivisionRow) => r.code],
    ['country_code', 'text', (r) => r.countryCode],
    ['parent_code', 'text', (r) => r.parentCode],
    ['name', 'text', (r) => r.name],
  ],
});
const SUBDIVISION_NAME = spec({
  table: 'subdivision_name',
  columns: [
    ['subdivision_code', 'text', (r: CodeNameRow) => r.code],
    ['language', 'text', (r) => r.language],
    ['name', 'text', (r) => r.name],
  ],
});
const LANGUAGE_NAME = spec({
  table: 'language_name',
  columns: [
    ['language_code', 'text', (r: CodeNameRow) => r.code],
    ['language', 'text', (r) => r.language],
    ['name', 'text', (r) => r.name],
  ],
});
const CURRENCY_NAME = spec({
  table: 'currency_name',
  columns: [
    ['currency_code', 'text', (r: CodeNameRow) => r.code],
    ['language', 'text', (r) => r.language],
    ['name', 'text', (r) => r.name],
  ],
});
const CURRENCY_COUNTRY = spec({
  table: 'currency_country',
  columns: [
    ['currency_code', 'text', (r: { currencyCode: string; countryCode: string }) => r.currencyCode],
    ['country_code', 'text', (r) => r.countryCode],
  ],
});
const LANGUAGE = spec({
  table: 'language',
  key: 'code',
  columns: [
    ['code', 'text', (r: LanguageRow) => r.code],
    ['iso639_1', 'text', (r) => r.iso6391],
    ['iso639_3', 'text', (r) => r.iso6393],
    ['iso639_2b', 'text', (r) => r.iso6392b],
    ['iso639_2t', 'text', (r) => r.iso6392t],
    ['name_en', 'text', (r) => r.nameEn],
    ['native_name', 'text', (r) => r.nativeName],
    ['type', 'text', (r) => r.type],
    ['scope', 'text', (r) => r.scope],
  ],
});
const CURRENCY = spec({
  table: 'currency',
  key: 'code',
  columns: [
    ['code', 'text', (r: CurrencyRow) => r.code],
    ['numeric_code', 'text', (r) => r.numericCode],
    ['minor_units', 'int2', (r) => r.minorUnits],
    ['name_en', 'text', (r) => r.nameEn],
  ],
});
const ISCO_GROUP = spec({
  table: 'isco_group',
  key: 'code',
  columns: [
    ['code', 'text', (r: IscoGroupRow) => r.code],
    ['level', 'int2', (r) => r.level],
    ['parent_code', 'text', (r) => r.parentCode],
    ['title_en', 'text', (r) => r.titleEn],
    ['title_fr', 'text', (r) => r.titleFr],
    ['title_es', 'text', (r) => r.titleEs],
    ['definition_en', 'text', (r) => r.definitionEn],
  ],
});
const OCCUPATION = spec({
  table: 'esco_occupation',
  key: 'id',
  columns: [
    ['id', 'uuid', (r: EscoOccupationRow) => r.id],
    ['code', 'text', (r) => r.code],
    ['isco_code', 'text', (r) => r.iscoCode],
    ['preferred_label_en', 'text', (r) => r.preferredLabelEn],
    ['description_en', 'text', (r) => r.descriptionEn],
    ['regulated', 'bool', (r) => r.regulated],
  ],
});
const OCCUPATION_LABEL_GROUP = spec({
  table: 'occupation_label_group',
  columns: [
    ['id', 'int4', (r: OccupationLabelGroupRow) => r.id],
    ['occupation_id', 'uuid', (r) => r.occupationId],
    ['isco_code', 'text', (r) => r.iscoCode],
    ['language', 'text', (r) => r.language],
    ['search_words', 'text', (r) => r.searchWords],
  ],
});
const OCCUPATION_LABEL = spec({
  table: 'occupation_label',
  columns: [
    ['group_id', 'int4', (r: OccupationLabelRow) => r.groupId],
    ['label', 'text', (r) => r.label],
    ['search_text', 'text', (r) => r.searchText],
    ['is_title', 'bool', (r) => r.isTitle],
  ],
});
const SKILL = spec({
  table: 'esco_skill',
  key: 'id',
  columns: [
    ['id', 'uuid', (r: EscoSkillRow) => r.id],
    ['skill_type', 'text', (r) => r.skillType],
    ['reuse_level', 'text', (r) => r.reuseLevel],
    ['preferred_label_en', 'text', (r) => r.preferredLabelEn],
    ['description_en', 'text', (r) => r.descriptionEn],
  ],
});
const SKILL_LABEL = spec({
  table: 'skill_label',
  columns: [
    ['skill_id', 'uuid', (r: SkillLabelRow) => r.skillId],
    ['language', 'text', (r) => r.language],
    ['label', 'text', (r) => r.label],
    ['search_text', 'text', (r) => r.searchText],
    ['is_title', 'bool', (r) => r.isTitle],
  ],
});
const OCCUPATION_SKILL = spec({
  table: 'occupation_skill',
  columns: [
    ['occupation_id', 'uuid', (r: OccupationSkillRow) => r.occupationId],
    ['skill_id', 'uuid', (r) => r.skillId],
    ['relation', 'text', (r) => r.relation],
  ],
});
const ISCED_LEVEL = spec({
  table: 'isced_level',
  key: 'code',
  columns: [
    ['code', 'text', (r: IscedLevelRow) => r.code],
    ['eurostat_code', 'text', (r) => r.eurostatCode],
    ['name_en', 'text', (r) => r.nameEn],
    ['note', 'text', (r) => r.note],
  ],
});
const ISCED_FIELD = spec({
  table: 'isced_field',
  key: 'code',
  columns: [
    ['code', 'text', (r: IscedFieldRow) => r.code],
    ['level', 'text', (r) => r.level],
    ['parent_code', 'text', (r) => r.parentCode],
    ['name_en', 'text', (r) => r.nameEn],
    ['description_en', 'text', (r) => r.descriptionEn],
  ],
});
const CEFR_LEVEL = spec({
  table: 'cefr_level',
  key: 'code',
  columns: [
    ['code', 'text', (r: CefrLevelRow) => r.code],
    ['rank', 'int2', (r) => r.rank],
    ['user_group', 'text', (r) => r.userGroup],
  ],
});
const CEFR_DESCRIPTION = spec({
  table: 'cefr_level_description',
  columns: [
    ['level_code', 'text', (r: CefrDescriptionRow) => r.levelCode],
    ['language', 'text', (r) => r.language],
    ['name', 'text', (r) => r.name],
    ['description', 'text', (r) => r.description],
  ],
});

export class ReferenceLoadRepository {
  constructor(private readonly db: ReferenceDb) {}

  /** Runs `work` in one transaction, with a repository bound to it. */
  static transaction<T>(
    db: ReferenceDb,
    work: (store: ReferenceLoadRepository) => Promise<T>,
  ): Promise<T> {
    return db.transaction().execute((trx) => work(new ReferenceLoadRepository(trx)));
  }

  async storedDatasets(): Promise<Map<string, { checksum: string; rowCount: number }>> {
    const rows = await this.db
      .selectFrom('reference_dataset')
      .select(['name', 'checksum', 'row_count'])
      .execute();
    return new Map(
      rows.map((row) => [row.name, { checksum: row.checksum, rowCount: row.row_count }]),
    );
  }

  async recordDataset(dataset: {
    name: string;
    version: string;
    checksum: string;
    rowCount: number;
  }) {
    const values = {
      name: dataset.name,
      version: dataset.version,
      checksum: dataset.checksum,
      row_count: dataset.rowCount,
      loaded_at: new Date(),
    };
    await this.db
      .insertInto('reference_dataset')
      .values(values)
      .onConflict((conflict) => conflict.column('name').doUpdateSet(values))
      .execute();
  }

  countries = (rows: CountryRow[]) => this.upsert(COUNTRY, rows);
  countryNames = (rows: CountryNameRow[]) => this.replace(COUNTRY_NAME, rows);
  subdivisions = (rows: SubdivisionRow[]) => this.upsert(SUBDIVISION, rows);
  subdivisionNames = (rows: CodeNameRow[]) => this.replace(SUBDIVISION_NAME, rows);
  languages = (rows: LanguageRow[]) => this.upsert(LANGUAGE, rows);
  languageNames = (rows: CodeNameRow[]) => this.replace(LANGUAGE_NAME, rows);
  currencies = (rows: CurrencyRow[]) => this.upsert(CURRENCY, rows);
  currencyNames = (rows: CodeNameRow[]) => this.replace(CURRENCY_NAME, rows);
  currencyCountries = (rows: Array<{ currencyCode: string; countryCode: string }>) =>
    this.replace(CURRENCY_COUNTRY, rows);
  iscoGroups = (rows: IscoGroupRow[]) => this.upsert(ISCO_GROUP, rows);
  occupations = (rows: EscoOccupationRow[]) => this.upsert(OCCUPATION, rows);
  occupationLabels = (groups: OccupationLabelGroupRow[], labels: OccupationLabelRow[]) =>
    this.refill(['occupation_label', 'occupation_label_group'], async () => {
      await this.insert(OCCUPATION_LABEL_GROUP, groups);
      await this.insert(OCCUPATION_LABEL, labels);
    });
  skills = (rows: EscoSkillRow[]) => this.upsert(SKILL, rows);
  skillLabels = (rows: SkillLabelRow[]) => this.replace(SKILL_LABEL, rows);
  occupationSkills = (rows: OccupationSkillRow[]) => this.replace(OCCUPATION_SKILL, rows);
  iscedLevels = (rows: IscedLevelRow[]) => this.upsert(ISCED_LEVEL, rows);
  iscedFields = (rows: IscedFieldRow[]) => this.upsert(ISCED_FIELD, rows);
  cefrLevels = (rows: CefrLevelRow[]) => this.upsert(CEFR_LEVEL, rows);
  cefrDescriptions = (rows: CefrDescriptionRow[]) => this.replace(CEFR_DESCRIPTION, rows);

  /**
   * Codes other tables may point at are updated in place; a code the source no longer has is
   * deleted (a foreign key from a live record then makes the whole load fail, visibly).
   */
  private async upsert<T extends TableName, Row>(spec: TableSpec<T, Row>, rows: readonly Row[]) {
    const key = spec.key;
    const keyColumn = spec.columns.find(([name]) => name === key);
    if (!key || !keyColumn) throw new Error(`${spec.table} has no key column`);
    const others = spec.columns.filter(([name]) => name !== key).map(([name]) => name);
    const onConflict = sql`on conflict (${sql.id(key)}) do update set ${sql.join(
      others.map((name) => sql`${sql.id(name)} = ${sql.ref(`excluded.${name}`)}`),
    )} where (${sql.join(others.map((name) => sql.ref(`${spec.table}.${name}`)))})
      is distinct from (${sql.join(others.map((name) => sql.ref(`excluded.${name}`)))})`;
    await this.insert(spec, rows, onConflict);
    const keys = rows.map(keyColumn[2]);
    await sql`delete from ${sql.table(spec.table)}
      where not (${sql.id(key)} = any(${keys}::${sql.raw(keyColumn[1])}[]))`.execute(this.db);
    await this.analyze(spec.table);
  }

  /** Rows nobody else references (labels, names, relations) are replaced wholesale. */
  private replace<T extends TableName, Row>(spec: TableSpec<T, Row>, rows: readonly Row[]) {
    return this.refill([spec.table], () => this.insert(spec, rows));
  }

  /**
   * Empties tables and refills them with their indexes and key constraints dropped, then
   * rebuilds those from their own definitions (the migration stays their only source): building
   * an index once, and checking a foreign key with one join, is many times faster than
   * maintaining them row by row. The tables stay locked until the transaction ends.
   */
  private async refill(tables: TableName[], fill: () => Promise<void>): Promise<void> {
    const names = sql`${sql.join(tables.map((table) => sql`${table}::regclass`))}`;
    const { rows: constraints } = await sql<{ table: string; name: string; definition: string }>`
      select conrelid::regclass::text as table, conname as name,
        pg_get_constraintdef(oid) as definition
      from pg_constraint where conrelid in (${names}) and contype in ('p', 'u', 'f')
      order by contype = 'f' desc`.execute(this.db);
    const { rows: indexes } = await sql<{ name: string; definition: string }>`
      select indexrelid::regclass::text as name, pg_get_indexdef(indexrelid) as definition
      from pg_index where indrelid in (${names})
        and not exists (select 1 from pg_constraint where conindid = indexrelid)`.execute(this.db);

    for (const { table, name } of constraints) {
      await sql`alter table ${sql.raw(table)} drop constraint ${sql.id(name)}`.execute(this.db);
    }
    for (const { name } of indexes) await sql`drop index ${sql.raw(name)}`.execute(this.db);
    for (const table of tables) await sql`delete from ${sql.table(table)}`.execute(this.db);
    await fill();
    // Keys before the foreign keys that point at them; indexes last.
    for (const { table, name, definition } of [...constraints].reverse()) {
      await sql`alter table ${sql.raw(table)} add constraint ${sql.id(name)} ${sql.raw(definition)}`.execute(
        this.db,
      );
    }
    for (const { definition } of indexes) await sql.raw(definition).execute(this.db);
    for (const table of tables) await this.analyze(table);
  }

  /** Planner statistics; for tables with long texts, only on the columns queries filter on. */
  private async analyze(table: TableName) {
    const columns = ANALYZED_COLUMNS[table];
    const list = columns ? sql` (${sql.join(columns.map((column) => sql.id(column)))})` : sql``;
    await sql`analyze ${sql.table(table)}${list}`.execute(this.db);
  }

  private async insert<T extends TableName, Row>(
    spec: TableSpec<T, Row>,
    rows: readonly Row[],
    onConflict: RawBuilder<unknown> = sql``,
  ) {
    const names = sql.join(spec.columns.map(([name]) => sql.id(name)));
    for (let start = 0; start < rows.length; start += CHUNK) {
      const chunk = rows.slice(start, start + CHUNK);
      const arrays = spec.columns.map(
        ([, type, value]) => sql`${chunk.map(value)}::${sql.raw(type)}[]`,
      );
      await sql`insert into ${sql.table(spec.table)} (${names})
        select * from unnest(${sql.join(arrays)}) ${onConflict}`.execute(this.db);
    }
  }
}
