/**
 * KDA reference tables read from files, for the lookup joins the translator plans for {@code FROM
 * stream [LEFT] JOIN "RefTable" AS c ON …}.
 *
 * <ul>
 *   <li>{@link dev.flinkkda.kda.reference.ReferenceTables}: registers a reference table (columns,
 *       file, {@link dev.flinkkda.kda.reference.ReferenceFormat}) in a table environment, checking
 *       the file first.
 *   <li>{@link dev.flinkkda.kda.reference.ReferenceFileTableFactory}: the {@code
 *       kda-reference-file} connector, a {@code LookupTableSource} whose lookup function loads the
 *       whole file into a hash map when it opens; also usable from DDL.
 *   <li>{@link dev.flinkkda.kda.reference.ReferenceDataException}: a file that cannot be loaded,
 *       with {@code file:line: column X: …}.
 * </ul>
 */
package dev.flinkkda.kda.reference;
