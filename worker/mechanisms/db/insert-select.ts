import { type Column, getTableColumns, getTableName, isSQLWrapper, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";

/** The values of a row written by an insert-select, by column name: plain values (bound as parameters), columns or SQL. */
export type SelectedRow<T extends SQLiteTable> = {
  [K in keyof T["$inferInsert"]]?: T["$inferInsert"][K] | SQLWrapper | null;
};

/** What a column left out of a selected row gets: its default, or null where it may be null (or is numbered by SQLite). */
function omitted(table: string, name: string, column: Column): unknown {
  if (column.default !== undefined) return column.default;
  if (column.defaultFn) return column.defaultFn();
  if (!column.notNull || (column.primary && column.columnType === "SQLiteInteger")) return null;
  throw new Error(`insert-select into ${table}: column "${name}" needs a value`);
}

/**
 * The `select …` of an insert-select, for a row written only when a condition holds
 * (`db.insert(table).select(sql\`${selectedRow(table, row)} where …\`)`). Drizzle's insert-select
 * lists every column in the table's order; this names each value by its column and puts it in
 * that order, so a new column with a default needs no change where rows are written.
 */
export function selectedRow<T extends SQLiteTable>(table: T, row: SelectedRow<T>): SQL {
  const columns = getTableColumns(table) as Record<string, Column>;
  for (const name of Object.keys(row))
    if (!Object.hasOwn(columns, name)) throw new Error(`insert-select: no column "${name}"`);
  const values = Object.entries(columns).map(([name, column]) => {
    const value = Object.hasOwn(row, name) ? row[name as keyof typeof row] : omitted(getTableName(table), name, column);
    return isSQLWrapper(value) ? sql`${value}` : sql.param(value, column);
  });
  return sql`select ${sql.join(values, sql`, `)}`;
}
