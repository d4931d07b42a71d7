package dev.flinkkda.kda.sql.parser;

import dev.flinkkda.kda.sql.ast.SourcePosition;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * How deep application code may nest. Every stage after the parser — the AST builder, the analyser,
 * the planner, the emitter, and Flink's own planner on the SQL they write — walks expressions and
 * queries recursively, so without a limit a hostile application ends them with a {@link
 * StackOverflowError} instead of an error at its line and column.
 *
 * <p>The depth of a place in the code is the number of brackets open there — {@code (} and {@code
 * CASE} — plus the operators it is an operand of: every link of a chain counts, so {@code a + b +
 * c} is two deep at {@code a} (the chain is a tree, {@code (a + b) + c}), a 2,000-term sum 1,999
 * deep; so do unary operators ({@code - - x}, {@code NOT NOT p}), {@code UNION}s and {@code JOIN}s.
 *
 * <p>Checked twice: on the tokens before parsing, because ANTLR's parser recurses into brackets and
 * prefix operators, and its prediction looks ahead through nested brackets before the parser
 * descends into them; then on the parse tree, exactly, before the AST is built. The first check's
 * estimate is never above the second's count, so it rejects nothing the second would accept.
 */
final class NestingLimit {

    /** Keywords after which a sign is a binary operator: names, time units, niladic functions. */
    private static final IntervalSet OPERAND_KEYWORDS =
            SyntaxErrorListener.firstTokens(KdaSql.RULE_nonReserved)
                    .or(SyntaxErrorListener.firstTokens(KdaSql.RULE_timeUnit))
                    .or(
                            SyntaxErrorListener.tokens(
                                    KdaSqlLexer.CURRENT_DATE,
                                    KdaSqlLexer.CURRENT_TIME,
                                    KdaSqlLexer.CURRENT_TIMESTAMP,
                                    KdaSqlLexer.CURRENT_ROW_TIMESTAMP,
                                    KdaSqlLexer.LOCALTIME,
                                    KdaSqlLexer.LOCALTIMESTAMP,
                                    KdaSqlLexer.CURRENT_PATH,
                                    KdaSqlLexer.CURRENT_USER,
                                    KdaSqlLexer.SYSTEM_USER));

    private NestingLimit() {}

    /**
     * An estimate from the tokens, never above the depth {@link #check} finds: the brackets open,
     * each weighing one more for every prefix operator just before it ({@code - (}), and the run of
     * prefix operators at the current token ({@code NOT NOT NOT}).
     *
     * @throws KdaSqlSyntaxException at the first bracket or prefix operator that goes deeper than
     *     {@code maxDepth}
     */
    static void checkTokens(List<Token> tokens, String sourceName, int maxDepth) {
        Deque<Integer> open = new ArrayDeque<>();
        int depth = 0;
        int prefixRun = 0;
        Token previous = null;
        for (Token token : tokens) {
            if (opensBracket(token)) {
                open.push(1 + prefixRun);
                depth += 1 + prefixRun;
                prefixRun = 0;
                if (depth > maxDepth) {
                    throw tooDeep(token, sourceName, maxDepth);
                }
            } else if (closesBracket(token)) {
                depth -= open.isEmpty() ? 0 : open.pop();
                prefixRun = 0;
            } else if (isPrefixOperator(token, previous)) {
                if (depth + ++prefixRun > maxDepth) {
                    throw tooDeep(token, sourceName, maxDepth);
                }
            } else {
                prefixRun = 0;
            }
            previous = token;
        }
    }

    /**
     * Whether {@code token} is a unary {@code NOT}, {@code -} or {@code +}: one that does not
     * follow an operand. The sign of an interval literal and the {@code NOT} of {@code IS NOT} are
     * not.
     */
    private static boolean isPrefixOperator(Token token, Token previous) {
        int type = token.getType();
        if (type != KdaSqlLexer.NOT && type != KdaSqlLexer.MINUS && type != KdaSqlLexer.PLUS) {
            return false;
        }
        if (previous == null) {
            return true;
        }
        return switch (previous.getType()) {
            case KdaSqlLexer.IS, KdaSqlLexer.INTERVAL -> false;
            case KdaSqlLexer.IDENTIFIER,
                            KdaSqlLexer.QUOTED_IDENTIFIER,
                            KdaSqlLexer.INTEGER_VALUE,
                            KdaSqlLexer.DECIMAL_VALUE,
                            KdaSqlLexer.DOUBLE_VALUE,
                            KdaSqlLexer.STRING,
                            KdaSqlLexer.BINARY_STRING,
                            KdaSqlLexer.RPAREN,
                            KdaSqlLexer.END,
                            KdaSqlLexer.NULL,
                            KdaSqlLexer.TRUE,
                            KdaSqlLexer.FALSE,
                            KdaSqlLexer.UNKNOWN ->
                    false;
                // a keyword that can be a name or end an operand (SECOND, CURRENT_DATE, ...)
            default -> !OPERAND_KEYWORDS.contains(previous.getType());
        };
    }

    /**
     * @throws KdaSqlSyntaxException at the first bracket or operator, in the order of the text,
     *     that makes the code deeper than {@code maxDepth}
     */
    static void check(ParserRuleContext tree, String sourceName, int maxDepth) {
        // Iterative: the parse tree of a long chain of operators is as deep as the chain.
        Deque<ParseTree> nodes = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        nodes.push(tree);
        depths.push(0);
        while (!nodes.isEmpty()) {
            ParseTree node = nodes.pop();
            int depth = depths.pop();
            if (!(node instanceof ParserRuleContext context)) {
                continue;
            }
            Token operator = operatorOf(context);
            if (operator != null && ++depth > maxDepth) {
                throw tooDeep(operator, sourceName, maxDepth);
            }
            int count = context.getChildCount();
            int[] childDepths = new int[count];
            int open = 0;
            for (int i = 0; i < count; i++) {
                ParseTree child = context.getChild(i);
                if (child instanceof TerminalNode terminal && opensBracket(terminal.getSymbol())) {
                    if (depth + ++open > maxDepth) {
                        throw tooDeep(terminal.getSymbol(), sourceName, maxDepth);
                    }
                } else if (child instanceof TerminalNode terminal
                        && closesBracket(terminal.getSymbol())) {
                    open = Math.max(0, open - 1);
                }
                childDepths[i] = depth + open;
            }
            for (int i = count - 1; i >= 0; i--) {
                nodes.push(context.getChild(i));
                depths.push(childDepths[i]);
            }
        }
    }

    /** The operator of a context that is an operand of it, or null. */
    private static Token operatorOf(ParserRuleContext context) {
        if (context instanceof KdaSql.ArithmeticBinaryContext binary) {
            return binary.operator;
        }
        if (context instanceof KdaSql.ArithmeticUnaryContext unary) {
            return unary.operator;
        }
        if (context instanceof KdaSql.LogicalAndContext and) {
            return and.AND().getSymbol();
        }
        if (context instanceof KdaSql.LogicalOrContext or) {
            return or.OR().getSymbol();
        }
        if (context instanceof KdaSql.LogicalNotContext not) {
            return not.NOT().getSymbol();
        }
        if (context instanceof KdaSql.UnionContext union) {
            return union.UNION().getSymbol();
        }
        if (context instanceof KdaSql.CrossJoinContext join) {
            return join.JOIN().getSymbol();
        }
        if (context instanceof KdaSql.QualifiedJoinContext join) {
            return join.JOIN().getSymbol();
        }
        return null;
    }

    private static boolean opensBracket(Token token) {
        return token.getType() == KdaSqlLexer.LPAREN || token.getType() == KdaSqlLexer.CASE;
    }

    private static boolean closesBracket(Token token) {
        return token.getType() == KdaSqlLexer.RPAREN || token.getType() == KdaSqlLexer.END;
    }

    private static KdaSqlSyntaxException tooDeep(Token token, String sourceName, int maxDepth) {
        return new KdaSqlSyntaxException(
                sourceName,
                new SourcePosition(token.getLine(), token.getCharPositionInLine() + 1),
                token.getText(),
                List.of(),
                "expression nested deeper than " + maxDepth);
    }
}
