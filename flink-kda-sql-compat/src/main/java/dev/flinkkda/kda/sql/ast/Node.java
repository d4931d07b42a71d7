package dev.flinkkda.kda.sql.ast;

/** A node of the syntax tree; it knows where it starts in the source. */
public sealed interface Node
        permits Statement,
                Query,
                SelectItem,
                Relation,
                Expression,
                Identifier,
                ColumnDefinition,
                DataType,
                StaggerWindow,
                NamedWindow,
                Over,
                WindowFrame,
                FrameBound,
                SortItem,
                WhenClause {

    /** Where the node's first token is. */
    SourcePosition position();
}
