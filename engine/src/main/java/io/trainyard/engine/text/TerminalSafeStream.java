package io.trainyard.engine.text;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What Trainyard prints to a terminal, with every control character a stored string could carry shown as {@code ?}:
 * escape sequences (ANSI colours, OSC titles, cursor moves), carriage returns and backspaces that overwrite what
 * was printed, and the C1 controls. New lines, tabs and CRLF line ends (CSV's) pass. One filter on the console, so that no command can
 * forget it for a note, a tag, a name or an error message.
 */
public final class TerminalSafeStream extends FilterOutputStream {

    private static final int REPLACEMENT = '?';
    /** UTF-8 encodes the C1 controls U+0080..U+009F as 0xC2 followed by 0x80..0x9F. */
    private static final int C1_LEAD = 0xC2;
    private static final int NONE = -1;

    /** A byte whose meaning depends on the next: a C1 lead, or a carriage return that only a CRLF keeps. */
    private int pending = NONE;

    private TerminalSafeStream(OutputStream out) {
        super(out);
    }

    /** {@code out}, filtered, as a UTF-8 print stream that flushes at each line like the console does. */
    public static PrintStream wrap(PrintStream out) {
        return new PrintStream(new TerminalSafeStream(out), true, StandardCharsets.UTF_8);
    }

    @Override
    public void write(int b) throws IOException {
        int unsigned = b & 0xFF;
        if (pending == C1_LEAD) {
            pending = NONE;
            if (unsigned >= 0x80 && unsigned <= 0x9F) {
                out.write(REPLACEMENT);
                return;
            }
            out.write(C1_LEAD);
        } else if (pending == '\r') {
            pending = NONE;
            out.write(unsigned == '\n' ? '\r' : REPLACEMENT);
        }
        if (unsigned == C1_LEAD || unsigned == '\r') {
            pending = unsigned;
        } else if (unsigned < 0x20 && unsigned != '\n' && unsigned != '\t' || unsigned == 0x7F) {
            out.write(REPLACEMENT);
        } else {
            out.write(unsigned);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        int end = offset + length;
        int clean = offset;
        for (int i = offset; i < end; i++) {
            int unsigned = bytes[i] & 0xFF;
            if (pending != NONE || unsigned < 0x20 || unsigned == 0x7F || unsigned == C1_LEAD) {
                out.write(bytes, clean, i - clean);
                write(bytes[i]);
                clean = i + 1;
            }
        }
        out.write(bytes, clean, end - clean);
    }

    @Override
    public void close() throws IOException {
        if (pending != NONE) {
            out.write(pending == C1_LEAD ? C1_LEAD : REPLACEMENT);
            pending = NONE;
        }
        out.flush();
    }
}
