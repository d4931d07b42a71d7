package dev.flinkkda.kda.functions;

/** KDA's string functions whose rules differ from Flink's functions of the same name. */
public final class KdaStringFunctions {

    private KdaStringFunctions() {}

    /**
     * {@code INITCAP(s)}: "the first character of each space-delimited word is upper-cased, and all
     * other characters are lower-cased" (SR INITCAP). Flink's INITCAP starts a word after any
     * character that is not a letter or digit ({@code o'neil} becomes {@code O'Neil}; KDA's is
     * {@code O'neil}).
     */
    public static final class Initcap extends KdaScalarFunction {
        private static final long serialVersionUID = 1L;

        public String eval(String s) {
            if (s == null) {
                return null;
            }
            StringBuilder out = new StringBuilder(s.length());
            boolean wordStart = true;
            for (int i = 0; i < s.length(); ) {
                int c = s.codePointAt(i);
                out.appendCodePoint(
                        wordStart ? Character.toUpperCase(c) : Character.toLowerCase(c));
                wordStart = c == ' ';
                i += Character.charCount(c);
            }
            return out.toString();
        }
    }

    /**
     * {@code SUBSTRING(s, start [, length])}: "If the start position is less than 1, then the start
     * position is interpreted as if it is 1 and the string length is reduced by (1–start
     * position)"; past the end, or a length of 0, gives the empty string (SR SUBSTRING). Flink's
     * SUBSTRING counts a negative start from the end of the string. A negative length is an error,
     * as in SQL.
     */
    public static final class Substring extends KdaScalarFunction {
        private static final long serialVersionUID = 1L;

        public String eval(String s, Long start) {
            if (s == null || start == null) {
                return null;
            }
            return substring(s, start, Long.MAX_VALUE);
        }

        public String eval(String s, Long start, Long length) {
            if (s == null || start == null || length == null) {
                return null;
            }
            if (length < 0) {
                throw new IllegalArgumentException("SUBSTRING with a negative length " + length);
            }
            return substring(s, start, length);
        }

        private static String substring(String s, long start, long length) {
            long from = start;
            long count = length;
            if (from < 1) {
                count = count == Long.MAX_VALUE ? count : Math.max(0, count - (1 - from));
                from = 1;
            }
            int codePoints = s.codePointCount(0, s.length());
            if (from > codePoints || count == 0) {
                return "";
            }
            long end =
                    count == Long.MAX_VALUE ? codePoints : Math.min(codePoints, from - 1 + count);
            return s.substring(
                    s.offsetByCodePoints(0, (int) from - 1), s.offsetByCodePoints(0, (int) end));
        }
    }
}
