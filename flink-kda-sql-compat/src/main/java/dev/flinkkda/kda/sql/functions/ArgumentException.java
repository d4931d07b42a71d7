package dev.flinkkda.kda.sql.functions;

/** A function's argument that cannot be used, e.g. a regular expression that does not compile. */
public final class ArgumentException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int argumentIndex;

    /**
     * @param argumentIndex the argument, from 0
     */
    public ArgumentException(int argumentIndex, String message) {
        super(message);
        this.argumentIndex = argumentIndex;
    }

    public int argumentIndex() {
        return argumentIndex;
    }
}
