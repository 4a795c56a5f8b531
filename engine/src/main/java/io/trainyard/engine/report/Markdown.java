package io.trainyard.engine.report;

/**
 * Text in Markdown (a table cell or a paragraph), shown as the text it is: HTML cannot open ({@code <script>} stays
 * letters), Markdown cannot format or link ({@code [x](javascript:...)}, emphasis, code spans), a pipe cannot end the cell and a new
 * line cannot end the row.
 */
public final class Markdown {

    private Markdown() {
    }

    public static String escape(String text) {
        StringBuilder cell = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> cell.append("&amp;");
                case '<' -> cell.append("&lt;");
                case '>' -> cell.append("&gt;");
                case '\n' -> cell.append("<br>");
                case '\r' -> { }
                case '\\', '`', '*', '_', '[', ']', '(', ')', '#', '|', '!', '~' -> cell.append('\\').append(c);
                default -> cell.append(c);
            }
        }
        return cell.toString();
    }
}
