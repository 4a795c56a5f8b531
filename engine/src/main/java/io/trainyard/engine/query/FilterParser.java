package io.trainyard.engine.query;

import io.trainyard.engine.query.Filter.Operator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads the filter language, a recursive-descent parser over a hand-written tokenizer:
 *
 * <pre>
 * filter     := or
 * or         := and ('or' and)*
 * and        := unary ('and' unary)*
 * unary      := 'not' unary | '(' filter ')' | comparison
 * comparison := field ('=' | '!=' | '&lt;' | '&lt;=' | '&gt;' | '&gt;=' | '~') value | field 'in' '(' value (',' value)* ')'
 * value      := number | 'text' | "text" | true | false
 * </pre>
 *
 * Keywords are case-insensitive. Every error names the column where reading stopped. A filter is bounded, so that
 * neither this parser nor the database's can run out of stack: {@value #MAX_DEPTH} levels of parentheses and
 * {@code not}, {@value #MAX_COMPARISONS} comparisons, {@value #MAX_VALUES} values in one {@code in} list.
 */
public final class FilterParser {

    static final int MAX_DEPTH = 100;
    static final int MAX_COMPARISONS = 1000;
    static final int MAX_VALUES = 50_000;

    private final String text;
    private final List<Token> tokens;
    private int position;
    private int depth;
    private int comparisons;

    private FilterParser(String text) {
        this.text = text;
        this.tokens = tokenize(text);
    }

    public static Filter parse(String text) {
        FilterParser parser = new FilterParser(text);
        if (parser.peek().type == Type.END) {
            throw parser.error(parser.peek(), "the filter is empty; write e.g. metrics.test_accuracy >= 0.8");
        }
        Filter filter = parser.or();
        if (parser.peek().type != Type.END) {
            throw parser.error(parser.peek(), "expected 'and', 'or' or the end, found '" + parser.peek().text + "'");
        }
        return filter;
    }

    /** A field name on its own, as {@code --order} takes it; {@code what} names the option in errors. */
    static Field field(String what, String text, int start, String name) {
        if (name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
            throw new FilterSyntaxException(what, text, start, "'" + name + "' has an empty part between dots;"
                    + " write e.g. params.optimizer.lr or metrics.test_loss.min");
        }
        int dot = name.indexOf('.');
        String scope = dot < 0 ? name : name.substring(0, dot);
        String rest = dot < 0 ? "" : name.substring(dot + 1);
        switch (scope) {
            case "params", "tags" -> {
                if (rest.isEmpty()) {
                    throw new FilterSyntaxException(what, text, start, "'" + scope + ".' needs a key, e.g. "
                            + (scope.equals("params") ? "params.optimizer.lr" : "tags.baseline"));
                }
                return new Field(scope.equals("params") ? Field.Scope.PARAM : Field.Scope.TAG, rest, null);
            }
            case "metrics" -> {
                int last = rest.lastIndexOf('.');
                String aggregate = rest.substring(last + 1).toLowerCase(Locale.ROOT);
                if (last > 0 && Field.AGGREGATES.contains(aggregate)) {
                    return new Field(Field.Scope.METRIC, rest.substring(0, last), aggregate);
                }
                if (rest.isEmpty()) {
                    throw new FilterSyntaxException(what, text, start, "'metrics.' needs a metric, e.g."
                            + " metrics.test_accuracy or metrics.test_loss.min");
                }
                return new Field(Field.Scope.METRIC, rest, "last");
            }
            default -> {
                for (Field.Attribute attribute : Field.Attribute.values()) {
                    if (attribute.label().equals(name)) {
                        return new Field(Field.Scope.ATTRIBUTE, name, null);
                    }
                }
                throw new FilterSyntaxException(what, text, start, "unknown field '" + name + "'; use params.KEY,"
                        + " metrics.NAME[.first|.last|.min|.max], tags.KEY or one of "
                        + Arrays.stream(Field.Attribute.values()).map(Field.Attribute::label)
                                .collect(Collectors.joining(", ")));
            }
        }
    }

    private Filter or() {
        Filter left = and();
        while (keyword("or")) {
            left = new Filter.Or(left, and());
        }
        return left;
    }

    private Filter and() {
        Filter left = unary();
        while (keyword("and")) {
            left = new Filter.And(left, unary());
        }
        return left;
    }

    private Filter unary() {
        Token start = peek();
        if (keyword("not")) {
            deeper(start);
            Filter negated = new Filter.Not(unary());
            depth--;
            return negated;
        }
        if (peek().type == Type.OPEN) {
            next();
            deeper(start);
            Filter inner = or();
            expect(Type.CLOSE, "')' to close the '('");
            depth--;
            return inner;
        }
        if (++comparisons > MAX_COMPARISONS) {
            throw error(start, "the filter has more than " + MAX_COMPARISONS + " comparisons; for many values of"
                    + " one field write FIELD in (v1, v2, ...)");
        }
        return comparison();
    }

    private void deeper(Token start) {
        if (++depth > MAX_DEPTH) {
            throw error(start, "the filter nests parentheses and 'not' more than " + MAX_DEPTH + " levels deep;"
                    + " simplify it");
        }
    }

    private Filter comparison() {
        Token name = next();
        if (name.type != Type.WORD || isKeyword(name)) {
            throw error(name, "expected a field such as metrics.test_accuracy or params.optimizer.lr, found "
                    + describe(name));
        }
        Field field = field("filter", text, name.start, name.text);
        if (keyword("in")) {
            expect(Type.OPEN, "'(' after 'in'");
            List<Object> values = new ArrayList<>();
            do {
                if (values.size() == MAX_VALUES) {
                    throw error(peek(), "an 'in' list holds at most " + MAX_VALUES + " values; split the query");
                }
                values.add(value());
            } while (accept(Type.COMMA));
            expect(Type.CLOSE, "',' or ')' in the list after 'in'");
            return new Filter.Comparison(field, Operator.IN, values);
        }
        Token operator = next();
        if (operator.type != Type.OPERATOR) {
            throw error(operator, "expected a comparison (= != < <= > >= ~ in) after " + field + ", found "
                    + describe(operator));
        }
        Operator op = switch (operator.text) {
            case "=", "==" -> Operator.EQUAL;
            case "!=", "<>" -> Operator.NOT_EQUAL;
            case "<" -> Operator.LESS;
            case "<=" -> Operator.LESS_OR_EQUAL;
            case ">" -> Operator.GREATER;
            case ">=" -> Operator.GREATER_OR_EQUAL;
            default -> Operator.MATCHES;
        };
        Token valueToken = peek();
        Object value = value();
        if (op == Operator.MATCHES && !(value instanceof String)) {
            throw error(valueToken, "'~' matches text: quote the pattern, e.g. ~ 'adam*'");
        }
        return new Filter.Comparison(field, op, List.of(value));
    }

    private Object value() {
        Token token = next();
        return switch (token.type) {
            case NUMBER -> Double.parseDouble(token.text);
            case STRING -> token.text;
            case WORD -> switch (token.text.toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw error(token, "expected a value; quote text, as in '" + token.text + "'");
            };
            default -> throw error(token, "expected a value (a number, 'text', true or false), found "
                    + describe(token));
        };
    }

    private boolean keyword(String word) {
        if (peek().type == Type.WORD && peek().text.equalsIgnoreCase(word)) {
            position++;
            return true;
        }
        return false;
    }

    private static boolean isKeyword(Token token) {
        return List.of("and", "or", "not", "in").contains(token.text.toLowerCase(Locale.ROOT));
    }

    private boolean accept(Type type) {
        if (peek().type == type) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(Type type, String what) {
        if (!accept(type)) {
            throw error(peek(), "expected " + what + ", found " + describe(peek()));
        }
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token next() {
        Token token = tokens.get(position);
        if (token.type != Type.END) {
            position++;
        }
        return token;
    }

    private static String describe(Token token) {
        return token.type == Type.END ? "the end of the filter" : "'" + token.text + "'";
    }

    private FilterSyntaxException error(Token token, String problem) {
        return new FilterSyntaxException("filter", text, token.start, problem);
    }

    private enum Type { WORD, NUMBER, STRING, OPERATOR, OPEN, CLOSE, COMMA, END }

    private record Token(Type type, String text, int start) {
    }

    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == ',') {
                tokens.add(new Token(c == '(' ? Type.OPEN : c == ')' ? Type.CLOSE : Type.COMMA, String.valueOf(c), i));
                i++;
            } else if (c == '\'' || c == '"') {
                StringBuilder value = new StringBuilder();
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw new FilterSyntaxException("filter", text, start, "this text has no closing " + c);
                    }
                    if (text.charAt(i) == c) {
                        if (i + 1 < text.length() && text.charAt(i + 1) == c) {
                            value.append(c);
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    value.append(text.charAt(i++));
                }
                tokens.add(new Token(Type.STRING, value.toString(), start));
            } else if ("=!<>~".indexOf(c) >= 0) {
                String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
                String operator = List.of("==", "!=", "<>", "<=", ">=").contains(two) ? two : String.valueOf(c);
                if (operator.equals("!")) {
                    throw new FilterSyntaxException("filter", text, i, "'!' must be followed by '='; write 'not' to"
                            + " negate");
                }
                tokens.add(new Token(Type.OPERATOR, operator, i));
                i += operator.length();
            } else if (Character.isDigit(c) || ((c == '-' || c == '+' || c == '.') && i + 1 < text.length()
                    && (Character.isDigit(text.charAt(i + 1)) || text.charAt(i + 1) == '.'))) {
                i++;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '.'
                        || ((text.charAt(i) == '-' || text.charAt(i) == '+')
                                && Character.toLowerCase(text.charAt(i - 1)) == 'e'))) {
                    i++;
                }
                String number = text.substring(start, i);
                try {
                    Double.parseDouble(number);
                } catch (NumberFormatException e) {
                    throw new FilterSyntaxException("filter", text, start, "'" + number + "' is not a number");
                }
                tokens.add(new Token(Type.NUMBER, number, start));
            } else if (Character.isLetter(c) || c == '_') {
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || "_.-".indexOf(text.charAt(i))
                        >= 0)) {
                    i++;
                }
                tokens.add(new Token(Type.WORD, text.substring(start, i), start));
            } else {
                throw new FilterSyntaxException("filter", text, i, "unexpected character '" + c + "'");
            }
        }
        tokens.add(new Token(Type.END, "", text.length()));
        return tokens;
    }
}
