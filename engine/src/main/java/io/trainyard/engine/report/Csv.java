package io.trainyard.engine.report;

/**
 * Text for a CSV cell that a spreadsheet opens as text: a cell starting with {@code = + - @}, a tab or a carriage
 * return would be read as a formula ({@code =HYPERLINK(...)}, DDE), so it gets a leading apostrophe, as OWASP's
 * CSV injection advice says. Numbers are written as numbers and never changed; only text is.
 */
final class Csv {

    private Csv() {
    }

    static String text(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }
}
