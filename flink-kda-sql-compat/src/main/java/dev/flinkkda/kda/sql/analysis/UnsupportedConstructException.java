package dev.flinkkda.kda.sql.analysis;

import dev.flinkkda.kda.sql.ast.SourcePosition;

/**
 * A valid KDA construct that this translator does not translate (yet). It is reported before the
 * job starts — never dropped or translated into something else — as {@code unsupported: <construct>
 * at line:column}.
 */
public final class UnsupportedConstructException extends KdaSemanticException {

    private static final long serialVersionUID = 1L;

    private final String construct;

    public UnsupportedConstructException(
            String sourceName, SourcePosition position, String construct, String why) {
        super(
                sourceName,
                position,
                "unsupported: "
                        + construct
                        + " at "
                        + position
                        + (why.isEmpty() ? "" : " (" + why + ")"));
        this.construct = construct;
    }

    /** The construct, e.g. {@code RANDOM_CUT_FOREST} or {@code ORDER BY}. */
    public String construct() {
        return construct;
    }
}
