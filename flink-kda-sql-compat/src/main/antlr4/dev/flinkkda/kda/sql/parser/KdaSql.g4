/*
 * The Amazon Kinesis Data Analytics (KDA) for SQL dialect: in-application streams, pumps and the
 * continuous SELECT STREAM queries they run (STEP, FLOOR(... TO unit), WINDOWED BY STAGGER, sliding
 * windows, TABLE(fn(CURSOR(...))), windowed stream joins). The AST builder (KdaSqlAstBuilder) turns
 * the parse tree into the typed AST of dev.flinkkda.kda.sql.ast.
 *
 * A parser grammar of its own (rather than a combined grammar) so that the generated parser is
 * the class KdaSql and the public entry point can be called KdaSqlParser.
 */
parser grammar KdaSql;

options { tokenVocab = KdaSqlLexer; }

script
    : SEMICOLON* (statement (SEMICOLON+ statement)* SEMICOLON*)? EOF
    ;

standaloneExpression
    : expression EOF
    ;

standaloneQuery
    : query EOF
    ;

standaloneDataType
    : dataType EOF
    ;

// CREATE [OR REPLACE] is shared so that an error after it reports both STREAM and PUMP.
statement
    : CREATE (OR REPLACE)? (streamDefinition | pumpDefinition)
    ;

streamDefinition
    : STREAM identifier LPAREN columnDefinition (COMMA columnDefinition)* RPAREN description?
    ;

pumpDefinition
    : PUMP identifier description?
      AS INSERT INTO target=identifier (LPAREN identifier (COMMA identifier)* RPAREN)? query
    ;

description
    : DESCRIPTION STRING
    ;

columnDefinition
    : identifier dataType (NOT NULL | NULL)?
    ;

dataType
    : VARCHAR typeLength?                                                     #varcharType
    | (CHAR | CHARACTER) VARYING typeLength?                                  #varcharType
    | (CHAR | CHARACTER) typeLength?                                          #charType
    | VARBINARY typeLength?                                                   #varbinaryType
    | BINARY VARYING typeLength?                                              #varbinaryType
    | BINARY typeLength?                                                      #binaryType
    | (DECIMAL | DEC | NUMERIC)
      (LPAREN precision=INTEGER_VALUE (COMMA scale=INTEGER_VALUE)? RPAREN)?  #decimalType
    | FLOAT typeLength?                                                       #floatType
    | DOUBLE PRECISION?                                                       #doubleType
    | name=(REAL | INTEGER | INT | BIGINT | SMALLINT | TINYINT | BOOLEAN | DATE)  #simpleType
    | name=(TIME | TIMESTAMP) typeLength?                                     #timeType
    | INTERVAL intervalQualifier                                              #intervalType
    ;

typeLength
    : LPAREN INTEGER_VALUE RPAREN
    ;

// ---------------------------------------------------------------------------------------------
// Queries

query
    : queryTerm                                        #queryDefault
    | left=query UNION setQuantifier? right=queryTerm  #union
    ;

queryTerm
    : querySpecification                               #selectTerm
    | LPAREN query RPAREN                              #parenthesizedQuery
    ;

// KDA's clause order: WINDOWED BY replaces GROUP BY; WINDOW comes after HAVING.
querySpecification
    : SELECT STREAM? setQuantifier? selectItem (COMMA selectItem)*
      FROM relation (COMMA relation)*
      (WHERE where=expression)?
      (groupBy | staggerWindow)?
      (HAVING having=expression)?
      (WINDOW namedWindow (COMMA namedWindow)*)?
      (ORDER BY sortItem (COMMA sortItem)*)?
    ;

setQuantifier
    : DISTINCT
    | ALL
    ;

selectItem
    : identifier DOT ASTERISK              #qualifiedAllColumns
    | ASTERISK                             #allColumns
    | expression (AS? alias=identifier)?   #selectExpression
    ;

groupBy
    : GROUP BY expression (COMMA expression)*
    ;

staggerWindow
    : WINDOWED BY STAGGER LPAREN PARTITION BY expression (COMMA expression)* RANGE intervalLiteral RPAREN
    ;

namedWindow
    : identifier AS LPAREN windowSpecification RPAREN
    ;

windowSpecification
    : (PARTITION BY expression (COMMA expression)*)?
      (ORDER BY sortItem (COMMA sortItem)*)?
      windowFrame?
    ;

windowFrame
    : unit=(RANGE | ROWS) startBound=frameBound
    | unit=(RANGE | ROWS) BETWEEN startBound=frameBound AND endBound=frameBound
    ;

frameBound
    : UNBOUNDED direction=(PRECEDING | FOLLOWING)        #unboundedFrameBound
    | CURRENT ROW                                        #currentRowFrameBound
    | valueExpression direction=(PRECEDING | FOLLOWING)  #offsetFrameBound
    ;

sortItem
    : expression ordering=(ASC | DESC)? (NULLS nullOrdering=(FIRST | LAST))?
    ;

// ---------------------------------------------------------------------------------------------
// FROM

relation
    : left=relation CROSS JOIN right=relationPrimary                  #crossJoin
    | left=relation joinType JOIN right=relationPrimary joinCriteria  #qualifiedJoin
    | relationPrimary                                                 #relationDefault
    ;

joinType
    : INNER?
    | LEFT OUTER?
    | RIGHT OUTER?
    | FULL OUTER?
    ;

joinCriteria
    : ON expression
    | USING LPAREN identifier (COMMA identifier)* RPAREN
    ;

// A stream may carry a window, inline or named in the WINDOW clause:
// JOIN s OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS t ON ..., JOIN s OVER w AS t ON ...
relationPrimary
    : identifier over? aliasClause?                                         #streamRelation
    | TABLE LPAREN identifier
      LPAREN (functionArgument (COMMA functionArgument)*)? RPAREN RPAREN aliasClause?  #tableFunctionRelation
    | LPAREN query RPAREN aliasClause?                                      #subqueryRelation
    | LPAREN relation RPAREN                                                #parenthesizedRelation
    ;

aliasClause
    : AS? identifier (LPAREN identifier (COMMA identifier)* RPAREN)?
    ;

// ---------------------------------------------------------------------------------------------
// Expressions. Precedence, loosest first: OR, AND, NOT, predicates (comparison, BETWEEN, IN, LIKE,
// IS), + and -, * / and || (as in Calcite, whose operator table SQLstream and so KDA inherit),
// unary sign.

expression
    : booleanExpression
    ;

booleanExpression
    : valueExpression predicate?                                   #predicated
    | NOT booleanExpression                                        #logicalNot
    | left=booleanExpression AND right=booleanExpression           #logicalAnd
    | left=booleanExpression OR right=booleanExpression            #logicalOr
    ;

predicate
    : comparisonOperator right=valueExpression                                  #comparison
    | NOT? BETWEEN low=valueExpression AND high=valueExpression                 #between
    | NOT? IN LPAREN query RPAREN                                               #inSubquery
    | NOT? IN LPAREN expression (COMMA expression)* RPAREN                      #inList
    | NOT? (LIKE | SIMILAR TO) pattern=valueExpression (ESCAPE escape=valueExpression)?  #like
    | IS NOT? NULL                                                              #isNull
    | IS NOT? truthValue=(TRUE | FALSE | UNKNOWN)                               #isTruthValue
    ;

comparisonOperator
    : EQ | NEQ | LT | LTE | GT | GTE
    ;

valueExpression
    : primaryExpression                                                          #primary
    | operator=(MINUS | PLUS) valueExpression                                    #arithmeticUnary
    | left=valueExpression operator=(ASTERISK | SLASH | CONCAT) right=valueExpression  #arithmeticBinary
    | left=valueExpression operator=(PLUS | MINUS) right=valueExpression         #arithmeticBinary
    ;

// The special forms come before the generic function call: for input both can match (e.g.
// POSITION(a IN (b))) the first alternative wins.
primaryExpression
    : NULL                                                                       #nullLiteral
    | value=(TRUE | FALSE)                                                       #booleanLiteral
    | number=(INTEGER_VALUE | DECIMAL_VALUE | DOUBLE_VALUE)                      #numericLiteral
    | STRING                                                                     #stringLiteral
    | BINARY_STRING                                                              #binaryLiteral
    | kind=(DATE | TIME | TIMESTAMP) STRING                                      #dateTimeLiteral
    | intervalLiteral                                                            #interval
    | CASE operand=expression whenClause+ (ELSE elseResult=expression)? END     #simpleCase
    | CASE whenClause+ (ELSE elseResult=expression)? END                        #searchedCase
    | CAST LPAREN expression AS dataType RPAREN                                  #cast
    | EXTRACT LPAREN timeUnit FROM valueExpression RPAREN                        #extract
    | STEP LPAREN operand=expression BY step=expression RPAREN                   #step
    | function=(FLOOR | CEIL | CEILING) LPAREN expression (TO timeUnit)? RPAREN  #floorCeil
    | POSITION LPAREN needle=valueExpression IN haystack=valueExpression RPAREN  #position
    | SUBSTRING LPAREN source=valueExpression FROM startPosition=valueExpression
      (FOR length=valueExpression)? RPAREN                                       #substring
    | OVERLAY LPAREN source=valueExpression PLACING replacement=valueExpression
      FROM startPosition=valueExpression (FOR length=valueExpression)? RPAREN    #overlay
    | TRIM LPAREN (specification=(BOTH | LEADING | TRAILING)? character=valueExpression? FROM)?
      source=valueExpression RPAREN                                              #trim
    | EXISTS LPAREN query RPAREN                                                 #exists
    | LPAREN query RPAREN                                                        #scalarSubquery
    | name=(CURRENT_DATE | CURRENT_TIME | CURRENT_TIMESTAMP | CURRENT_ROW_TIMESTAMP
        | LOCALTIME | LOCALTIMESTAMP | CURRENT_PATH | CURRENT_USER | SYSTEM_USER)  #niladicFunction
    | identifier LPAREN ASTERISK RPAREN over?                                    #starFunctionCall
    | identifier LPAREN (setQuantifier? functionArgument (COMMA functionArgument)*)? RPAREN
      (FROM fromEnd=(FIRST | LAST))? nullTreatment? over?                         #functionCall
    | identifier (DOT identifier)*                                               #columnReference
    | LPAREN difference=valueExpression RPAREN intervalQualifier                 #datetimeDifference
    | LPAREN expression RPAREN                                                   #parenthesized
    ;

functionArgument
    : CURSOR LPAREN query RPAREN      #cursorArgument
    | identifier ARROW expression     #namedArgument
    | expression                      #positionalArgument
    ;

whenClause
    : WHEN condition=expression THEN result=expression
    ;

nullTreatment
    : (RESPECT | IGNORE) NULLS
    ;

over
    : OVER identifier
    | OVER LPAREN windowSpecification RPAREN
    ;

intervalLiteral
    : INTERVAL sign=(PLUS | MINUS)? STRING intervalQualifier
    ;

intervalQualifier
    : startUnit=timeUnit (TO endUnit=timeUnit)?
    ;

timeUnit
    : YEAR | MONTH | DAY | HOUR | MINUTE | SECOND
    ;

// ---------------------------------------------------------------------------------------------
// Identifiers. Keywords below are not reserved: KDA applications may use them as names.

identifier
    : IDENTIFIER
    | QUOTED_IDENTIFIER
    | nonReserved
    ;

nonReserved
    : ASC | BIGINT | BINARY | BOOLEAN | CHAR | CHARACTER | DEC | DECIMAL | DESC | DESCRIPTION
    | DOUBLE | FIRST | FLOAT | IGNORE | INT | INTEGER | LAST | NULLS | NUMERIC | OVERLAY | PLACING
    | POSITION | PRECISION | PUMP | REAL | REPLACE | RESPECT | SMALLINT | STAGGER | STEP | SUBSTRING
    | TINYINT | TRIM | VARBINARY | VARCHAR | VARYING
    ;
