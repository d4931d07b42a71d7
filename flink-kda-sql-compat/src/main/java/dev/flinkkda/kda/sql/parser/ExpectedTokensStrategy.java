package dev.flinkkda.kda.sql.parser;

import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.misc.IntervalSet;

import java.util.ArrayList;
import java.util.List;

/**
 * ANTLR's error strategy, remembering where the parser stood at the current token. When the parser
 * leaves optional clauses at a token (no {@code GROUP BY}, no alias, no more operators), the error
 * surfaces later, in an enclosing rule that only knows its own continuations ({@code ;}). The
 * positions remembered here give the tokens the optional parts would have accepted too, so {@code
 * WHERE x = 1 y} reports {@code GROUP}, {@code ORDER}, {@code AND}, ... and not only {@code ;}.
 */
final class ExpectedTokensStrategy extends DefaultErrorStrategy {

    private record ParserPosition(int state, ParserRuleContext context) {}

    private int tokenIndex = -1;
    private final List<ParserPosition> positions = new ArrayList<>();

    @Override
    public void sync(Parser parser) {
        int index = parser.getInputStream().index();
        if (index != tokenIndex) {
            tokenIndex = index;
            positions.clear();
        }
        // The sets are computed only if an error happens at this token.
        positions.add(new ParserPosition(parser.getState(), parser.getContext()));
        super.sync(parser);
    }

    /** The tokens the parser could have accepted at the token with this index. */
    IntervalSet expectedAt(Parser parser, int index) {
        IntervalSet expected = new IntervalSet();
        if (index == tokenIndex) {
            for (ParserPosition position : positions) {
                expected.addAll(
                        parser.getATN().getExpectedTokens(position.state(), position.context()));
            }
        }
        return expected;
    }
}
