package dev.flinkkda.kda.module;

import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KDA names that Flink has too, after {@code LOAD MODULE kda} (core first, the default) and after
 * {@code USE MODULES kda, core}. Flink's INITCAP and SUBSTRING are core-module functions: the first
 * module wins. Flink's UNIX_TIMESTAMP and TO_TIMESTAMP are not (its planner's own operator table):
 * a module function of the name is taken whatever the order, so the module's versions take Flink's
 * arguments too and give Flink's values for them; only the argument types choose.
 */
class ModuleOrderTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = ModuleSessions.miniCluster();

    /** The clashing calls, each with KDA's and Flink's argument forms. */
    private static final String CALLS =
            "SELECT INITCAP('o''NEIL mc-dONALD'), SUBSTRING('123456789', -2, 6),"
                    + " SUBSTRING('123456789' FROM 2 FOR 3),"
                    + " UNIX_TIMESTAMP(TIMESTAMP '1970-01-01 00:01:00'),"
                    + " UNIX_TIMESTAMP('1970-01-01 00:01:00'),"
                    + " UNIX_TIMESTAMP('01/01/1970 00:01', 'dd/MM/yyyy HH:mm'),"
                    + " TO_TIMESTAMP(60000), TO_TIMESTAMP('2024-01-02 03:04:05'),"
                    + " TO_TIMESTAMP('02/01/2024', 'dd/MM/yyyy'),"
                    + " REGEXP_REPLACE('a-b-c', '-', '+'), KDA_INITCAP('o''NEIL mc-dONALD'),"
                    + " KDA_SUBSTRING('123456789', -2, 6)";

    /** Flink's values of the string forms, whichever module comes first. */
    private static final Object[] FLINK_FORMS = {
        60L, 60L, LocalDateTime.of(2024, 1, 2, 3, 4, 5), LocalDateTime.of(2024, 1, 2, 0, 0)
    };

    @Test
    void coreFirstByDefault() throws Exception {
        TableEnvironment tables = ModuleSessions.withKdaModule();
        assertThat(tables.listModules()).containsExactly("core", "kda");

        // Flink's INITCAP starts a word after any non-alphanumeric character; Flink's SUBSTRING
        // counts a negative start from the end
        assertThat(ModuleSessions.row(tables, CALLS)).isEqualTo(expected("O'Neil Mc-Donald", "89"));
    }

    @Test
    void kdaFirst() throws Exception {
        TableEnvironment tables = ModuleSessions.withKdaModule("kda", "core");
        assertThat(tables.listModules()).containsExactly("kda", "core");

        // KDA's: words are space-delimited (SR INITCAP), a start below 1 shortens the length (SR
        // SUBSTRING)
        assertThat(ModuleSessions.row(tables, CALLS))
                .isEqualTo(expected("O'neil Mc-donald", "123"));
    }

    /** The row of {@link #CALLS}: only INITCAP and SUBSTRING follow the module order. */
    private static Row expected(String initcap, String substring) {
        return Row.of(
                initcap,
                substring,
                "234",
                // KDA's, the only one taking a TIMESTAMP: milliseconds
                60_000L,
                FLINK_FORMS[0],
                FLINK_FORMS[1],
                // KDA's, the only one taking a number
                LocalDateTime.of(1970, 1, 1, 0, 1),
                FLINK_FORMS[2],
                FLINK_FORMS[3],
                // not KDA's name (REGEX_REPLACE): Flink's, untouched
                "a+b+c",
                "O'neil Mc-donald",
                "123");
    }

    /** The same string forms without the module: what the values above are checked against. */
    @Test
    void flinkFormsAsWithoutTheModule() throws Exception {
        String query =
                "SELECT UNIX_TIMESTAMP('1970-01-01 00:01:00'),"
                        + " UNIX_TIMESTAMP('01/01/1970 00:01', 'dd/MM/yyyy HH:mm'),"
                        + " TO_TIMESTAMP('2024-01-02 03:04:05'),"
                        + " TO_TIMESTAMP('02/01/2024', 'dd/MM/yyyy')";
        assertThat(ModuleSessions.row(ModuleSessions.withoutKdaModule(), query))
                .isEqualTo(Row.of(FLINK_FORMS));
    }

    /** The module has no UNIX_TIMESTAMP without arguments: Flink's, the current epoch second. */
    @Test
    void unixTimestampWithoutArgumentsStaysFlinks() throws Exception {
        long before = System.currentTimeMillis() / 1000;
        Row row =
                ModuleSessions.row(
                        ModuleSessions.withKdaModule("kda", "core"), "SELECT UNIX_TIMESTAMP()");
        long after = System.currentTimeMillis() / 1000;

        assertThat((Long) row.getField(0)).isBetween(before, after);
    }

    /**
     * Flink's UNIX_TIMESTAMP(string) reads the text in the session time zone; the module's does
     * too, with the zone set after LOAD MODULE (Berlin was UTC+1 on 1970-01-01).
     */
    @Test
    void unixTimestampOfTextFollowsTheSessionTimeZone() throws Exception {
        String query = "SELECT UNIX_TIMESTAMP('1970-01-01 01:00:00')";
        TableEnvironment withModule = ModuleSessions.withKdaModule();
        withModule.getConfig().setLocalTimeZone(ZoneId.of("Europe/Berlin"));
        TableEnvironment without = ModuleSessions.withoutKdaModule();
        without.getConfig().setLocalTimeZone(ZoneId.of("Europe/Berlin"));

        assertThat(ModuleSessions.row(withModule, query)).isEqualTo(Row.of(0L));
        assertThat(ModuleSessions.row(without, query)).isEqualTo(Row.of(0L));
    }
}
