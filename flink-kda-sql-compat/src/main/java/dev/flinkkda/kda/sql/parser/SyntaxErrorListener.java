package dev.flinkkda.kda.sql.parser;

import dev.flinkkda.kda.sql.ast.SourcePosition;

import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.RuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.ATNConfig;
import org.antlr.v4.runtime.atn.ATNConfigSet;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.atn.PredictionContext;
import org.antlr.v4.runtime.misc.IntervalSet;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the first error ANTLR reports into a {@link KdaSqlSyntaxException}: it throws, so parsing
 * stops there and ANTLR's recovery never runs. The expected tokens are those of the failed step at
 * the offending token, plus those that the optional parts the parser left at that token would have
 * accepted ({@link ExpectedTokensStrategy}). They are summarised so that messages stay short: the
 * tokens that can start an expression become {@code expression}, identifiers and the keywords
 * usable as identifiers become {@code identifier}, and the operators that could continue an
 * expression become {@code operator}.
 */
final class SyntaxErrorListener extends BaseErrorListener {

    private static final int MAX_SHOWN_TOKEN_LENGTH = 40;

    private static final Vocabulary VOCABULARY = KdaSql.VOCABULARY;
    private static final IntervalSet EXPRESSION_START = firstTokens(KdaSql.RULE_expression);
    // After an operator only a value can follow (no NOT): that is an expression to the reader too.
    private static final IntervalSet VALUE_START = firstTokens(KdaSql.RULE_valueExpression);
    private static final IntervalSet IDENTIFIER_TOKENS =
            firstTokens(KdaSql.RULE_nonReserved)
                    .or(tokens(KdaSqlLexer.IDENTIFIER, KdaSqlLexer.QUOTED_IDENTIFIER));
    private static final IntervalSet ARITHMETIC_OPERATORS =
            tokens(
                    KdaSqlLexer.PLUS,
                    KdaSqlLexer.MINUS,
                    KdaSqlLexer.ASTERISK,
                    KdaSqlLexer.SLASH,
                    KdaSqlLexer.CONCAT);
    // AND and OR are left out: after BETWEEN x, AND is required, and the message should say so.
    private static final IntervalSet OPERATORS =
            ARITHMETIC_OPERATORS.or(
                    tokens(
                            KdaSqlLexer.EQ,
                            KdaSqlLexer.NEQ,
                            KdaSqlLexer.LT,
                            KdaSqlLexer.LTE,
                            KdaSqlLexer.GT,
                            KdaSqlLexer.GTE,
                            KdaSqlLexer.IS,
                            KdaSqlLexer.NOT,
                            KdaSqlLexer.BETWEEN,
                            KdaSqlLexer.IN,
                            KdaSqlLexer.LIKE,
                            KdaSqlLexer.SIMILAR));

    private final String sourceName;
    private final ExpectedTokensStrategy strategy;

    SyntaxErrorListener(String sourceName, ExpectedTokensStrategy strategy) {
        this.sourceName = sourceName;
        this.strategy = strategy;
    }

    @Override
    public void syntaxError(
            Recognizer<?, ?> recognizer,
            Object offendingSymbol,
            int line,
            int charPositionInLine,
            String message,
            RecognitionException exception) {
        SourcePosition position = new SourcePosition(line, charPositionInLine + 1);
        if (!(recognizer instanceof Parser parser) || !(offendingSymbol instanceof Token token)) {
            // Only the lexer gets here, and its catch-all rule means it never reports an error.
            throw new KdaSqlSyntaxException(
                    sourceName, position, "", List.of(), "syntax error: " + message);
        }
        boolean atEnd = token.getType() == Token.EOF;
        String text = atEnd ? "" : token.getText();
        String unterminated = unterminatedDescription(token.getType());
        if (unterminated != null) {
            throw new KdaSqlSyntaxException(
                    sourceName, position, text, List.of(), "syntax error: " + unterminated);
        }
        IntervalSet expectedTokens = expectedTokens(parser, exception);
        expectedTokens.addAll(strategy.expectedAt(parser, token.getTokenIndex()));
        List<String> expected = describe(expectedTokens);
        StringBuilder detail = new StringBuilder("syntax error at ");
        detail.append(atEnd ? "end of input" : "'" + shorten(text) + "'");
        if (expected.size() == 1) {
            detail.append(": expected ").append(expected.get(0));
        } else if (!expected.isEmpty()) {
            detail.append(": expected one of ").append(String.join(", ", expected));
        }
        throw new KdaSqlSyntaxException(sourceName, position, text, expected, detail.toString());
    }

    private static IntervalSet expectedTokens(Parser parser, RecognitionException exception) {
        if (exception instanceof NoViableAltException noViableAlternative
                && noViableAlternative.getDeadEndConfigs() != null) {
            return tokensAfter(noViableAlternative);
        }
        if (exception != null && exception.getOffendingState() >= 0) {
            return new IntervalSet(exception.getExpectedTokens());
        }
        return new IntervalSet(parser.getExpectedTokens());
    }

    /**
     * The tokens that would have been accepted at the offending token of a failed prediction.
     * ANTLR's own expected set for it is computed where the decision started, which can be several
     * tokens earlier ({@code x IN (} then {@code )} would report the predicates that can follow
     * {@code x}); the dead-end configurations are the parser's positions just before the offending
     * token.
     */
    private static IntervalSet tokensAfter(NoViableAltException exception) {
        ATNConfigSet positions = exception.getDeadEndConfigs();
        IntervalSet expected = new IntervalSet();
        for (ATNConfig position : positions) {
            addTokensAfter(
                    position.state,
                    position.context,
                    positions.fullCtx,
                    exception.getCtx(),
                    expected);
        }
        return expected;
    }

    private static void addTokensAfter(
            ATNState state,
            PredictionContext callers,
            boolean fullContext,
            RuleContext decisionContext,
            IntervalSet expected) {
        IntervalSet next = KdaSql._ATN.nextTokens(state);
        if (!next.contains(Token.EPSILON)) {
            expected.addAll(next);
            return;
        }
        // The rule can end here: continue in the rules that called it.
        for (int i = 0; i < callers.size(); i++) {
            int returnState = callers.getReturnState(i);
            if (returnState != PredictionContext.EMPTY_RETURN_STATE) {
                addTokensAfter(
                        KdaSql._ATN.states.get(returnState),
                        callers.getParent(i),
                        fullContext,
                        decisionContext,
                        expected);
            } else if (fullContext) {
                // Full-context prediction starts from the whole call stack: its end is the input's.
                expected.addAll(next);
                expected.add(Token.EOF);
            } else {
                // Local prediction stops at the decision's rule: its callers are the parser's.
                expected.addAll(KdaSql._ATN.nextTokens(state, decisionContext));
            }
        }
        expected.remove(Token.EPSILON);
    }

    private static String unterminatedDescription(int tokenType) {
        return switch (tokenType) {
            case KdaSqlLexer.UNTERMINATED_STRING -> "unterminated string literal";
            case KdaSqlLexer.UNTERMINATED_QUOTED_IDENTIFIER -> "unterminated quoted identifier";
            case KdaSqlLexer.UNTERMINATED_BLOCK_COMMENT -> "unterminated comment";
            default -> null;
        };
    }

    /**
     * The expected tokens as shown in a message: keywords (alphabetical), then symbols in quotes,
     * then words for classes of tokens, then {@code end of input}.
     */
    static List<String> describe(IntervalSet expectedTokens) {
        IntervalSet remaining = new IntervalSet(expectedTokens);
        Set<String> classes = new LinkedHashSet<>();
        if (containsAll(remaining, VALUE_START)) {
            remaining = remaining.subtract(EXPRESSION_START);
            classes.add("expression");
        }
        if (remaining.contains(KdaSqlLexer.IDENTIFIER)) {
            remaining = remaining.subtract(IDENTIFIER_TOKENS);
            classes.add("identifier");
        }
        if (containsAll(remaining, ARITHMETIC_OPERATORS)) {
            remaining = remaining.subtract(OPERATORS);
            classes.add("operator");
        }
        Set<String> keywords = new TreeSet<>();
        Set<String> symbols = new LinkedHashSet<>();
        Set<String> literals = new TreeSet<>();
        boolean endOfInput = false;
        for (int type : remaining.toList()) {
            String literalName = VOCABULARY.getLiteralName(type);
            if (type == Token.EOF) {
                endOfInput = true;
            } else if (literalName != null && literalName.matches("'[A-Z_]+'")) {
                keywords.add(VOCABULARY.getSymbolicName(type));
            } else if (literalName != null) {
                symbols.add(literalName);
            } else if (type == KdaSqlLexer.NEQ) {
                symbols.add("'<>'");
            } else {
                literals.add(literalClass(type));
            }
        }
        List<String> described = new ArrayList<>(keywords);
        described.addAll(symbols);
        described.addAll(classes);
        described.addAll(literals);
        if (endOfInput) {
            described.add("end of input");
        }
        return described;
    }

    private static String literalClass(int tokenType) {
        return switch (tokenType) {
            case KdaSqlLexer.STRING -> "string";
            case KdaSqlLexer.BINARY_STRING -> "binary string";
            case KdaSqlLexer.INTEGER_VALUE -> "integer";
            case KdaSqlLexer.DECIMAL_VALUE, KdaSqlLexer.DOUBLE_VALUE -> "number";
            case KdaSqlLexer.IDENTIFIER, KdaSqlLexer.QUOTED_IDENTIFIER -> "identifier";
            default -> VOCABULARY.getDisplayName(tokenType);
        };
    }

    private static boolean containsAll(IntervalSet set, IntervalSet subset) {
        return !subset.isNil() && subset.subtract(set).isNil();
    }

    /** {@code text}, cut short for a message. */
    static String shorten(String text) {
        return text.length() <= MAX_SHOWN_TOKEN_LENGTH
                ? text
                : text.substring(0, MAX_SHOWN_TOKEN_LENGTH) + "...";
    }

    /** The tokens that can start {@code rule}. */
    static IntervalSet firstTokens(int rule) {
        ATN atn = KdaSql._ATN;
        return atn.nextTokens(atn.ruleToStartState[rule]);
    }

    static IntervalSet tokens(int... types) {
        return new IntervalSet(types);
    }
}
