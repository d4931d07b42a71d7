/*
 * Tokens of the Amazon Kinesis Data Analytics (KDA) for SQL dialect. Keywords are case-insensitive;
 * identifiers keep their spelling here and are folded by the AST builder (unquoted -> upper case).
 *
 * The lexer never fails: unterminated literals and comments become UNTERMINATED_* tokens and any
 * other character an UNRECOGNIZED token, so every error is reported once, by the parser, with the
 * expected tokens.
 */
lexer grammar KdaSqlLexer;

options { caseInsensitive = true; }

ALL: 'ALL';
AND: 'AND';
AS: 'AS';
ASC: 'ASC';
BETWEEN: 'BETWEEN';
BIGINT: 'BIGINT';
BINARY: 'BINARY';
BOOLEAN: 'BOOLEAN';
BOTH: 'BOTH';
BY: 'BY';
CASE: 'CASE';
CAST: 'CAST';
CEIL: 'CEIL';
CEILING: 'CEILING';
CHAR: 'CHAR';
CHARACTER: 'CHARACTER';
CREATE: 'CREATE';
CROSS: 'CROSS';
CURRENT: 'CURRENT';
CURRENT_DATE: 'CURRENT_DATE';
CURRENT_PATH: 'CURRENT_PATH';
CURRENT_ROW_TIMESTAMP: 'CURRENT_ROW_TIMESTAMP';
CURRENT_TIME: 'CURRENT_TIME';
CURRENT_TIMESTAMP: 'CURRENT_TIMESTAMP';
CURRENT_USER: 'CURRENT_USER';
CURSOR: 'CURSOR';
DATE: 'DATE';
DAY: 'DAY';
DEC: 'DEC';
DECIMAL: 'DECIMAL';
DESC: 'DESC';
DESCRIPTION: 'DESCRIPTION';
DISTINCT: 'DISTINCT';
DOUBLE: 'DOUBLE';
ELSE: 'ELSE';
END: 'END';
ESCAPE: 'ESCAPE';
EXISTS: 'EXISTS';
EXTRACT: 'EXTRACT';
FALSE: 'FALSE';
FIRST: 'FIRST';
FLOAT: 'FLOAT';
FLOOR: 'FLOOR';
FOLLOWING: 'FOLLOWING';
FOR: 'FOR';
FROM: 'FROM';
FULL: 'FULL';
GROUP: 'GROUP';
HAVING: 'HAVING';
HOUR: 'HOUR';
IGNORE: 'IGNORE';
IN: 'IN';
INNER: 'INNER';
INSERT: 'INSERT';
INT: 'INT';
INTEGER: 'INTEGER';
INTERVAL: 'INTERVAL';
INTO: 'INTO';
IS: 'IS';
JOIN: 'JOIN';
LAST: 'LAST';
LEADING: 'LEADING';
LEFT: 'LEFT';
LIKE: 'LIKE';
LOCALTIME: 'LOCALTIME';
LOCALTIMESTAMP: 'LOCALTIMESTAMP';
MINUTE: 'MINUTE';
MONTH: 'MONTH';
NOT: 'NOT';
NULL: 'NULL';
NULLS: 'NULLS';
NUMERIC: 'NUMERIC';
ON: 'ON';
OR: 'OR';
ORDER: 'ORDER';
OUTER: 'OUTER';
OVER: 'OVER';
OVERLAY: 'OVERLAY';
PARTITION: 'PARTITION';
PLACING: 'PLACING';
POSITION: 'POSITION';
PRECEDING: 'PRECEDING';
PRECISION: 'PRECISION';
PUMP: 'PUMP';
RANGE: 'RANGE';
REAL: 'REAL';
REPLACE: 'REPLACE';
RESPECT: 'RESPECT';
RIGHT: 'RIGHT';
ROW: 'ROW';
ROWS: 'ROWS';
SECOND: 'SECOND';
SELECT: 'SELECT';
SIMILAR: 'SIMILAR';
SMALLINT: 'SMALLINT';
STAGGER: 'STAGGER';
STEP: 'STEP';
STREAM: 'STREAM';
SUBSTRING: 'SUBSTRING';
SYSTEM_USER: 'SYSTEM_USER';
TABLE: 'TABLE';
THEN: 'THEN';
TIME: 'TIME';
TIMESTAMP: 'TIMESTAMP';
TINYINT: 'TINYINT';
TO: 'TO';
TRAILING: 'TRAILING';
TRIM: 'TRIM';
TRUE: 'TRUE';
UNBOUNDED: 'UNBOUNDED';
UNION: 'UNION';
UNKNOWN: 'UNKNOWN';
USING: 'USING';
VARBINARY: 'VARBINARY';
VARCHAR: 'VARCHAR';
VARYING: 'VARYING';
WHEN: 'WHEN';
WHERE: 'WHERE';
WINDOW: 'WINDOW';
WINDOWED: 'WINDOWED';
YEAR: 'YEAR';

EQ: '=';
NEQ: '<>' | '!=';
LT: '<';
LTE: '<=';
GT: '>';
GTE: '>=';
PLUS: '+';
MINUS: '-';
ASTERISK: '*';
SLASH: '/';
CONCAT: '||';
ARROW: '=>';
LPAREN: '(';
RPAREN: ')';
COMMA: ',';
DOT: '.';
SEMICOLON: ';';

// '' inside a string stands for one quote.
STRING: '\'' ( ~'\'' | '\'\'' )* '\'';
BINARY_STRING: 'X\'' [0-9A-F]* '\'';
INTEGER_VALUE: DIGIT+;
DECIMAL_VALUE: DIGIT+ '.' DIGIT* | '.' DIGIT+;
DOUBLE_VALUE: (DIGIT+ ('.' DIGIT*)? | '.' DIGIT+) EXPONENT;
IDENTIFIER: (LETTER | '_') (LETTER | DIGIT | '_' | '$')*;
// "" inside a quoted identifier stands for one double quote.
QUOTED_IDENTIFIER: '"' ( ~'"' | '""' )* '"';

LINE_COMMENT: '--' ~[\r\n]* -> skip;
BLOCK_COMMENT: '/*' .*? '*/' -> skip;
WHITESPACE: [ \t\r\n\f]+ -> skip;

// These never match a complete literal or comment: the complete rules above match one more
// character (the closing quote or '*/'), and the lexer takes the longest match.
UNTERMINATED_STRING: '\'' ( ~'\'' | '\'\'' )*;
UNTERMINATED_QUOTED_IDENTIFIER: '"' ( ~'"' | '""' )*;
UNTERMINATED_BLOCK_COMMENT: '/*' ( ~'*' | '*'+ ~[*/] )* '*'*;
UNRECOGNIZED: .;

fragment DIGIT: [0-9];
fragment EXPONENT: 'E' [+-]? DIGIT+;
fragment LETTER: [\p{L}];
