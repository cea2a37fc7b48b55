/**
 * Condition trees: one JSON shape for segment rules, flow branches and scoring
 * rules, validated against a field catalog, evaluated in TS for one record and
 * compiled to SQL for the whole table, with the same answer both ways.
 *
 * Where the two can still differ, by design kept out of the data we write:
 * - case folding: JS `toLowerCase` vs Postgres `lower()` under the database's
 *   LC_CTYPE; they agree on ASCII and, under a UTF-8 ctype, on ordinary
 *   accented letters (not on e.g. "İ");
 * - timestamps: Postgres keeps microseconds, a JS Date milliseconds;
 * - numeric columns holding NaN or ±Infinity, which JSON cannot carry.
 */
export * from "./types"
export * from "./fields"
export * from "./dates"
export * from "./validate"
export * from "./evaluate"
export * from "./sql"
